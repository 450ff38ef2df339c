"""Failures on demand: the next N requests matching a method and route template fail with a
5xx, hang, or get rate limited, and channel or thread names matching a pattern are refused as
Discord's word filter refuses them, so tests can prove the bot copes with Discord's bad days."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from bot.sandbox.rate_limit_answers import Scope

# What `refuse_names` accepts: a regular expression (searched, case-insensitive, when given as
# text) or a predicate on the name.
NameMatcher = str | re.Pattern[str] | Callable[[str], bool]


class FaultKind(Enum):
    STATUS = "status"  # answer with an HTTP error status
    HANG = "hang"  # wait `seconds` before handling (past the client's timeout)
    RATE_LIMIT = "rate_limit"  # 429 with retry_after and X-RateLimit-* headers
    DROP = "drop"  # the connection is cut before the request is handled: no answer at all


@dataclass
class Fault:
    kind: FaultKind
    method: str  # "*" matches any method
    route: str  # route template without /api/v10, "*" matches any route
    remaining: int
    status: int = 500
    seconds: float = 0.0  # HANG: delay; RATE_LIMIT: retry_after
    scope: Scope = Scope.USER  # RATE_LIMIT: X-RateLimit-Scope (GLOBAL: a global 429)

    def matches(self, method: str, route: str) -> bool:
        return self.remaining > 0 and self.method in ("*", method) and self.route in ("*", route)


@dataclass
class NameRefusal:
    """Names Discord refuses on channel and thread create or rename (400, 50035, under `name`).

    Discord's filter (community servers in Server Discovery) publishes no word list and never
    tires, so by default a refusal holds until cleared; `times` makes it a passing fault."""

    predicate: Callable[[str], bool]
    remaining: int | None  # None: every matching name, until `clear()`
    refused: list[str] = field(default_factory=list)  # the names refused so far, in order

    def matches(self, names: Iterable[str]) -> bool:
        if self.remaining is not None and self.remaining < 1:
            return False
        return any(self.predicate(name) for name in names)


def _name_predicate(match: NameMatcher) -> Callable[[str], bool]:
    if isinstance(match, str):
        match = re.compile(match, re.IGNORECASE)
    if isinstance(match, re.Pattern):
        pattern = match
        return lambda name: pattern.search(name) is not None
    return match


class Faults:
    """Queued faults, consumed first-registered first."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._late: list[Fault] = []  # answer_late: done at once, answered late
        self._name_refusals: list[NameRefusal] = []
        self.interaction_delay: float = 0.0  # seconds before INTERACTION_CREATE is delivered

    def fail(self, method: str, route: str, *, status: int = 500, times: int = 1) -> Fault:
        if status not in (500, 502, 503, 504):
            raise ValueError("fail() simulates server errors: 500, 502, 503 or 504")
        return self._add(Fault(FaultKind.STATUS, method.upper(), route, times, status=status))

    def drop(self, method: str, route: str, *, times: int = 1) -> Fault:
        """The next ``times`` matching requests get no answer: the connection is cut before
        the request is handled (nothing is done), as a reset between the bot and Discord's
        edge would; the client sees the server disconnect."""
        return self._add(Fault(FaultKind.DROP, method.upper(), route, times))

    def hang(self, method: str, route: str, *, seconds: float, times: int = 1) -> Fault:
        return self._add(Fault(FaultKind.HANG, method.upper(), route, times, seconds=seconds))

    def answer_late(self, method: str, route: str, *, seconds: float, times: int = 1) -> None:
        """The next ``times`` matching requests are carried out at once, but their answers
        take ``seconds`` to come back: past the client's deadline, or after it is gone
        (a crash), Discord has done what the client never heard about."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self._late.append(Fault(FaultKind.HANG, method.upper(), route, times, seconds=seconds))

    def take_late(self, method: str, route: str) -> float | None:
        for fault in self._late:
            if fault.matches(method, route):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._late.remove(fault)
                return fault.seconds
        return None

    def rate_limit(
        self,
        method: str,
        route: str,
        *,
        retry_after: float = 0.05,
        times: int = 1,
        is_global: bool = False,
        scope: Scope | None = None,
    ) -> Fault:
        """429 the next `times` matching requests, Discord-shaped (`bot.sandbox.rate_limits`):
        `is_global` for the bot's global limit, `scope=Scope.SHARED` for a resource's."""
        chosen = scope or (Scope.GLOBAL if is_global else Scope.USER)
        fault = Fault(
            FaultKind.RATE_LIMIT,
            method.upper(),
            route,
            times,
            status=429,
            seconds=retry_after,
            scope=chosen,
        )
        return self._add(fault)

    def refuse_names(self, match: NameMatcher, *, times: int | None = None) -> NameRefusal:
        """Refuse channel and thread names matching `match` (a regex searched case-insensitive,
        or a predicate) on create and rename, as Discord's word filter does. The name is tested
        as sent and as Discord would store it (text channel names are normalized)."""
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        refusal = NameRefusal(_name_predicate(match), times)
        self._name_refusals.append(refusal)
        return refusal

    def name_refused(self, *names: str) -> bool:
        """Whether one of the forms of a name is refused (consumes one use of the refusal)."""
        for refusal in self._name_refusals:
            if refusal.matches(names):
                refusal.refused.append(names[0])
                if refusal.remaining is not None:
                    refusal.remaining -= 1
                    if refusal.remaining == 0:
                        self._name_refusals.remove(refusal)
                return True
        return False

    def delay_interactions(self, seconds: float) -> None:
        self.interaction_delay = seconds

    def take(self, method: str, route: str) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, route):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def pending(self) -> list[Fault]:
        return list(self._faults)

    def name_refusals(self) -> list[NameRefusal]:
        return list(self._name_refusals)

    def clear(self) -> None:
        self._faults.clear()
        self._late.clear()
        self._name_refusals.clear()
        self.interaction_delay = 0.0

    def _add(self, fault: Fault) -> Fault:
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        self._faults.append(fault)
        return fault
