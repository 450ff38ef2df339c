"""Keeping the bot under Discord's global rate limit before Discord has to say so.

"All bots can make up to 50 requests per second to our API" (developers/topics/rate-limits).
discord.py waits out per-route buckets from the headers, but learns of the global limit only
from a 429, and every 429 counts toward Discord's invalid-request limit (10,000 per 10 minutes,
then a temporary ban). A burst (an apply over many servers, a rush of openings) would meet it.
:class:`GlobalPacer` spaces the bot's REST requests evenly so that no second holds more than its
budget; interaction callbacks and follow-ups go through discord.py's webhook adapter and are
not bound by the global limit, so they are not paced.

The budget is a margin under 50 (requests leave this process a little apart from when Discord
counts them), split between processes by their share of the shards: the limit is the bot's,
whatever the number of processes.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord

from bot.discord_app.http_client import tune_http
from bot.discord_app.http_errors import answer_within_deadline, holding
from bot.services import urgency

DISCORD_GLOBAL_PER_SECOND = 50
# A steady 40 a second with bursts of 5: any 1.1 s of arrivals (the send-to-count drift is
# milliseconds) holds at most 5 + 1.1 x 40 = 49 requests.
BUDGET_PER_SECOND = 40
BURST = 5

T = TypeVar("T")


class GlobalPacer:
    """At most `burst` requests at once, then `rate` a second, evenly spaced (the generic cell
    rate algorithm): in any span of `t` seconds, at most `burst + rate * t` leave.

    Not `rate` at once then a pause: Discord counts a request when it arrives, and arrival
    times drift by some milliseconds (a new connection is slower than a warm one), so a
    second's whole budget sent at once could partly land in the next second, on top of that
    second's own. A small burst keeps a member's few sequential requests unpaced.

    **Who goes first.** When requests must wait, the next free slot goes to the waiting
    request of highest urgency (``bot.services.urgency.rank``): the operation begun earliest
    among those someone waits for, background work after them (not for ever). Slots are
    handed out one at a time, each when it comes due, so a request arriving late but more
    urgent passes those still waiting; the budget is the same whoever gets the slot. A
    request that finds nobody waiting and a slot free goes at once, without queueing.

    ``clock`` must count the seconds of ``time.monotonic`` (ranks are compared across
    requests); it is a parameter for tests."""

    def __init__(
        self,
        rate: int = BUDGET_PER_SECOND,
        burst: int = BURST,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate < 1 or burst < 1:
            raise ValueError("the pacer needs a rate and a burst of 1 or more")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._interval = 1 / rate
        self._tolerance = (burst - 1) * self._interval
        self._due = -math.inf  # the theoretical arrival time of the next request
        # Waiting requests: (rank, arrival order, arrived at, woken when its slot comes).
        self._queue: list[tuple[float, int, float, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._dispatcher: asyncio.Task[None] | None = None
        self.waited = 0.0  # seconds requests were held back in all, for benchmarks

    @classmethod
    def for_shards(cls, serves: int, shard_count: int | None) -> GlobalPacer:
        """This process's share of the bot's budget: `serves` of `shard_count` shards."""
        if not shard_count or serves >= shard_count:
            return cls()
        share = max(1, BUDGET_PER_SECOND * serves // shard_count)
        return cls(share, max(1, BURST * serves // shard_count))

    @property
    def queued(self) -> int:
        """Requests waiting for their slot now."""
        return sum(1 for *_, future in self._queue if not future.done())

    def _slot(self, now: float) -> float:
        """When the next request may leave (``now`` or later)."""
        return max(now, max(self._due, now) - self._tolerance)

    def _take(self, now: float) -> None:
        self._due = max(self._due, now) + self._interval

    async def wait(self) -> None:
        now = self._clock()
        if not self._queue and self._slot(now) <= now:
            self._take(now)  # a free slot and nobody waiting: no queue, no sleep
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._queue, (urgency.rank(now), next(self._order), now, future))
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.get_running_loop().create_task(
                self._dispatch(), name="guichet-pacer"
            )
        holding(True)  # out of time while queued, a port call knows it was never sent
        await future  # cancelled while waiting: the slot goes to the next one
        holding(False)

    async def _dispatch(self) -> None:
        """Hand out slots as they come due, each to the most urgent request waiting then."""
        while self._queue:
            now = self._clock()
            leave = self._slot(now)
            if leave > now:
                await asyncio.sleep(leave - now)
            while self._queue and self._queue[0][3].done():  # cancelled meanwhile
                heapq.heappop(self._queue)
            if not self._queue:
                return
            _, _, arrived, future = heapq.heappop(self._queue)
            # Counted when it leaves: woken late (a busy loop), the next slots start from
            # now, not from the slot missed, so no more than `burst` go out together.
            self._take(self._clock())
            self.waited += max(0.0, leave - arrived)
            future.set_result(None)

    def pace(self, request: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        """`request` (discord.py's ``HTTPClient.request``), each call waiting its turn."""

        async def paced(*args: Any, **kwargs: Any) -> T:
            await self.wait()
            return await request(*args, **kwargs)

        return paced


def pace_client(client: discord.Client, pacer: GlobalPacer | None = None) -> GlobalPacer:
    """Route every REST request of `client` through `pacer` (a fresh one by default), and
    tune its HTTP client for bursts (`bot.discord_app.http_client`): every client of ours
    is paced, and a burst needs both. Each request's own deadline starts once paced."""
    tune_http(client)
    pacer = pacer or GlobalPacer()
    # The pacer first, then the ports' "Discord did not answer" deadline: waiting for a
    # turn is not Discord failing to answer (bot.discord_app.http_errors.within).
    request = answer_within_deadline(client.http.request)
    client.http.request = pacer.pace(request)  # type: ignore[method-assign]
    return pacer
