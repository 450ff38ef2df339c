"""Failures on demand: the next N requests matching a method and route template fail with a
5xx, hang, or get rate limited, so tests can prove the bot copes with Discord's bad days."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FaultKind(Enum):
    STATUS = "status"  # answer with an HTTP error status
    HANG = "hang"  # wait `seconds` before handling (past the client's timeout)
    RATE_LIMIT = "rate_limit"  # 429 with retry_after and X-RateLimit-* headers


@dataclass
class Fault:
    kind: FaultKind
    method: str  # "*" matches any method
    route: str  # route template without /api/v10, "*" matches any route
    remaining: int
    status: int = 500
    seconds: float = 0.0  # HANG: delay; RATE_LIMIT: retry_after
    is_global: bool = False

    def matches(self, method: str, route: str) -> bool:
        return self.remaining > 0 and self.method in ("*", method) and self.route in ("*", route)


class Faults:
    """Queued faults, consumed first-registered first."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self.interaction_delay: float = 0.0  # seconds before INTERACTION_CREATE is delivered

    def fail(self, method: str, route: str, *, status: int = 500, times: int = 1) -> Fault:
        if status not in (500, 502, 503, 504):
            raise ValueError("fail() simulates server errors: 500, 502, 503 or 504")
        return self._add(Fault(FaultKind.STATUS, method.upper(), route, times, status=status))

    def hang(self, method: str, route: str, *, seconds: float, times: int = 1) -> Fault:
        return self._add(Fault(FaultKind.HANG, method.upper(), route, times, seconds=seconds))

    def rate_limit(
        self,
        method: str,
        route: str,
        *,
        retry_after: float = 0.05,
        times: int = 1,
        is_global: bool = False,
    ) -> Fault:
        fault = Fault(
            FaultKind.RATE_LIMIT,
            method.upper(),
            route,
            times,
            status=429,
            seconds=retry_after,
            is_global=is_global,
        )
        return self._add(fault)

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

    def clear(self) -> None:
        self._faults.clear()
        self.interaction_delay = 0.0

    def _add(self, fault: Fault) -> Fault:
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        self._faults.append(fault)
        return fault
