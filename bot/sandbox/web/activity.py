"""What the bot did, action by action: each thing done from the page (a click, a command, a
role given, a reload) opens an entry, and the Discord requests the emulator records until the
next entry are counted against it, with the time from the action to the bot's first answer.

Requests are attributed by time: work the bot does on its own meanwhile (a timer, another
client) lands in the entry that is current then. Requests recorded before the first entry
belong to the bot's start-up.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.sandbox.rate_limits import RateLimits

if TYPE_CHECKING:
    from bot.sandbox.actors import Exchange
    from bot.sandbox.recorder import RecordedRequest, Recorder

MAX_ENTRIES = 100
MAX_ROWS = 200  # requests listed under one entry (all are counted)


@dataclass
class Entry:
    id: int
    kind: str  # the end of a Fluent id: sandbox-activity-<kind>
    who: str | None  # the person who acted, as shown
    detail: str  # what they acted on (a button's label, a command line...): user text
    started: float  # time.monotonic()
    at: datetime
    mark: int  # the recorder's position when the entry opened
    exchange: Exchange | None = None
    end_mark: int | None = None  # set when the next entry opens
    note: str | None = None  # an outcome worth showing whole (the reload report)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RequestRow:
    method: str
    route: str
    status: int
    duration_ms: float
    write: bool
    limited: bool  # the response announced a rate-limit bucket
    bucket: str | None = None  # a bucket several routes share (None: the route's own)
    remaining: int | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: Entry
    rows: tuple[RequestRow, ...]
    total: int
    writes: int
    answered_ms: float | None
    hidden_rows: int


def row(request: RecordedRequest) -> RequestRow:
    """A request as the log lists it. Its rate-limit bucket is the one the response announced
    (X-RateLimit-Bucket), named as the emulator's limits name it: Discord's bucket ids are
    opaque hashes, and what an admin needs is which routes draw on the same allowance."""
    rule = RateLimits.route_limit(request.method, request.route)
    shared = rule.bucket != f"{request.method} {request.route}"
    return RequestRow(
        method=request.method,
        route=request.route,
        status=request.status,
        duration_ms=request.duration * 1000,
        write=request.is_write,
        limited=request.bucket is not None,
        bucket=rule.bucket if shared and request.bucket is not None else None,
        remaining=request.remaining,
        limit=request.limit,
    )


class ActivityLog:
    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.entries: deque[Entry] = deque(maxlen=MAX_ENTRIES)
        self.started_mark = recorder.mark()
        self._ids = 0

    def open(self, kind: str, *, who: str | None = None, detail: str = "") -> Entry:
        mark = self.recorder.mark()
        if self.entries:
            self.entries[-1].end_mark = mark
        self._ids += 1
        entry = Entry(
            id=self._ids,
            kind=kind,
            who=who,
            detail=detail,
            started=time.monotonic(),
            at=datetime.now(tz=UTC),
            mark=mark,
        )
        self.entries.append(entry)
        return entry

    def requests(self, entry: Entry) -> Sequence[RecordedRequest]:
        return self.recorder.requests[entry.mark : entry.end_mark]

    def startup_requests(self) -> Sequence[RecordedRequest]:
        end = self.entries[0].mark if self.entries else None
        return self.recorder.requests[self.started_mark : end]

    def view(self, entry: Entry) -> EntryView:
        requests = self.requests(entry)
        return EntryView(
            entry=entry,
            rows=tuple(row(r) for r in requests[:MAX_ROWS]),
            total=len(requests),
            writes=sum(1 for r in requests if r.is_write),
            answered_ms=self.answered_ms(entry, requests),
            hidden_rows=max(0, len(requests) - MAX_ROWS),
        )

    @staticmethod
    def answered_ms(entry: Entry, requests: Sequence[RecordedRequest]) -> float | None:
        """From the action to the end of the bot's interaction callback (its first answer)."""
        if entry.exchange is None:
            return None
        prefix = f"/interactions/{entry.exchange.interaction.id}/"
        for request in requests:
            if request.path.startswith(prefix):
                return (request.at + request.duration - entry.started) * 1000
        return None

    def newest_first(self) -> list[EntryView]:
        return [self.view(e) for e in reversed(self.entries)]

    def totals(self) -> tuple[int, int, list[tuple[str, int]]]:
        """Requests since the page started: all, writes, and the count per route."""
        requests = self.recorder.requests[self.started_mark :]
        counts: dict[str, int] = {}
        for request in requests:
            key = f"{request.method} {request.route}"
            counts[key] = counts.get(key, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return len(requests), sum(1 for r in requests if r.is_write), ranked
