"""When the bot renamed each ticket channel, for Discord's 2-renames-per-10-minutes rule."""

from __future__ import annotations

from datetime import datetime

from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database


class RenameRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def since(self, channel_id: int, since: datetime) -> list[datetime]:
        """The channel's renames after ``since``, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT renamed_at FROM channel_renames WHERE channel_id = ? AND renamed_at > ? "
            "ORDER BY renamed_at",
            (channel_id, time_to_db(since)),
        )
        return [time_from_db(r["renamed_at"]) for r in rows]

    async def record(self, channel_id: int, *, forget_before: datetime) -> datetime:
        """A rename now; the channel's renames older than ``forget_before`` go."""
        now = self._db.now()
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM channel_renames WHERE channel_id = ? AND renamed_at <= ?",
                (channel_id, time_to_db(forget_before)),
            )
            await self._db.execute(
                "INSERT INTO channel_renames (channel_id, renamed_at) VALUES (?, ?)",
                (channel_id, time_to_db(now)),
            )
        return now
