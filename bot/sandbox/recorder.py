"""Every REST request the emulator served, so tests and benchmarks can count Discord calls per
operation (writes per ticket opened, reads per panel sync) and spot schema violations."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    index: int
    method: str
    route: str  # template without the /api/v10 prefix, e.g. "/channels/{channel_id}/messages"
    path: str  # concrete path without the prefix
    query: dict[str, str]
    body: Any  # parsed JSON (multipart: the payload_json), None without a body
    files: tuple[str, ...]  # uploaded file names
    status: int
    at: float  # time.monotonic() when the request arrived
    duration: float

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


@dataclass(frozen=True, slots=True)
class Violation:
    """A request body real Discord would refuse as malformed (OpenAPI schema mismatch)."""

    method: str
    path: str
    errors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method} {self.path}: " + "; ".join(self.errors)


@dataclass
class Recorder:
    requests: list[RecordedRequest] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def record(
        self,
        *,
        method: str,
        route: str,
        path: str,
        query: dict[str, str],
        body: Any,
        files: Iterable[str],
        status: int,
        at: float,
    ) -> RecordedRequest:
        entry = RecordedRequest(
            index=len(self.requests),
            method=method,
            route=route,
            path=path,
            query=query,
            body=body,
            files=tuple(files),
            status=status,
            at=at,
            duration=time.monotonic() - at,
        )
        self.requests.append(entry)
        return entry

    def mark(self) -> int:
        """A position to pass as `since=` later: counts only what happens after this call."""
        return len(self.requests)

    def since(self, mark: int = 0) -> list[RecordedRequest]:
        return self.requests[mark:]

    def filter(
        self,
        *,
        method: str | None = None,
        route: str | None = None,
        since: int = 0,
        writes: bool | None = None,
    ) -> list[RecordedRequest]:
        return [
            r
            for r in self.requests[since:]
            if (method is None or r.method == method.upper())
            and (route is None or r.route == route)
            and (writes is None or r.is_write == writes)
        ]

    def count(self, method: str | None = None, route: str | None = None, *, since: int = 0) -> int:
        return len(self.filter(method=method, route=route, since=since))

    def writes(self, route: str | None = None, *, since: int = 0) -> int:
        return len(self.filter(route=route, since=since, writes=True))

    def reads(self, route: str | None = None, *, since: int = 0) -> int:
        return len(self.filter(route=route, since=since, writes=False))

    def by_route(self, *, since: int = 0) -> dict[str, int]:
        """Counts keyed "METHOD /route/template", handy in benchmark output and assertions."""
        counts: dict[str, int] = {}
        for r in self.requests[since:]:
            key = f"{r.method} {r.route}"
            counts[key] = counts.get(key, 0) + 1
        return counts

    def reset(self) -> None:
        self.requests.clear()

    def take_violations(self) -> list[Violation]:
        taken, self.violations = self.violations, []
        return taken
