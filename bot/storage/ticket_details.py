"""What a ticket holds besides its state: members, the first message, close reasons waiting
for confirmation, its history (events) and staff notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.tickets import (
    EventKind,
    Note,
    Refusal,
    Ticket,
    TicketError,
    TicketEvent,
    TicketMember,
)
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.cooldowns import CooldownRepository
from bot.storage.counters import CounterRepository
from bot.storage.database import Database
from bot.storage.ticket_rows import SELECT, append_event, event_from_row, ticket_from_row


class TicketStore:
    """The database and the reads every ticket repository needs."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._counters = CounterRepository(db)
        self._cooldowns = CooldownRepository(db)

    @property
    def db(self) -> Database:
        """The database, for the repositories of the same tickets' openings and clean-ups."""
        return self._db

    async def get(self, ticket_id: int) -> Ticket | None:
        row = await self._db.fetch_one(f"{SELECT} WHERE id = ?", (ticket_id,))
        return None if row is None else ticket_from_row(row)

    async def _locked(self, ticket_id: int) -> Ticket:
        """The ticket, read after taking its lock: inside a transaction that changes it."""
        await self._db.serialize("ticket", ticket_id)
        return await self._require(ticket_id)

    async def _require(self, ticket_id: int) -> Ticket:
        ticket = await self.get(ticket_id)
        if ticket is None:
            raise TicketError(Refusal.NOT_FOUND, ticket_id=ticket_id)
        return ticket


class TicketDetails(TicketStore):
    """Members, the first message, held close reasons, events and notes of a ticket."""

    # --- members -----------------------------------------------------------------------

    async def add_member(self, ticket_id: int, user_id: int, added_by: int) -> bool:
        """False if already a member."""
        async with self._db.transaction():
            await self._require(ticket_id)
            changed = await self._db.execute(
                "INSERT INTO ticket_members (ticket_id, user_id, added_by, added_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id, user_id) DO NOTHING",
                (ticket_id, user_id, added_by, time_to_db(self._db.now())),
            )
            if changed:
                await self.append_event(
                    ticket_id, EventKind.MEMBER_ADDED, actor_id=added_by, data={"user_id": user_id}
                )
            return changed > 0

    async def remove_member(self, ticket_id: int, user_id: int, actor_id: int) -> bool:
        """False if not a member."""
        async with self._db.transaction():
            changed = await self._db.execute(
                "DELETE FROM ticket_members WHERE ticket_id = ? AND user_id = ?",
                (ticket_id, user_id),
            )
            if changed:
                await self.append_event(
                    ticket_id,
                    EventKind.MEMBER_REMOVED,
                    actor_id=actor_id,
                    data={"user_id": user_id},
                )
            return changed > 0

    async def list_members(self, ticket_id: int) -> list[TicketMember]:
        rows = await self._db.fetch_all(
            "SELECT ticket_id, user_id, added_by, added_at FROM ticket_members "
            "WHERE ticket_id = ? ORDER BY added_at, user_id",
            (ticket_id,),
        )
        return [
            TicketMember(r["ticket_id"], r["user_id"], r["added_by"], time_from_db(r["added_at"]))
            for r in rows
        ]

    # --- the first message ------------------------------------------------------------

    async def set_first_message(self, ticket_id: int, message_id: int) -> None:
        """Remember the ticket's first message, so staff actions can edit it in place."""
        await self._db.execute(
            "UPDATE tickets SET first_message_id = ? WHERE id = ?", (message_id, ticket_id)
        )

    async def first_message_id(self, ticket_id: int) -> int | None:
        value = await self._db.fetch_value(
            "SELECT first_message_id FROM tickets WHERE id = ?", (ticket_id,)
        )
        return None if value is None else int(value)

    # --- close reasons waiting for their confirmation --------------------------------

    async def hold_close_reason(
        self, ticket_id: int, actor_id: int, reason: str, *, purge_before: datetime
    ) -> int:
        """Keep the reason of a ``/ticket close reason:`` until its Confirm click; returns the
        id the Confirm button carries. Reasons older than ``purge_before`` are dropped."""
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM pending_close_reasons WHERE created_at < ?",
                (time_to_db(purge_before),),
            )
            return await self._db.insert(
                "INSERT INTO pending_close_reasons (ticket_id, actor_id, reason, created_at) "
                "VALUES (?, ?, ?, ?)",
                (ticket_id, actor_id, reason, time_to_db(self._db.now())),
            )

    async def take_close_reason(
        self, pending_id: int, ticket_id: int, actor_id: int, *, not_before: datetime
    ) -> str | None:
        """The held reason, once: only for the same ticket and member, and only while fresh
        (``created_at >= not_before``). ``None`` when expired, taken or someone else's."""
        # One statement: of two Confirm clicks, one takes the reason.
        row = await self._db.fetch_one(
            "DELETE FROM pending_close_reasons WHERE id = ? AND ticket_id = ? AND actor_id = ? "
            "RETURNING reason, created_at",
            (pending_id, ticket_id, actor_id),
        )
        if row is None or time_from_db(row["created_at"]) < not_before:
            return None
        return str(row["reason"])

    # --- events and notes --------------------------------------------------------------

    async def append_event(
        self,
        ticket_id: int,
        kind: EventKind,
        *,
        actor_id: int | None,
        data: dict[str, Any] | None = None,
    ) -> int:
        return await append_event(self._db, ticket_id, kind, actor_id=actor_id, data=data)

    async def list_events(self, ticket_id: int) -> list[TicketEvent]:
        rows = await self._db.fetch_all(
            "SELECT id, ticket_id, at, actor_id, kind, data FROM ticket_events "
            "WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [event_from_row(r) for r in rows]

    async def add_note(self, ticket_id: int, author_id: int, text: str) -> Note:
        async with self._db.transaction():
            await self._require(ticket_id)
            at = self._db.now()
            note_id = await self._db.insert(
                "INSERT INTO ticket_notes (ticket_id, author_id, at, text) VALUES (?, ?, ?, ?)",
                (ticket_id, author_id, time_to_db(at), text),
            )
            await self.append_event(
                ticket_id, EventKind.NOTE, actor_id=author_id, data={"note_id": note_id}
            )
        return Note(note_id, ticket_id, author_id, time_from_db(time_to_db(at)), text)

    async def list_notes(self, ticket_id: int) -> list[Note]:
        rows = await self._db.fetch_all(
            "SELECT id, ticket_id, author_id, at, text FROM ticket_notes "
            "WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [
            Note(r["id"], r["ticket_id"], r["author_id"], time_from_db(r["at"]), r["text"])
            for r in rows
        ]
