"""The durable queue of log and reception lines (see ``V014__log_queue.sql``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.storage.codec import time_to_db
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class QueuedLine:
    id: int
    guild_id: int
    channel_id: int
    content: str
    batch: int | None = None


class LogQueueRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, guild_id: int, channel_id: int, content: str) -> int:
        return await self._db.insert(
            "INSERT INTO log_queue (guild_id, channel_id, content, created_at) VALUES (?, ?, ?, ?)",
            (guild_id, channel_id, content, time_to_db(self._db.now())),
        )

    async def pending(self, channel_id: int, *, limit: int = 100) -> list[QueuedLine]:
        """The channel's oldest lines, in the order they were written."""
        rows = await self._db.fetch_all(
            "SELECT id, guild_id, channel_id, content, batch FROM log_queue "
            "WHERE channel_id = ? ORDER BY id LIMIT ?",
            (channel_id, limit),
        )
        return [
            QueuedLine(r["id"], r["guild_id"], r["channel_id"], r["content"], r["batch"])
            for r in rows
        ]

    async def channels(self, guild_ids: Iterable[int]) -> list[int]:
        """Channels with lines waiting, of these guilds (a start-up after a crash)."""
        wanted = set(guild_ids)
        rows = await self._db.fetch_all("SELECT DISTINCT guild_id, channel_id FROM log_queue")
        return sorted({r["channel_id"] for r in rows if r["guild_id"] in wanted})

    async def pack(self, ids: list[int]) -> None:
        """Mark ``ids`` as one message (its batch: the first id) before it is posted."""
        marks = ",".join("?" * len(ids))
        await self._db.execute(
            f"UPDATE log_queue SET batch = ? WHERE id IN ({marks})",  # noqa: S608 - placeholders only
            (ids[0], *ids),
        )

    async def done(self, ids: list[int]) -> None:
        marks = ",".join("?" * len(ids))
        await self._db.execute(
            f"DELETE FROM log_queue WHERE id IN ({marks})",  # noqa: S608 - placeholders only
            tuple(ids),
        )

    async def count(self) -> int:
        return int(await self._db.fetch_value("SELECT count(*) FROM log_queue"))
