"""When a member last opened a ticket in a system, for ``cooldown``."""

from __future__ import annotations

from datetime import datetime

from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database


class CooldownRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def last_opened(self, guild_id: int, system_id: str, member_id: int) -> datetime | None:
        value = await self._db.fetch_value(
            "SELECT last_opened_at FROM cooldowns "
            "WHERE guild_id = ? AND system_id = ? AND member_id = ?",
            (guild_id, system_id, member_id),
        )
        return None if value is None else time_from_db(value)

    async def touch(self, guild_id: int, system_id: str, member_id: int, at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO cooldowns (guild_id, system_id, member_id, last_opened_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, system_id, member_id) "
            "DO UPDATE SET last_opened_at = excluded.last_opened_at",
            (guild_id, system_id, member_id, time_to_db(at)),
        )

    async def clear(self, guild_id: int, system_id: str, member_id: int) -> bool:
        changed = await self._db.execute(
            "DELETE FROM cooldowns WHERE guild_id = ? AND system_id = ? AND member_id = ?",
            (guild_id, system_id, member_id),
        )
        return changed > 0

    async def purge_before(self, cutoff: datetime) -> int:
        """Forget entries older than ``cutoff`` (older than the longest cooldown)."""
        return await self._db.execute(
            "DELETE FROM cooldowns WHERE last_opened_at < ?", (time_to_db(cutoff),)
        )
