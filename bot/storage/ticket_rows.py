"""The tickets table's rows and queries: what a new ticket holds, the filters of a search,
and the mapping from rows to domain objects (shared by the ticket repositories)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.config.specs import Style
from bot.domain.tickets import CreationState, EventKind, Priority, Ticket, TicketEvent, TicketStatus
from bot.storage.codec import (
    answers_from_db,
    data_from_db,
    data_to_db,
    optional_time_from_db,
    time_from_db,
    time_to_db,
)
from bot.storage.database import Database, Row
from bot.storage.processes import Owner

COLUMNS = (
    "id, guild_id, number, system_id, topic_id, opener_id, opened_by_id, channel_id, style, "
    "status, priority, claimed_by, locale, reason, answers, created_at, closed_at, closed_by, "
    "close_reason, deleted_at, request_key, creation"
)
SELECT = f"SELECT {COLUMNS} FROM tickets"  # noqa: S608
# Tickets that count toward a member's limit: pending ones too (a second click while the
# first channel is being created must not slip past the limit).
COUNT_OPEN = (
    "SELECT count(*) FROM tickets WHERE guild_id = ? AND system_id = ? AND opener_id = ? "
    "AND status != 'closed' AND deleted_at IS NULL"
)
COUNT = "SELECT count(*) FROM tickets"


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


def ticket_from_row(row: Row) -> Ticket:
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


def event_from_row(row: Row) -> TicketEvent:
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
