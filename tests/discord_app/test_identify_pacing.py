"""The bot's identify pacing: the rest of Discord's 5-second window for a bucket that just
identified, nothing for a bucket that has not, buckets keyed by shard_id % max_concurrency."""

from __future__ import annotations

from bot.discord_app.identify_pacing import IDENTIFY_WINDOW, IdentifyPacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_a_first_identify_never_waits_and_a_second_waits_the_rest_of_the_window() -> None:
    time = FakeTime()
    pacer = IdentifyPacer(clock=time.clock, sleep=time.sleep)
    assert await pacer.wait(None) == 0
    time.now += 2.0  # an INVALID_SESSION two seconds later
    assert await pacer.wait(None) == IDENTIFY_WINDOW - 2.0
    time.now += 30.0
    assert await pacer.wait(None) == 0
    assert time.slept == [IDENTIFY_WINDOW - 2.0]


async def test_shards_in_different_buckets_start_together() -> None:
    time = FakeTime()
    pacer = IdentifyPacer(clock=time.clock, sleep=time.sleep)
    waits = [await pacer.wait(shard, max_concurrency=2) for shard in range(4)]
    # Shards 0 and 1 at once; 2 and 3 (buckets 0 and 1 again) a window later.
    assert waits == [0, 0, IDENTIFY_WINDOW, 0]
    assert time.slept == [IDENTIFY_WINDOW]
