"""Working hours, pure: open or not, the next opening, daylight saving time, exceptions, and
the text forms of ranges and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.working_hours import (
    DatedHours,
    RangeError,
    RangeProblem,
    TimeRange,
    WorkingHours,
    is_open,
    next_opening,
    overlapping,
    parse_date,
    parse_range,
    range_texts,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
NINE_TO_SIX = (TimeRange(9 * 60, 18 * 60),)
SPLIT = (TimeRange(9 * 60, 12 * 60), TimeRange(14 * 60, 18 * 60))


def weekdays(
    ranges: tuple[TimeRange, ...], zone: str = "Europe/Paris", **more: object
) -> WorkingHours:
    """Monday to Friday ``ranges``, the weekend closed."""
    return WorkingHours(zone, (ranges,) * 5 + ((), ()), **more)  # type: ignore[arg-type]


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def test_open_inside_a_range_closed_outside_and_at_its_end() -> None:
    hours = weekdays(SPLIT)
    tuesday = (2026, 12, 1)
    assert is_open(hours, local(PARIS, *tuesday, 9, 0))
    assert is_open(hours, local(PARIS, *tuesday, 11, 59))
    assert not is_open(hours, local(PARIS, *tuesday, 12, 0))  # the end is not open
    assert not is_open(hours, local(PARIS, *tuesday, 8, 59))
    assert is_open(hours, local(PARIS, *tuesday, 14, 0))


def test_the_next_opening_is_the_next_range_the_next_day_or_monday() -> None:
    hours = weekdays(SPLIT)
    lunch = local(PARIS, 2026, 12, 1, 12, 30)
    assert next_opening(hours, lunch) == local(PARIS, 2026, 12, 1, 14, 0)
    evening = local(PARIS, 2026, 12, 1, 19, 0)
    assert next_opening(hours, evening) == local(PARIS, 2026, 12, 2, 9, 0)
    friday_night = local(PARIS, 2026, 12, 4, 18, 0)
    assert next_opening(hours, friday_night) == local(PARIS, 2026, 12, 7, 9, 0)
    open_now = local(PARIS, 2026, 12, 1, 10, 0)
    assert next_opening(hours, open_now) == open_now
    assert next_opening(hours, evening).tzinfo is UTC  # type: ignore[union-attr]


def test_the_zone_decides_what_now_is() -> None:
    """17:00 UTC on a Tuesday of December: 18:00 in Paris (closed), noon in New York (open)."""
    now = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    assert not is_open(weekdays(NINE_TO_SIX), now)
    assert is_open(weekdays(NINE_TO_SIX, "America/New_York"), now)
    # 04:00 UTC: 23:00 the evening before in New York, next opening at 09:00 there.
    night = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
    new_york = weekdays(NINE_TO_SIX, "America/New_York")
    assert next_opening(new_york, night) == local(NEW_YORK, 2026, 12, 2, 9, 0)


def test_a_week_across_the_spring_change_keeps_the_local_hours() -> None:
    """Paris changes on Sunday 29 March 2026 (02:00 → 03:00): 09:00 is 08:00 UTC on the
    Friday before, 07:00 UTC on the Monday after."""
    hours = weekdays(NINE_TO_SIX)
    friday_evening = local(PARIS, 2026, 3, 27, 19, 0)
    monday = next_opening(hours, friday_evening)
    assert monday == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert next_opening(hours, local(PARIS, 2026, 3, 26, 20, 0)) == datetime(
        2026, 3, 27, 8, 0, tzinfo=UTC
    )
    # Each day of the week after the change opens at 07:00 UTC.
    for day in range(30, 32):
        assert is_open(hours, datetime(2026, 3, day, 7, 0, tzinfo=UTC))
        assert not is_open(hours, datetime(2026, 3, day, 6, 59, tzinfo=UTC))


def test_a_week_across_the_autumn_change_in_new_york() -> None:
    """New York falls back on Sunday 1 November 2026: 09:00 is 13:00 UTC before, 14:00 after."""
    hours = weekdays(NINE_TO_SIX, "America/New_York")
    assert is_open(hours, datetime(2026, 10, 30, 13, 0, tzinfo=UTC))
    saturday = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    assert next_opening(hours, saturday) == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert not is_open(hours, datetime(2026, 11, 2, 13, 30, tzinfo=UTC))
    # A full local day across the change lasts 25 hours.
    sunday = WorkingHours("America/New_York", ((),) * 6 + ((TimeRange(0, 1440),),))
    start = next_opening(sunday, saturday)
    assert start == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)
    assert is_open(sunday, start + timedelta(hours=24, minutes=59))
    assert not is_open(sunday, start + timedelta(hours=25))


def test_a_range_in_the_spring_gap_opens_when_the_clock_jumps() -> None:
    """On 29 March 2026 Paris skips 02:00-03:00: a range from 02:30 opens at 03:00 CEST
    (01:00 UTC); one inside the gap never opens."""
    sunday_only = ((),) * 6
    from_half_past_two = WorkingHours("Europe/Paris", (*sunday_only, (TimeRange(150, 240),)))
    saturday = local(PARIS, 2026, 3, 28, 12, 0)
    assert next_opening(from_half_past_two, saturday) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    swallowed = WorkingHours("Europe/Paris", (*sunday_only, (TimeRange(120, 180),)))
    # Not that Sunday: the next, when 02:00 exists again (CEST, 00:00 UTC).
    assert next_opening(swallowed, saturday) == datetime(2026, 4, 5, 0, 0, tzinfo=UTC)


def test_exceptions_close_a_day_or_give_it_other_hours() -> None:
    christmas = DatedHours(date(2026, 12, 25), date(2026, 12, 25))
    eve = DatedHours(date(2026, 12, 24), date(2026, 12, 24), (TimeRange(9 * 60, 12 * 60),))
    saturday = DatedHours(date(2026, 12, 26), date(2026, 12, 26), (TimeRange(10 * 60, 11 * 60),))
    hours = weekdays(NINE_TO_SIX, exceptions=(eve, christmas, saturday))
    assert not is_open(hours, local(PARIS, 2026, 12, 24, 13, 0))  # closes at noon
    assert next_opening(hours, local(PARIS, 2026, 12, 24, 13, 0)) == local(
        PARIS, 2026, 12, 26, 10, 0
    )
    assert not is_open(hours, local(PARIS, 2026, 12, 25, 10, 0))


def test_a_holiday_spanning_weeks_and_a_schedule_that_never_opens() -> None:
    summer = DatedHours(date(2026, 8, 1), date(2026, 8, 23))
    hours = weekdays(NINE_TO_SIX, exceptions=(summer,))
    assert next_opening(hours, local(PARIS, 2026, 7, 31, 19, 0)) == local(PARIS, 2026, 8, 24, 9, 0)
    never = WorkingHours("Europe/Paris", ((),) * 7)
    assert next_opening(never, local(PARIS, 2026, 7, 31, 19, 0)) is None
    only_once = WorkingHours(
        "Europe/Paris", ((),) * 7, (DatedHours(date(2026, 9, 5), date(2026, 9, 5), NINE_TO_SIX),)
    )
    assert next_opening(only_once, local(PARIS, 2026, 7, 31)) == local(PARIS, 2026, 9, 5, 9, 0)
    assert next_opening(only_once, local(PARIS, 2026, 9, 5, 18, 0)) is None


def test_a_range_until_midnight_runs_into_the_next_day() -> None:
    late = WorkingHours("UTC", ((TimeRange(20 * 60, 1440),), ((TimeRange(0, 120),)), *((),) * 5))
    monday_23 = datetime(2026, 11, 30, 23, 59, tzinfo=UTC)
    assert is_open(late, monday_23)
    assert is_open(late, monday_23 + timedelta(minutes=1))  # Tuesday 00:00
    assert not is_open(late, datetime(2026, 12, 1, 2, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-12:30", TimeRange(540, 750)),
        (" 9:00 - 18:00 ", TimeRange(540, 1080)),
        ("22:00-24:00", TimeRange(1320, 1440)),
        ("00:00-24:00", TimeRange(0, 1440)),
        ("09:00–12:00", TimeRange(540, 720)),
    ],
)
def test_ranges_that_parse(text: str, expected: TimeRange) -> None:
    assert parse_range(text) == expected
    assert str(expected) in {text.strip().replace(" ", "").replace("–", "-"), "09:00-18:00"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("9-18", RangeProblem.MALFORMED),
        ("09:00", RangeProblem.MALFORMED),
        ("24:00-24:00", RangeProblem.MALFORMED),
        ("09:60-10:00", RangeProblem.MALFORMED),
        ("09:00-24:30", RangeProblem.MALFORMED),
        ("", RangeProblem.MALFORMED),
        ("10:00-10:00", RangeProblem.EMPTY),
        ("22:00-02:00", RangeProblem.END_BEFORE_START),
        ("18:00-00:00", RangeProblem.END_BEFORE_START),
    ],
)
def test_ranges_that_do_not(text: str, problem: RangeProblem) -> None:
    with pytest.raises(RangeError) as raised:
        parse_range(text)
    assert raised.value.problem is problem


def test_a_days_ranges_and_their_overlaps() -> None:
    assert range_texts("09:00-12:00, 14:00-18:00") == ["09:00-12:00", "14:00-18:00"]
    assert range_texts(["09:00-12:00"]) == ["09:00-12:00"]
    ranges = [parse_range(t) for t in ("14:00-18:00", "09:00-12:00", "11:00-15:00")]
    assert overlapping(ranges) == [
        (TimeRange(540, 720), TimeRange(660, 900)),
        (TimeRange(660, 900), TimeRange(840, 1080)),
    ]
    assert overlapping([TimeRange(540, 720), TimeRange(720, 800)]) == []  # touching is fine


def test_dates() -> None:
    assert parse_date("2026-12-25") == date(2026, 12, 25)
    for bad in ("2026-02-30", "2026-1-5", "25/12/2026"):
        with pytest.raises(ValueError):
            parse_date(bad)
