"""The global pacer serves waiting requests by urgency (bot.services.urgency): the operation
begun earliest first, interactions before background work (which is never starved), and
never more than its budget, whoever gets the slots."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.discord_app.pacing import GlobalPacer
from bot.services import urgency
from bot.services.urgency import BACKGROUND_DEFERRAL

FROZEN = 5.0  # the pacer's clock in most tests: each request waits its whole turn


async def _request(
    pacer: GlobalPacer, name: str, order: list[str], *, started: float | None
) -> None:
    """One request, of an interaction begun at ``started`` (``None``: background work)."""
    if started is None:
        with urgency.background():
            await pacer.wait()
    else:
        with urgency.serving(started=started):
            await pacer.wait()
    order.append(name)


async def test_waiting_requests_go_by_urgency_not_by_arrival() -> None:
    pacer = GlobalPacer(100, burst=1, clock=lambda: FROZEN)
    order: list[str] = []
    # The free slot goes at once; the others queue, in this order of arrival.
    arrivals = [
        ("first", None),
        ("background", None),
        ("late click", 20.0),
        ("early click", 10.0),
        ("background 2", None),
    ]
    await asyncio.gather(*(_request(pacer, n, order, started=s) for n, s in arrivals))

    assert order == ["first", "early click", "late click", "background", "background 2"]


async def test_background_work_goes_before_interactions_begun_long_after_it() -> None:
    """Queued at 5.0, background work ranks as an interaction begun at 5.0 + the deferral:
    interactions begun before that pass it, those begun after do not."""
    pacer = GlobalPacer(100, burst=1, clock=lambda: FROZEN)
    order: list[str] = []
    arrivals = [
        ("first", None),
        ("much later click", FROZEN + BACKGROUND_DEFERRAL + 1),
        ("log line", None),
        ("later click", FROZEN + BACKGROUND_DEFERRAL - 1),
    ]
    await asyncio.gather(*(_request(pacer, n, order, started=s) for n, s in arrivals))

    assert order == ["first", "later click", "log line", "much later click"]


async def test_a_request_of_an_earlier_operation_passes_those_already_waiting() -> None:
    """Slots are given one at a time as they come due: an opening's next step, asked for
    while later openings wait, goes before them."""
    pacer = GlobalPacer(20, burst=1, clock=time.monotonic)  # a slot every 50 ms
    order: list[str] = []
    later = [
        asyncio.create_task(_request(pacer, f"later {i}", order, started=100.0 + i))
        for i in range(4)
    ]
    await later[0]  # it had the free slot; the others wait
    assert pacer.queued == 3

    await _request(pacer, "earlier, next step", order, started=1.0)
    await asyncio.gather(*later[1:])

    assert order == ["later 0", "earlier, next step", "later 1", "later 2", "later 3"]


async def test_a_cancelled_request_gives_its_turn_to_the_next() -> None:
    pacer = GlobalPacer(20, burst=1)
    order: list[str] = []
    first = asyncio.create_task(_request(pacer, "first", order, started=1.0))
    gone = asyncio.create_task(_request(pacer, "gone", order, started=2.0))
    last = asyncio.create_task(_request(pacer, "last", order, started=3.0))
    await first
    gone.cancel()
    await asyncio.gather(last, return_exceptions=True)

    assert gone.cancelled()
    assert order == ["first", "last"]
    assert pacer.queued == 0


async def test_whoever_gets_the_slots_no_span_holds_more_than_the_budget() -> None:
    """The cell-rate guarantee holds under reordering: in any span of t seconds, at most
    burst + rate x t requests leave."""
    rate, burst = 50, 3
    pacer = GlobalPacer(rate, burst=burst)
    left: list[float] = []

    async def one(index: int) -> None:
        started = None if index % 3 == 0 else float(60 - index)  # mixed, reversed ranks
        with urgency.serving(started=started) if started else urgency.background():
            await pacer.wait()
        left.append(time.monotonic())

    await asyncio.gather(*(one(i) for i in range(60)))

    assert len(left) == 60
    slack = 0.004  # the event loop wakes a sleeper a little early or late
    for i, start in enumerate(left):
        for j in range(i, len(left)):
            assert j - i + 1 <= burst + rate * (left[j] - start + slack), (i, j)
    assert pacer.waited == pytest.approx((60 - burst) * (60 - burst + 1) / 2 / rate, rel=0.2)


async def test_woken_late_the_pacer_sends_no_more_than_its_burst_at_once() -> None:
    """A busy event loop wakes the pacer late: the slots it missed are not made up for."""
    stall = [0.0]
    pacer = GlobalPacer(10, burst=2, clock=lambda: time.monotonic() + stall[0])
    left: list[float] = []

    async def one() -> None:
        await pacer.wait()
        left.append(time.monotonic() + stall[0])

    tasks = [asyncio.create_task(one()) for _ in range(6)]
    await asyncio.sleep(0.02)  # two had free slots; the pacer sleeps until the next, at 0.1 s
    stall[0] = 5.0  # it wakes as if the loop had been busy for 5 s
    await asyncio.gather(*tasks)

    woke = left[2]  # the first to go after the stall
    at_once = [t for t in left if woke <= t < woke + 0.05]  # the next slot is 0.1 s later
    assert len(at_once) == 2  # the burst, not the burst and the missed slot
