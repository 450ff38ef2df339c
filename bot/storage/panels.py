"""Panel messages the bot posted (read by the reconciler, written after apply)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.records import PanelRecord
from bot.storage.by_guild import fetch_for_guilds
from bot.storage.codec import time_to_db
from bot.storage.database import Database, Row

_COLUMNS = "guild_id, panel_id, channel_id, message_id, content_hash, content"
# Only constant column names are interpolated into SQL; values are always bound.
_SELECT = f"SELECT {_COLUMNS} FROM panels"  # noqa: S608
_UPSERT = f"INSERT INTO panels ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "  # noqa: S608


def _record(row: Row) -> PanelRecord:
    return PanelRecord(
        guild_id=row["guild_id"],
        panel_id=row["panel_id"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        content_hash=row["content_hash"],
        content=row["content"],
    )


class PanelRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def list_for_guild(self, guild_id: int) -> list[PanelRecord]:
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE guild_id = ? ORDER BY panel_id",
            (guild_id,),
        )
        return [_record(r) for r in rows]

    async def list_for_guilds(self, guild_ids: Iterable[int]) -> list[PanelRecord]:
        """Every record of these guilds (in a few statements), by guild and panel."""
        rows = await fetch_for_guilds(self._db, _SELECT, guild_ids, order_by="guild_id, panel_id")
        return [_record(r) for r in rows]

    async def list_all(self) -> list[PanelRecord]:
        rows = await self._db.fetch_all(f"{_SELECT} ORDER BY guild_id, panel_id")
        return [_record(r) for r in rows]

    async def get(self, guild_id: int, panel_id: str) -> PanelRecord | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE guild_id = ? AND panel_id = ?",
            (guild_id, panel_id),
        )
        return None if row is None else _record(row)

    async def upsert(self, record: PanelRecord) -> None:
        await self._db.execute(
            _UPSERT
            + "ON CONFLICT (guild_id, panel_id) DO UPDATE SET channel_id = excluded.channel_id, "
            "message_id = excluded.message_id, content_hash = excluded.content_hash, "
            "content = excluded.content, updated_at = excluded.updated_at",
            (
                record.guild_id,
                record.panel_id,
                record.channel_id,
                record.message_id,
                record.content_hash,
                record.content,
                time_to_db(self._db.now()),
            ),
        )

    async def delete(self, guild_id: int, panel_id: str) -> None:
        # Returns None to match bot.reconcile.port.PanelStore; deleting twice is harmless.
        await self._db.execute(
            "DELETE FROM panels WHERE guild_id = ? AND panel_id = ?", (guild_id, panel_id)
        )
