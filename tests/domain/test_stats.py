"""The figures of /ticket stats: what counts in a period, medians, handlers' order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.stats import StatsPeriod, TicketTimes, compute

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _ticket(
    opened_h: float, closed_h: float | None, claim_h: float | None, by: int | None
) -> TicketTimes:
    at = NOW - timedelta(hours=opened_h)
    return TicketTimes(
        "support",
        at,
        None if closed_h is None else at + timedelta(hours=closed_h),
        None if claim_h is None else at + timedelta(hours=claim_h),
        by,
    )


def test_counts_medians_and_handlers_over_a_period() -> None:
    times = [
        _ticket(10, 2, 1, 7),  # opened and closed in the day
        _ticket(5, 4, 0.5, 8),
        _ticket(3, 1, None, 8),
        _ticket(2, None, 1.5, 7),  # still open
        _ticket(24 * 10, 24 * 10 - 1, 1, 9),  # opened 10 days ago, closed an hour ago
    ]
    day = compute(times, StatsPeriod.DAY.start(NOW))
    assert (day.opened, day.closed, day.still_open) == (4, 4, 1)
    assert day.median_first_claim == timedelta(hours=1)  # 1, 0.5, 1.5
    assert day.median_resolution == timedelta(hours=3)  # 2, 4, 1, 239 -> (2 + 4) / 2
    assert [(h.user_id, h.closed) for h in day.handlers] == [(8, 2), (7, 1), (9, 1)]
    every = compute(times, StatsPeriod.ALL.start(NOW))
    assert every.opened == 5 and StatsPeriod.ALL.start(NOW) is None
    assert compute([], None).median_resolution is None
