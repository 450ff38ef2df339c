"""Hash of the last slash-command payload synced per scope, so syncs happen on change only."""

from __future__ import annotations

from bot.domain.records import CommandSyncRecord
from bot.storage.codec import time_to_db
from bot.storage.database import Database


class CommandSyncRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, scope: str) -> CommandSyncRecord | None:
        row = await self._db.fetch_one(
            "SELECT scope, payload_hash FROM command_sync WHERE scope = ?", (scope,)
        )
        return None if row is None else CommandSyncRecord(row["scope"], row["payload_hash"])

    async def put(self, record: CommandSyncRecord) -> None:
        await self._db.execute(
            "INSERT INTO command_sync (scope, payload_hash, synced_at) VALUES (?, ?, ?) "
            "ON CONFLICT (scope) DO UPDATE SET payload_hash = excluded.payload_hash, "
            "synced_at = excluded.synced_at",
            (record.scope, record.payload_hash, time_to_db(self._db.now())),
        )
