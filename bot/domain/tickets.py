"""Tickets as pure data: statuses, the state machine, opening limits and channel names.

Nothing here does I/O. Storage returns these frozen dataclasses; services ask the
rules below before changing anything. Refusals carry a reason *code* (a stable
string the discord layer maps to a Fluent message), never English text.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.config.specs import Style


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CreationState(StrEnum):
    """A row is ``pending`` from number allocation until its channel exists.

    A crash between the two leaves a pending row behind; recovery discards it.
    """

    PENDING = "pending"
    ACTIVE = "active"


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class EventKind(StrEnum):
    """What a ``ticket_events`` row records; ``data`` holds the details."""

    CREATED = "created"  # data: number
    ACTIVATED = "activated"  # data: channel_id
    STATUS = "status"  # data: from, to
    PRIORITY = "priority"  # data: from, to
    CLAIMED = "claimed"
    UNCLAIMED = "unclaimed"  # data: previous
    MEMBER_ADDED = "member_added"  # data: user_id
    MEMBER_REMOVED = "member_removed"  # data: user_id
    CLOSED = "closed"  # data: reason
    REOPENED = "reopened"
    DELETED = "deleted"
    NOTE = "note"  # data: note_id
    TRANSCRIPT = "transcript"  # data: transcript_id
    OPENER_CHANGED = "opener_changed"  # data: from, to (/ticket transfer opener)
    MOVED = "moved"  # data: from, to ("system:topic", /ticket move)
    MEMBER_LEFT = "member_left"  # the opener left the server (issue 15)


class Refusal(StrEnum):
    """Reason codes for refused changes; the discord layer maps them to Fluent ids."""

    NOT_FOUND = "not-found"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    CLOSED = "closed"  # change asked on a closed ticket: reopen it first
    NOT_CLOSED = "not-closed"  # reopen asked on a ticket that is not closed
    NOT_ALLOWED = "not-allowed"
    NOT_PENDING = "not-pending"
    ALREADY_CLAIMED = "already-claimed"  # by the same staff member
    CLAIMED_BY_OTHER = "claimed-by-other"
    NOT_CLAIMED = "not-claimed"
    TOO_MANY_OPEN = "too-many-open"
    COOLDOWN = "cooldown"
    ALREADY_DECIDED = "already-decided"


class TicketError(Exception):
    """A refused change; ``code`` says why, ``details`` feed the Fluent message variables."""

    def __init__(self, code: Refusal, **details: Any) -> None:
        super().__init__(code.value, details)
        self.code = code
        self.details = details


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    guild_id: int
    number: int  # per guild, allocated atomically, never reused
    system_id: str
    topic_id: str
    opener_id: int
    style: Style
    locale: str  # the opener's: messages inside the ticket use it
    request_key: str  # idempotency key of the interaction that asked for it
    created_at: datetime
    status: TicketStatus = TicketStatus.OPEN
    priority: Priority = Priority.NORMAL
    creation: CreationState = CreationState.PENDING
    opened_by_id: int | None = None  # staff who opened it for the member
    channel_id: int | None = None  # channel or thread; None while pending
    claimed_by: int | None = None
    reason: str | None = None
    answers: tuple[tuple[str, str], ...] = ()  # (question id, answer), in question order
    closed_at: datetime | None = None
    closed_by: int | None = None
    close_reason: str | None = None
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_open(self) -> bool:
        """Counts toward a member's open-ticket limit."""
        return not self.is_deleted and self.status is not TicketStatus.CLOSED


@dataclass(frozen=True, slots=True)
class TicketMember:
    ticket_id: int
    user_id: int
    added_by: int
    added_at: datetime


@dataclass(frozen=True, slots=True)
class TicketEvent:
    id: int
    ticket_id: int
    at: datetime
    actor_id: int | None
    kind: EventKind
    data: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    ticket_id: int
    author_id: int
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    id: int
    guild_id: int
    system_id: str
    topic_id: str
    member_id: int
    locale: str
    request_key: str
    created_at: datetime
    status: ApprovalStatus = ApprovalStatus.PENDING
    reason: str | None = None
    answers: tuple[tuple[str, str], ...] = ()
    reception_message_id: int | None = None
    decided_by: int | None = None
    decided_at: datetime | None = None
    refuse_reason: str | None = None
    ticket_id: int | None = None  # the ticket an accepted request became


@dataclass(frozen=True, slots=True)
class Transcript:
    id: int
    ticket_id: int
    created_at: datetime
    # The HTML page gzip'd (migration V016); a row written before holds the page itself.
    stored_html: bytes | str
    text: str  # plain: the database's full-text search indexes and quotes it
    message_count: int
    channel_message_id: int | None = None
    attachment_url: str | None = None

    @property
    def html(self) -> str:
        """The page (decompressed on each read: keep it if you need it twice)."""
        if isinstance(self.stored_html, str):
            return self.stored_html
        return gzip.decompress(self.stored_html).decode("utf-8")

    @property
    def html_gzip(self) -> bytes | None:
        """The page as stored, gzip'd; None for a row older than compression."""
        return None if isinstance(self.stored_html, str) else self.stored_html

    @property
    def html_size(self) -> int:
        """The page's UTF-8 size without decompressing it (gzip's trailer, modulo 4 GiB)."""
        if isinstance(self.stored_html, str):
            return len(self.stored_html.encode("utf-8"))
        return int.from_bytes(self.stored_html[-4:], "little")


# --- state machine -----------------------------------------------------------------------

