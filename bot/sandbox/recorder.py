"""Every REST request the emulator served, so tests and benchmarks can count Discord calls per
operation (writes per ticket opened, reads per panel sync) and spot schema violations: requests
Discord would refuse, responses and Gateway payloads Discord would never send.

`SUITE` adds up, for the whole process, how much was checked and which violations no test took
on purpose; the pytest plugin reports it (and fails the test that left one behind)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["request", "response", "gateway"]

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
    # What the response said of the route's rate limit (X-RateLimit-*), when it said anything.
    bucket: str | None = None
    remaining: int | None = None
    limit: int | None = None

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


@dataclass(frozen=True, slots=True)
class Violation:
    """A mismatch with Discord's description: a request body real Discord would refuse as
    malformed (kind "request"), or a response / Gateway payload real Discord would never send
    (kinds "response" and "gateway", the emulator's own fault). For the Gateway, `method` is
    "GATEWAY" and `path` the event name (or "op N")."""

    method: str
    path: str
    errors: tuple[str, ...]
    kind: Kind = "request"
    status: int | None = None

    def __str__(self) -> str:
        where = f"{self.method} {self.path}" + (f" -> {self.status}" if self.status else "")
        return f"{self.kind} {where}: " + "; ".join(self.errors)


@dataclass
class SuiteTally:
    """What every emulator of this process validated (by kind), the violations recorded, those
    that failed a test, and those no test has taken yet."""

    validated: Counter[str] = field(default_factory=Counter)
    recorded: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    pending: list[Violation] = field(default_factory=list)
    seconds: float = 0.0  # spent validating

    def drain(self) -> list[Violation]:
        taken, self.pending = self.pending, []
        return taken

    def failing(self, violations: Iterable[Violation]) -> None:
        self.failed.update(v.kind for v in violations)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {
            "validated": dict(self.validated),
            "recorded": dict(self.recorded),
            "failed": dict(self.failed),
            "seconds": {"validating": round(self.seconds, 3)},
        }

    def add(self, other: dict[str, dict[str, Any]]) -> None:
        self.validated.update(other.get("validated", {}))
        self.recorded.update(other.get("recorded", {}))
        self.failed.update(other.get("failed", {}))
        self.seconds += other.get("seconds", {}).get("validating", 0.0)

    def summary(self) -> str:
        """One line: how much was checked against Discord's description, what is left."""
        v, failed = self.validated, sum(self.failed.values())
        provoked = sum(self.recorded.values()) - failed
        return (
            f"Discord's description: {v['request']} requests, {v['response']} responses, "
            f"{v['gateway']} gateway payloads validated in {self.seconds:.1f} s; "
            f"{failed} violations left "
            f"({provoked} provoked on purpose and checked by tests)"
        )


SUITE = SuiteTally()


@dataclass
class Recorder:
    requests: list[RecordedRequest] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    validated: Counter[str] = field(default_factory=Counter)  # by kind

    def validated_one(self, kind: Kind, seconds: float) -> None:
        self.validated[kind] += 1
        SUITE.validated[kind] += 1
        SUITE.seconds += seconds

    def violation(self, violation: Violation) -> None:
        self.violations.append(violation)
        SUITE.recorded[violation.kind] += 1
        SUITE.pending.append(violation)

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
        headers: Mapping[str, str] | None = None,
    ) -> RecordedRequest:
        headers = headers or {}
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
            bucket=headers.get("X-RateLimit-Bucket"),
            remaining=_number(headers.get("X-RateLimit-Remaining")),
            limit=_number(headers.get("X-RateLimit-Limit")),
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
        ids = {id(v) for v in taken}
        SUITE.pending = [v for v in SUITE.pending if id(v) not in ids]
        return taken


def _number(header: str | None) -> int | None:
    return int(header) if header is not None and header.isdigit() else None
