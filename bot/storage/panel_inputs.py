"""What each guild's panels were last rendered from (see bot.reconcile.inputs)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.storage.codec import time_to_db
from bot.storage.database import Database


class PanelInputsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def digests(self, guild_ids: Iterable[int]) -> dict[int, str]:
        """The stored digest of each of ``guild_ids`` that has one (one query for all)."""
        wanted = set(guild_ids)
        if not wanted:
            return {}
        rows = await self._db.fetch_all("SELECT guild_id, inputs_hash FROM panel_inputs")
        return {r["guild_id"]: r["inputs_hash"] for r in rows if r["guild_id"] in wanted}

    async def put(self, guild_id: int, digest: str | None) -> None:
        """Record ``digest`` for the guild; None forgets it (its panels render next time)."""
        if digest is None:
            await self._db.execute("DELETE FROM panel_inputs WHERE guild_id = ?", (guild_id,))
            return
        await self._db.execute(
            "INSERT INTO panel_inputs (guild_id, inputs_hash, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET inputs_hash = excluded.inputs_hash, "
            "updated_at = excluded.updated_at",
            (guild_id, digest, time_to_db(self._db.now())),
        )
