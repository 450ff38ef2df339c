"""Discord's identify limit, kept by the bot itself: "max_concurrency" IDENTIFYs per 5 seconds,
in buckets keyed by `shard_id % max_concurrency` (developer docs, "Gateway", Max Concurrency).
Beyond it Discord answers INVALID_SESSION and the session does not start.

discord.py's default `before_identify_hook` sleeps a flat 5 s before every IDENTIFY but a
shard's first: a re-identify after INVALID_SESSION always waits 5 s, and shards that could start
together (max_concurrency > 1) start one by one. The pacer waits only what the limit requires:
the rest of the 5 s since the same bucket last identified, nothing for a bucket that has not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

IDENTIFY_WINDOW = 5.0  # seconds: the docs' "identify requests allowed per 5 seconds"


class IdentifyPacer:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._last: dict[int, float] = {}  # bucket -> when it last identified
        self._lock = asyncio.Lock()

    async def wait(self, shard_id: int | None, max_concurrency: int = 1) -> float:
        """Wait until `shard_id` may identify, and count it as identifying now; returns the
        seconds waited."""
        bucket = (shard_id or 0) % max(1, max_concurrency)
        async with self._lock:  # shards of one bucket identify one after the other
            last = self._last.get(bucket)
            delay = 0.0 if last is None else max(0.0, last + IDENTIFY_WINDOW - self._clock())
            if delay:
                await self._sleep(delay)
            self._last[bucket] = self._clock()
        return delay
