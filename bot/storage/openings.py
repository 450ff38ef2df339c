"""Openings in progress: who is doing them, what they asked Discord for, and those left
behind by a process that is gone.

A pending ticket row is an opening in progress (see :mod:`bot.storage.tickets`). It records
the process that reserved it (slot and epoch, :mod:`bot.storage.processes`) and, before the
channel is asked for, the name asked: if Discord makes the channel but the bot never hears
back, that is how recovery finds it. :meth:`OpeningRepository.abandon` turns an opening
into clean-up work (the channel to delete, or to look for) and drops the row in one
transaction, so nothing is forgotten in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.cleanups import Cleanup, CleanupRepository
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class Opening:
    ticket_id: int
    guild_id: int
    system_id: str
    opener_id: int
    channel_id: int | None  # known once Discord answered the create call
    name: str | None  # the name asked for, once the create call was about to go
    parent_id: int | None  # where it was asked for
    created_at: datetime


class OpeningRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cleanups = CleanupRepository(db)

    async def asking(self, ticket_id: int, name: str, parent_id: int | None) -> None:
        """The channel is about to be asked for, named ``name`` under ``parent_id``."""
        await self._db.execute(
            "UPDATE tickets SET pending_name = ?, pending_parent = ? "
            "WHERE id = ? AND creation = 'pending'",
            (name, parent_id, ticket_id),
        )

    async def abandoned(self, *, heartbeat_before: datetime) -> list[Opening]:
        """Openings whose process is gone: reserved by an older epoch of its slot (it was
        restarted), by a slot whose heartbeat is older than ``heartbeat_before`` (it died
        and nothing took its place), or by code from before owners were recorded."""
        rows = await self._db.fetch_all(
            "SELECT t.id, t.guild_id, t.system_id, t.opener_id, t.channel_id, t.pending_name, "
            "t.pending_parent, t.created_at "
            "FROM tickets t LEFT JOIN bot_processes p ON p.slot = t.owner_slot "
            "WHERE t.creation = 'pending' AND (t.owner_slot IS NULL OR p.slot IS NULL "
            "OR p.epoch > t.owner_epoch OR p.heartbeat_at < ?) ORDER BY t.id",
            (time_to_db(heartbeat_before),),
        )
        return [
            Opening(
                r["id"],
                r["guild_id"],
                r["system_id"],
                r["opener_id"],
                r["channel_id"],
                r["pending_name"],
                r["pending_parent"],
                time_from_db(r["created_at"]),
            )
            for r in rows
        ]

    async def abandon(self, ticket_id: int, cleanup: Cleanup | None) -> bool:
        """Drop a pending opening, recording ``cleanup`` in the same transaction. False
        (and nothing recorded) when it is no longer pending: it finished, or another
        process recovered it first."""
        async with self._db.transaction():
            changed = await self._db.execute(
                "DELETE FROM tickets WHERE id = ? AND creation = 'pending'", (ticket_id,)
            )
            if changed and cleanup is not None:
                await self._cleanups.add(cleanup)
        return changed > 0
