"""Per-guild sequences (ticket numbers), allocated by one atomic statement."""

from __future__ import annotations

from bot.storage.database import Database

TICKET_NUMBERS = "ticket"


class CounterRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def next(self, guild_id: int, name: str = TICKET_NUMBERS) -> int:
        """Allocate and return the next value (1 for a new counter).

        One UPSERT ... RETURNING: the increment and the read are the same statement, so
        concurrent callers (tasks or processes) can never get the same value.
        """
        value = await self._db.fetch_value(
            "INSERT INTO counters (guild_id, name, last_value) VALUES (?, ?, 1) "
            "ON CONFLICT (guild_id, name) DO UPDATE SET last_value = counters.last_value + 1 "
            "RETURNING last_value",
            (guild_id, name),
        )
        return int(value)

    async def peek(self, guild_id: int, name: str = TICKET_NUMBERS) -> int:
        """The last value handed out (0 if none); for display, never for allocation."""
        value = await self._db.fetch_value(
            "SELECT last_value FROM counters WHERE guild_id = ? AND name = ?", (guild_id, name)
        )
        return 0 if value is None else int(value)
