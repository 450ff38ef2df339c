"""Discord snowflake ids: 42 bits of milliseconds since the Discord epoch, then worker, process and
an increment. discord.py derives `created_at` from them, so ids must encode the creation time."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeFactory:
    """Monotonic snowflakes: strictly increasing even within one millisecond, so sorting by id
    sorts by creation like on Discord (message paging relies on it)."""

    def __init__(self, worker: int = 1, process: int = 0) -> None:
        self._prefix = ((worker & 0x1F) << 17) | ((process & 0x1F) << 12)
        self._last = 0
        # Discord's clock: a test that advances the bot's clock advances this one with it,
        # so message times read back agree with the bot's idea of now.
        self.clock: Callable[[], float] = time.time

    def next(self) -> int:
        now = int(self.clock() * 1000) - DISCORD_EPOCH_MS
        candidate = (now << 22) | self._prefix
        # Same millisecond (or clock moved back): keep increasing past the last id.
        self._last = max(candidate, self._last + 1)
        return self._last


def snowflake_time_ms(snowflake: int) -> int:
    """Unix time in milliseconds encoded in `snowflake`."""
    return (snowflake >> 22) + DISCORD_EPOCH_MS


def iso(ms: int | float) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).isoformat()


def snowflake_iso(snowflake: int) -> str:
    """The creation time `snowflake` encodes, as Discord's ISO 8601 timestamps."""
    return iso(snowflake_time_ms(snowflake))
