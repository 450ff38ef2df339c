"""What the staff dashboard asks of a server's tickets: filters, a sort, a keyset cursor.

Pure values; :mod:`bot.storage.ticket_browse` turns them into SQL. The cursor is the sort key
of the last row shown (and its number, unique per server), so the next page starts after it
whatever was opened or closed meanwhile, and costs one index range however deep it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.domain.tickets import Priority, Ticket, TicketStatus

PAGE_SIZE = 25
PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}


class Sort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    PRIORITY = "priority"  # urgent first, then newest
    CLOSED = "closed"  # most recently closed first; closed tickets only


@dataclass(frozen=True, slots=True)
class BrowseFilter:
    """Empty sets / ``None`` mean any. ``visible_systems`` is not the viewer's choice: the
    service sets it to the systems their roles handle (empty: every system)."""

    statuses: frozenset[TicketStatus] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    system_id: str | None = None
    topic_id: str | None = None
    claimed_by: int | None = None
    opener_id: int | None = None
    opened_from: datetime | None = None
    opened_to: datetime | None = None  # exclusive
    closed_from: datetime | None = None
    closed_to: datetime | None = None  # exclusive
    visible_systems: frozenset[str] = frozenset()
    # ``claim_hides`` systems: a ticket claimed by someone else than ``viewer_id`` is hidden
    # there, as Discord hides its channel from the other handlers. Set by the service too.
    claims_hide_in: frozenset[str] = frozenset()
    viewer_id: int | None = None

    def without_statuses(self) -> BrowseFilter:
        return replace(self, statuses=frozenset())


@dataclass(frozen=True, slots=True)
class Cursor:
    """After this row: its sort value (rank, closed time; unused for number sorts) and number."""

    value: str
    number: int

    def encode(self) -> str:
        return f"{self.number}.{self.value}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        if not raw:
            return None
        number, _, value = raw.partition(".")
        if not number.isdigit() or len(raw) > 64:
            return None
        return cls(value, int(number))

    @classmethod
    def after(cls, ticket: Ticket, sort: Sort) -> Cursor:
        if sort is Sort.PRIORITY:
            return cls(str(PRIORITY_RANK[ticket.priority]), ticket.number)
        if sort is Sort.CLOSED and ticket.closed_at is not None:
            return cls(ticket.closed_at.isoformat(timespec="microseconds"), ticket.number)
        return cls("", ticket.number)


@dataclass(frozen=True, slots=True)
class TicketPage:
    tickets: tuple[Ticket, ...]
    next_cursor: Cursor | None
    counts: dict[TicketStatus, int]  # per status, under the other filters

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A transcript whose text matched, with the matching passage: ``(text, marked)`` pieces
    (marked ones are the matched words), so a page can escape them and highlight safely."""

    ticket: Ticket
    transcript_id: int
    created_at: datetime
    passage: tuple[tuple[str, bool], ...]


# Markers the database puts around matched words: private-use characters, which no
# transcript text is expected to hold (they are removed from the text before splitting).
MARK_START = "\ue000"
MARK_END = "\ue001"


def split_marked(snippet: str) -> tuple[tuple[str, bool], ...]:
    pieces: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        start = rest.find(MARK_START)
        if start < 0:
            pieces.append((rest.replace(MARK_END, ""), False))
            break
        if start:
            pieces.append((rest[:start].replace(MARK_END, ""), False))
        end = rest.find(MARK_END, start)
        if end < 0:
            pieces.append((rest[start + 1 :], True))
            break
        pieces.append((rest[start + 1 : end].replace(MARK_START, ""), True))
        rest = rest[end + 1 :]
    return tuple(p for p in pieces if p[0])


def search_terms(query: str, *, limit: int = 12) -> list[str]:
    """The words of a search box, as plain terms (no operator of either engine survives):
    letters and digits only, at most ``limit`` of them."""
    words: list[str] = []
    current = ""
    for char in query:
        if char.isalnum():
            current += char
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return [w for w in words if len(w) <= 64][:limit]