# Allowed status changes. Leaving CLOSED is only possible through :func:`check_reopen`
# (it clears the close data and unlocks the channel); deletion is separate and terminal.
TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.OPEN: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD, TicketStatus.CLOSED}
    ),
    TicketStatus.IN_PROGRESS: frozenset(
        {TicketStatus.OPEN, TicketStatus.ON_HOLD, TicketStatus.CLOSED}
    ),
    TicketStatus.ON_HOLD: frozenset(
        {TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.CLOSED}
    ),
    TicketStatus.CLOSED: frozenset(),
}


def _check_alive(ticket: Ticket) -> None:
    if ticket.is_deleted:
        raise TicketError(Refusal.DELETED)


def check_status_change(ticket: Ticket, target: TicketStatus) -> None:
    """Raise :class:`TicketError` unless ``ticket`` may move to ``target``."""
    _check_alive(ticket)
    if ticket.status is TicketStatus.CLOSED:
        raise TicketError(Refusal.CLOSED)
    if ticket.status is target:
        raise TicketError(Refusal.UNCHANGED)
    if target not in TRANSITIONS[ticket.status]:
        raise TicketError(Refusal.NOT_ALLOWED)


def check_close(ticket: Ticket) -> None:
    check_status_change(ticket, TicketStatus.CLOSED)


def check_reopen(ticket: Ticket) -> None:
    _check_alive(ticket)
    if ticket.status is not TicketStatus.CLOSED:
        raise TicketError(Refusal.NOT_CLOSED)


def check_delete(ticket: Ticket) -> None:
    """Deleting is allowed from any status (``on_close: delete``) and is terminal."""
    _check_alive(ticket)


def check_priority_change(ticket: Ticket, target: Priority) -> None:
    _check_alive(ticket)
    if ticket.status is TicketStatus.CLOSED:
        raise TicketError(Refusal.CLOSED)
    if ticket.priority is target:
        raise TicketError(Refusal.UNCHANGED)


def check_claim(ticket: Ticket, staff_id: int) -> None:
    """A claim does not silently take over someone else's: unclaim first."""
    _check_alive(ticket)
    if ticket.status is TicketStatus.CLOSED:
        raise TicketError(Refusal.CLOSED)
    if ticket.claimed_by == staff_id:
        raise TicketError(Refusal.ALREADY_CLAIMED)
    if ticket.claimed_by is not None:
        raise TicketError(Refusal.CLAIMED_BY_OTHER, claimed_by=ticket.claimed_by)


def check_unclaim(ticket: Ticket) -> None:
    _check_alive(ticket)
    if ticket.claimed_by is None:
        raise TicketError(Refusal.NOT_CLAIMED)


# --- opening limits ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenLimits:
    """A system's limits on a member opening tickets (``0`` means none)."""

    max_open: int = 0
    cooldown: timedelta = timedelta(0)


def can_open(open_count: int, max_open: int) -> bool:
    """``max_open <= 0`` means no limit."""
    return max_open <= 0 or open_count < max_open


def cooldown_remaining(
    last_opened_at: datetime | None, now: datetime, cooldown: timedelta
) -> timedelta:
    """Time left before the member may open again; zero when free to open.

    A ``last_opened_at`` in the future (clock moved back) counts from now, so a
    member is never locked out for longer than ``cooldown``.
    """
    if last_opened_at is None or cooldown <= timedelta(0):
        return timedelta(0)
    elapsed = max(now - last_opened_at, timedelta(0))
    return max(cooldown - elapsed, timedelta(0))


def check_open_limits(
    limits: OpenLimits, *, open_count: int, last_opened_at: datetime | None, now: datetime
) -> None:
    """Raise ``TOO_MANY_OPEN`` (details: open_count, max_open) or ``COOLDOWN``
    (details: retry_after, whole seconds rounded up) when the member may not open now."""
    if not can_open(open_count, limits.max_open):
        raise TicketError(Refusal.TOO_MANY_OPEN, open_count=open_count, max_open=limits.max_open)
    remaining = cooldown_remaining(last_opened_at, now, limits.cooldown)
    if remaining > timedelta(0):
        retry_after = math.ceil(remaining.total_seconds())
        raise TicketError(Refusal.COOLDOWN, retry_after=retry_after)


# --- channel names -----------------------------------------------------------------------

# Discord accepts 1-100 characters and, for text channels, lowercases the name and turns
# spaces into dashes itself; letters outside ASCII (accents, other scripts) are kept.
# We normalise the same way up front so the name we store is the name Discord shows.
CHANNEL_NAME_MAX = 100
FALLBACK_CHANNEL_NAME = "ticket-{number}"
_NOT_NAME_CHAR = re.compile(r"[^\w-]+")  # \w is Unicode-aware: letters, digits, underscore
_DASHES = re.compile(r"-{2,}")


def sanitize_channel_name(raw: str) -> str:
    """Lowercase, NFKC, only letters/digits/``-``/``_``; may return ``""``."""
    text = unicodedata.normalize("NFKC", raw).lower()
    text = _NOT_NAME_CHAR.sub("-", text)
    text = _DASHES.sub("-", text).strip("-_")
    return text[:CHANNEL_NAME_MAX].rstrip("-_")


def render_channel_name(template: str, *, number: int, member: str, topic: str) -> str:
    """Fill ``{number}``, ``{member}``, ``{topic}`` and sanitise; never empty.

    Values are substituted literally (a member named ``{topic}`` stays text), and
    unknown placeholders are left as text, so a template can never raise here.
    """
    values = {"number": str(number), "member": member, "topic": topic}
    rendered = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
    name = sanitize_channel_name(rendered)
    return name or FALLBACK_CHANNEL_NAME.format(number=number)
