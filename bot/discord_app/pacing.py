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
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord

DISCORD_GLOBAL_PER_SECOND = 50
BUDGET_PER_SECOND = 45  # the margin: a few requests counted in another second than sent

T = TypeVar("T")


class GlobalPacer:
    """Requests spaced evenly, `rate` per second: a request waits for its turn, at most
    `1 / rate` after the one before it.

    Even spacing rather than `rate` at once then a pause: Discord counts a request when it
    arrives, and arrival times drift by some milliseconds (a new connection is slower than a
    warm one), so a second's budget sent at once would partly land in the next second, on top
    of its own. Evenly spaced at 45 per second, any 1.1 s of arrivals holds at most 50."""

    def __init__(
        self,
        rate: int = BUDGET_PER_SECOND,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate < 1:
            raise ValueError("the pacer needs a rate of 1 or more")
        self.rate = rate
        self._clock = clock
        self._next = -math.inf  # when the next request may leave
        self.waited = 0.0  # seconds requests were held back, for logs and benchmarks

    @classmethod
    def for_shards(cls, serves: int, shard_count: int | None) -> GlobalPacer:
        """This process's share of the bot's budget: `serves` of `shard_count` shards."""
        if not shard_count or serves >= shard_count:
            return cls()
        return cls(max(1, BUDGET_PER_SECOND * serves // shard_count))

    async def wait(self) -> None:
        now = self._clock()
        turn = max(now, self._next)
        self._next = turn + 1 / self.rate  # taken before sleeping: requests keep their order
        if turn > now:
            self.waited += turn - now
            await asyncio.sleep(turn - now)

    def pace(self, request: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        """`request` (discord.py's ``HTTPClient.request``), each call waiting its turn."""

        async def paced(*args: Any, **kwargs: Any) -> T:
            await self.wait()
            return await request(*args, **kwargs)

        return paced


def pace_client(client: discord.Client, pacer: GlobalPacer | None = None) -> GlobalPacer:
    """Route every REST request of `client` through `pacer` (a fresh one by default)."""
    pacer = pacer or GlobalPacer()
    client.http.request = pacer.pace(client.http.request)  # type: ignore[method-assign]
    return pacer
