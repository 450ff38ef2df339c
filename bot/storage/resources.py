"""Declared resources the reconciler created or adopted (``owned_resources``)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.domain.resource_records import Origin, ResourceRecord
from bot.storage.by_guild import fetch_for_guilds
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database, Row

_COLUMNS = "guild_id, resource_key, kind, discord_id, origin, content_hash, content, renames"
# Only constant column names are interpolated into SQL; values are always bound.
_SELECT = f"SELECT {_COLUMNS} FROM owned_resources"  # noqa: S608
_UPSERT = (
    f"INSERT INTO owned_resources ({_COLUMNS}, updated_at) "  # noqa: S608
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, resource_key) DO UPDATE SET kind = excluded.kind, "
    "discord_id = excluded.discord_id, origin = excluded.origin, "
    "content_hash = excluded.content_hash, content = excluded.content, "
    "renames = excluded.renames, updated_at = excluded.updated_at"
)


def _record(row: Row) -> ResourceRecord:
    return ResourceRecord(
        guild_id=row["guild_id"],
        key=row["resource_key"],
        kind=row["kind"],
        discord_id=row["discord_id"],
        origin=Origin(row["origin"]),
        content_hash=row["content_hash"],
        content=row["content"],
        renames=tuple(time_from_db(t) for t in json.loads(row["renames"] or "[]")),
    )


class ResourceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def list_for_guild(self, guild_id: int) -> list[ResourceRecord]:
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE guild_id = ? ORDER BY resource_key", (guild_id,)
        )
        return [_record(r) for r in rows]

    async def list_for_guilds(self, guild_ids: Iterable[int]) -> list[ResourceRecord]:
        """Every record of these guilds (in a few statements), by guild and key."""
        rows = await fetch_for_guilds(
            self._db, _SELECT, guild_ids, order_by="guild_id, resource_key"
        )
        return [_record(r) for r in rows]

    async def upsert(self, record: ResourceRecord) -> None:
        # A Discord id stands for one key: a key that takes over an id (adopted again under
        # a new key) frees it from the old one first.
        await self._db.execute(
            "DELETE FROM owned_resources WHERE guild_id = ? AND discord_id = ? "
            "AND resource_key <> ?",
            (record.guild_id, record.discord_id, record.key),
        )
        renames = json.dumps([time_to_db(t) for t in record.renames])
        await self._db.execute(
            _UPSERT,
            (
                record.guild_id,
                record.key,
                record.kind,
                record.discord_id,
                record.origin.value,
                record.content_hash,
                record.content,
                renames,
                time_to_db(self._db.now()),
            ),
        )

    async def delete(self, guild_id: int, key: str) -> None:
        await self._db.execute(
            "DELETE FROM owned_resources WHERE guild_id = ? AND resource_key = ?", (guild_id, key)
        )
