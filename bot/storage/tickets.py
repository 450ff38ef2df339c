"""Tickets, their members, events and notes.

Creation is two-step so a crash cannot leave a channel without a row or a number used
twice: :meth:`TicketRepository.reserve` allocates the number and writes a *pending*
row in one transaction (idempotent on ``request_key``); once the channel exists,
:meth:`TicketRepository.activate` records it. Pending rows older than a few minutes
are what a crash left behind: :meth:`list_pending` + :meth:`discard_pending`.

Every state change checks the domain rules inside a transaction serialized on the ticket
(so the read it decides on cannot go stale, even with other processes on PostgreSQL) and
appends a ``ticket_events`` row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.config.specs import Style
from bot.domain import tickets as rules
from bot.domain.tickets import (
    CreationState,
    EventKind,
    Note,
    OpenLimits,
    Priority,
    Refusal,
    Ticket,
    TicketError,
    TicketEvent,
    TicketMember,
    TicketStatus,
)
from bot.storage.codec import (
    answers_from_db,
    answers_to_db,
    data_from_db,
    data_to_db,
    optional_time_from_db,
    time_from_db,
    time_to_db,
)
from bot.storage.cooldowns import CooldownRepository
from bot.storage.counters import TICKET_NUMBERS, CounterRepository
from bot.storage.database import Database, Row
from bot.storage.processes import Owner

_COLUMNS = (
    "id, guild_id, number, system_id, topic_id, opener_id, opened_by_id, channel_id, style, "
    "status, priority, claimed_by, locale, reason, answers, created_at, closed_at, closed_by, "
    "close_reason, deleted_at, request_key, creation"
)
_SELECT = f"SELECT {_COLUMNS} FROM tickets"  # noqa: S608
# Tickets that count toward a member's limit: pending ones too (a second click while the
# first channel is being created must not slip past the limit).
_COUNT_OPEN = (
    "SELECT count(*) FROM tickets WHERE guild_id = ? AND system_id = ? AND opener_id = ? "
    "AND status != 'closed' AND deleted_at IS NULL"
)
_COUNT = "SELECT count(*) FROM tickets"


@dataclass(frozen=True, slots=True)
class NewTicket:
    guild_id: int
    system_id: str
    topic_id: str
    opener_id: int
    style: Style
    locale: str
    request_key: str  # e.g. the interaction id: a redelivered click reuses it
    opened_by_id: int | None = None
    reason: str | None = None
    answers: tuple[tuple[str, str], ...] = ()
    priority: Priority = Priority.NORMAL
    owner: Owner | None = None  # the process opening it (see bot.storage.openings)


@dataclass(frozen=True, slots=True)
class Reservation:
    ticket: Ticket
    created: bool  # False: the request_key was seen before, ``ticket`` is that one


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Empty sets / ``None`` mean "any"."""

    statuses: frozenset[TicketStatus] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    system_id: str | None = None
    topic_id: str | None = None
    opener_id: int | None = None
    claimed_by: int | None = None
    include_deleted: bool = False
    system_ids: frozenset[str] = frozenset()  # any of these systems (staff of only some)

    def where(self, guild_id: int) -> tuple[str, list[Any]]:
        clauses = ["guild_id = ?", "creation = 'active'"]
        params: list[Any] = [guild_id]
        if self.statuses:
            clauses.append(f"status IN ({', '.join('?' * len(self.statuses))})")
            params += sorted(self.statuses)
        if self.priorities:
            clauses.append(f"priority IN ({', '.join('?' * len(self.priorities))})")
            params += sorted(self.priorities)
        for column, value in (
            ("system_id", self.system_id),
            ("topic_id", self.topic_id),
            ("opener_id", self.opener_id),
            ("claimed_by", self.claimed_by),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.system_ids:
            clauses.append(f"system_id IN ({', '.join('?' * len(self.system_ids))})")
            params += sorted(self.system_ids)
        if not self.include_deleted:
            clauses.append("deleted_at IS NULL")
        return " AND ".join(clauses), params


def _ticket(row: Row) -> Ticket:
    return Ticket(
        id=row["id"],
        guild_id=row["guild_id"],
        number=row["number"],
        system_id=row["system_id"],
        topic_id=row["topic_id"],
        opener_id=row["opener_id"],
        opened_by_id=row["opened_by_id"],
        channel_id=row["channel_id"],
        style=Style(row["style"]),
        status=TicketStatus(row["status"]),
        priority=Priority(row["priority"]),
        claimed_by=row["claimed_by"],
        locale=row["locale"],
        reason=row["reason"],
        answers=answers_from_db(row["answers"]),
        created_at=time_from_db(row["created_at"]),
        closed_at=optional_time_from_db(row["closed_at"]),
        closed_by=row["closed_by"],
        close_reason=row["close_reason"],
        deleted_at=optional_time_from_db(row["deleted_at"]),
        request_key=row["request_key"],
        creation=CreationState(row["creation"]),
    )


def _event(row: Row) -> TicketEvent:
    return TicketEvent(
        id=row["id"],
        ticket_id=row["ticket_id"],
        at=time_from_db(row["at"]),
        actor_id=row["actor_id"],
        kind=EventKind(row["kind"]),
        data=data_from_db(row["data"]),
    )


async def append_event(
    db: Database,
    ticket_id: int,
    kind: EventKind,
    *,
    actor_id: int | None,
    data: dict[str, Any] | None = None,
) -> int:
    """Log one event on a ticket (for repositories whose changes belong to its history)."""
    return await db.insert(
        "INSERT INTO ticket_events (ticket_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, time_to_db(db.now()), actor_id, kind.value, data_to_db(data)),
    )


class TicketRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._counters = CounterRepository(db)
        self._cooldowns = CooldownRepository(db)

    @property
    def db(self) -> Database:
        """The database, for the repositories of the same tickets' openings and clean-ups."""
        return self._db

    # --- creation ----------------------------------------------------------------------

    async def reserve(self, new: NewTicket, *, limits: OpenLimits | None = None) -> Reservation:
        """Allocate the number and write a pending ticket, once per ``request_key``.

        With ``limits``, the open count and cooldown are checked in the same transaction
        (raising :class:`TicketError` ``TOO_MANY_OPEN`` / ``COOLDOWN``), so two quick
        clicks cannot both pass. Creating a ticket restarts the member's cooldown.
        """
        async with self._db.transaction():
            # One member's openings in a system, one at a time: the limits are decided on
            # reads, and a redelivered click (same member) must find the first reservation.
            await self._db.serialize("open", new.guild_id, new.system_id, new.opener_id)
            row = await self._db.fetch_one(f"{_SELECT} WHERE request_key = ?", (new.request_key,))
            if row is not None:
                return Reservation(_ticket(row), created=False)
            now = self._db.now()
            if limits is not None:
                rules.check_open_limits(
                    limits,
                    open_count=await self.count_open(new.guild_id, new.system_id, new.opener_id),
                    last_opened_at=await self._cooldowns.last_opened(
                        new.guild_id, new.system_id, new.opener_id
                    ),
                    now=now,
                )
            number = await self._counters.next(new.guild_id, TICKET_NUMBERS)
            ticket_id = await self._db.insert(
                "INSERT INTO tickets (guild_id, number, system_id, topic_id, opener_id, "
                "opened_by_id, style, priority, locale, reason, answers, created_at, "
                "request_key, owner_slot, owner_epoch) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.guild_id,
                    number,
                    new.system_id,
                    new.topic_id,
                    new.opener_id,
                    new.opened_by_id,
                    new.style.value,
                    new.priority.value,
                    new.locale,
                    new.reason,
                    answers_to_db(new.answers),
                    time_to_db(now),
                    new.request_key,
                    new.owner.slot if new.owner else None,
                    new.owner.epoch if new.owner else None,
                ),
            )
            await self._cooldowns.touch(new.guild_id, new.system_id, new.opener_id, now)
            await self.append_event(
                ticket_id,
                EventKind.CREATED,
                actor_id=new.opened_by_id or new.opener_id,
                data={"number": number},
            )
            return Reservation(await self._require(ticket_id), created=True)

    async def activate(self, ticket_id: int, channel_id: int) -> Ticket:
        """Record the channel (or thread) of a pending ticket; it becomes visible in lists."""
        async with self._db.transaction():
            changed = await self._db.execute(
                "UPDATE tickets SET channel_id = ?, creation = 'active' "
                "WHERE id = ? AND creation = 'pending'",
                (channel_id, ticket_id),
            )
            if not changed:
                await self._require(ticket_id)
                raise TicketError(Refusal.NOT_PENDING)
            await self.append_event(
                ticket_id, EventKind.ACTIVATED, actor_id=None, data={"channel_id": channel_id}
            )
            return await self._require(ticket_id)

    async def attach_channel(self, ticket_id: int, channel_id: int) -> bool:
        """Note the channel of a still-pending ticket as soon as Discord made it, so a crash
        before :meth:`activate` leaves a row whose channel recovery can delete (no orphan
        channel). False if the ticket is not pending."""
        changed = await self._db.execute(
            "UPDATE tickets SET channel_id = ? WHERE id = ? AND creation = 'pending'",
            (channel_id, ticket_id),
        )
        return changed > 0

    async def discard_pending(self, ticket_id: int) -> bool:
        """Delete a pending ticket whose channel could not be made (its number stays used,
        so numbers never point at two tickets). False if it was not pending."""
        changed = await self._db.execute(
            "DELETE FROM tickets WHERE id = ? AND creation = 'pending'", (ticket_id,)
        )
        return changed > 0

    async def list_pending(self, older_than: datetime) -> list[Ticket]:
        """Pending tickets created before ``older_than``: left behind by a crash."""
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE creation = 'pending' AND created_at < ? ORDER BY id",
            (time_to_db(older_than),),
        )
        return [_ticket(r) for r in rows]

    async def with_live_channel(self, guild_id: int) -> list[Ticket]:
        """Tickets whose channel or thread should still exist (active, not deleted)."""
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE guild_id = ? AND creation = 'active' AND deleted_at IS NULL "
            "AND channel_id IS NOT NULL ORDER BY id",
            (guild_id,),
        )
        return [_ticket(r) for r in rows]

    # --- reads -------------------------------------------------------------------------

    async def get(self, ticket_id: int) -> Ticket | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", (ticket_id,))
        return None if row is None else _ticket(row)

    async def get_by_channel(self, channel_id: int) -> Ticket | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE channel_id = ?", (channel_id,))
        return None if row is None else _ticket(row)

    async def get_by_number(self, guild_id: int, number: int) -> Ticket | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE guild_id = ? AND number = ?", (guild_id, number)
        )
        return None if row is None else _ticket(row)

    async def last_opened(self, guild_id: int, system_id: str, member_id: int) -> datetime | None:
        """When ``member_id`` last opened a ticket in the system (their cooldown's start)."""
        return await self._cooldowns.last_opened(guild_id, system_id, member_id)

    async def count_open(self, guild_id: int, system_id: str, member_id: int) -> int:
        value = await self._db.fetch_value(
            _COUNT_OPEN,
            (guild_id, system_id, member_id),
        )
        return int(value)

    async def find(
        self,
        guild_id: int,
        filters: TicketFilter | None = None,
        *,
        limit: int = 25,
        before_number: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]:
        """Active tickets, newest number first.

        Page with ``before_number`` (keyset: pass the last number of the previous page;
        stable while tickets are being opened) or ``offset``.
        """
        where, params = (filters or TicketFilter()).where(guild_id)
        if before_number is not None:
            where += " AND number < ?"
            params.append(before_number)
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE {where} ORDER BY number DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_ticket(r) for r in rows]

    async def count(self, guild_id: int, filters: TicketFilter | None = None) -> int:
        where, params = (filters or TicketFilter()).where(guild_id)
        return int(await self._db.fetch_value(f"{_COUNT} WHERE {where}", params))

    # --- state changes -----------------------------------------------------------------

    async def set_status(self, ticket_id: int, status: TicketStatus, actor_id: int) -> Ticket:
        """Move between open / in_progress / on_hold (closing has :meth:`close`)."""
        if status is TicketStatus.CLOSED:
            return await self.close(ticket_id, actor_id)
        return await self._change(
            ticket_id,
            "status",
            status,
            kind=EventKind.STATUS,
            actor_id=actor_id,
            check=lambda ticket: rules.check_status_change(ticket, status),
        )

    async def set_priority(self, ticket_id: int, priority: Priority, actor_id: int) -> Ticket:
        return await self._change(
            ticket_id,
            "priority",
            priority,
            kind=EventKind.PRIORITY,
            actor_id=actor_id,
            check=lambda ticket: rules.check_priority_change(ticket, priority),
        )

    async def _change(
        self,
        ticket_id: int,
        column: Literal["status", "priority"],
        value: TicketStatus | Priority,
        *,
        kind: EventKind,
        actor_id: int,
        check: Callable[[Ticket], None],
    ) -> Ticket:
        """Check the domain rule, set one column and log the from/to event, in one transaction."""
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            check(ticket)
            before = getattr(ticket, column).value
            await self._db.execute(
                f"UPDATE tickets SET {column} = ? WHERE id = ?",  # noqa: S608 (constant column)
                (value.value, ticket_id),
            )
            await self.append_event(
                ticket_id, kind, actor_id=actor_id, data={"from": before, "to": value.value}
            )
            return await self._require(ticket_id)

    async def claim(self, ticket_id: int, staff_id: int) -> Ticket:
        async with self._db.transaction():
            rules.check_claim(await self._locked(ticket_id), staff_id)
            await self._db.execute(
                "UPDATE tickets SET claimed_by = ? WHERE id = ?", (staff_id, ticket_id)
            )
            await self.append_event(ticket_id, EventKind.CLAIMED, actor_id=staff_id)
            return await self._require(ticket_id)

    async def unclaim(self, ticket_id: int, actor_id: int) -> Ticket:
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            rules.check_unclaim(ticket)
            await self._db.execute(
                "UPDATE tickets SET claimed_by = NULL WHERE id = ?", (ticket_id,)
            )
            await self.append_event(
                ticket_id,
                EventKind.UNCLAIMED,
                actor_id=actor_id,
                data={"previous": ticket.claimed_by},
            )
            return await self._require(ticket_id)

    async def close(
        self, ticket_id: int, actor_id: int | None, reason: str | None = None
    ) -> Ticket:
        """``actor_id`` is ``None`` when nobody known closed it (a channel deleted by hand)."""
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            rules.check_close(ticket)
            await self._db.execute(
                "UPDATE tickets SET status = 'closed', closed_at = ?, closed_by = ?, "
                "close_reason = ? WHERE id = ?",
                (time_to_db(self._db.now()), actor_id, reason, ticket_id),
            )
            await self.append_event(
                ticket_id,
                EventKind.CLOSED,
                actor_id=actor_id,
                data={"from": ticket.status.value, "reason": reason},
            )
            return await self._require(ticket_id)

    async def reopen(self, ticket_id: int, actor_id: int) -> Ticket:
        """Back to ``open``; the close data is cleared (the events keep the history)."""
        async with self._db.transaction():
            rules.check_reopen(await self._locked(ticket_id))
            await self._db.execute(
                "UPDATE tickets SET status = 'open', closed_at = NULL, closed_by = NULL, "
                "close_reason = NULL WHERE id = ?",
                (ticket_id,),
            )
            await self.append_event(ticket_id, EventKind.REOPENED, actor_id=actor_id)
            return await self._require(ticket_id)

    async def mark_deleted(self, ticket_id: int, actor_id: int | None) -> Ticket:
        """The channel is gone; the row stays for history, transcripts and numbering.
        ``actor_id`` is ``None`` when nobody known acted (a channel deleted by hand)."""
        async with self._db.transaction():
            rules.check_delete(await self._locked(ticket_id))
            await self._db.execute(
                "UPDATE tickets SET deleted_at = ? WHERE id = ?",
                (time_to_db(self._db.now()), ticket_id),
            )
            await self.append_event(ticket_id, EventKind.DELETED, actor_id=actor_id)
            return await self._require(ticket_id)

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
        return [_event(r) for r in rows]

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

    # --- helpers -----------------------------------------------------------------------

    async def _locked(self, ticket_id: int) -> Ticket:
        """The ticket, read after taking its lock: inside a transaction that changes it."""
        await self._db.serialize("ticket", ticket_id)
        return await self._require(ticket_id)

    async def _require(self, ticket_id: int) -> Ticket:
        ticket = await self.get(ticket_id)
        if ticket is None:
            raise TicketError(Refusal.NOT_FOUND, ticket_id=ticket_id)
        return ticket
