"""Which bot process owns what: a slot per process, an epoch per start, a heartbeat.

``start`` bumps the slot's epoch in one statement (an UPSERT ... RETURNING, never
read-then-write), so two starts of one slot can never share an epoch; work recorded with an
older epoch belongs to a process that is gone. ``beat`` refreshes the heartbeat and says
whether this process still holds its slot (a second process started in the same slot has
superseded it).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.codec import time_to_db
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class Owner:
    """The process doing a piece of work: its slot and the epoch of its start."""

    slot: str
    epoch: int


class ProcessRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(self, slot: str) -> Owner:
        now = time_to_db(self._db.now())
        row = await self._db.fetch_one(
            "INSERT INTO bot_processes (slot, epoch, started_at, heartbeat_at) "
            "VALUES (?, 1, ?, ?) "
            "ON CONFLICT (slot) DO UPDATE SET epoch = bot_processes.epoch + 1, "
            "started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at "
            "RETURNING epoch",
            (slot, now, now),
        )
        assert row is not None
        return Owner(slot, int(row["epoch"]))

    async def beat(self, owner: Owner) -> bool:
        """Refresh the heartbeat; False when a newer start of the slot took it over."""
        changed = await self._db.execute(
            "UPDATE bot_processes SET heartbeat_at = ? WHERE slot = ? AND epoch = ?",
            (time_to_db(self._db.now()), owner.slot, owner.epoch),
        )
        return changed > 0
