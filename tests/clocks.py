"""A settable UTC clock for tests: time-dependent code takes it instead of the wall clock, and
tests advance it rather than sleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.value = start or datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.value

    def timestamp(self) -> float:
        """Unix seconds (the emulator's snowflakes follow this clock in end-to-end tests)."""
        return self.value.timestamp()

    def advance(self, **kwargs: float) -> datetime:
        self.value += timedelta(**kwargs)
        return self.value
