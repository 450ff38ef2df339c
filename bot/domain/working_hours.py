"""Working hours (pure): whether a system's team is there now, and when it next will be.

A system's week holds local time ranges per weekday in an IANA time zone; dated exceptions
replace the ranges of their days (none: closed all day; or special hours). Local times become
instants through :mod:`zoneinfo`, so daylight saving time moves the instants and never the
hours on the wall clock: 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer.

A local time stands for the moment the clock first shows it or passes it: the first of the
two 02:30s of an autumn night (``fold=0``), and, for a time the spring change skips, the
change itself (the clock jumps from 02:00 to 03:00, so a range from 02:30 opens at 03:00). A
range the change swallows whole (02:00-03:00 that night) is not open at all.

The text forms (``"09:00-12:00"``, ``"2026-12-25"``) are parsed here too, so the checks of a
server file and the bot read them alike.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_PER_DAY = 24 * 60
# A week's worth of days after the last exception always finds the weekly schedule again.
_WEEK = 7
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Outside(StrEnum):
    """What opening a ticket out of hours does."""

    NOTICE = "notice"  # it opens; the member is told when the team is back
    REFUSE = "refuse"  # it does not; the member is told when to come back


@dataclass(frozen=True, slots=True, order=True)
class TimeRange:
    """Local wall-clock minutes after midnight: ``start`` < ``end`` ≤ 1440 (24:00)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


@dataclass(frozen=True, slots=True)
class DatedHours:
    """An exception: from ``first`` to ``last`` (inclusive), ``ranges`` instead of the week's
    (none: closed)."""

    first: date
    last: date
    ranges: tuple[TimeRange, ...] = ()

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class WorkingHours:
    time_zone: str  # an IANA name, checked when the file was validated
    week: tuple[tuple[TimeRange, ...], ...]  # seven days, Monday first; () closed that day
    exceptions: tuple[DatedHours, ...] = ()
    outside: Outside = Outside.NOTICE

    def ranges_on(self, day: date) -> tuple[TimeRange, ...]:
        for exception in self.exceptions:
            if exception.covers(day):
                return exception.ranges
        return self.week[day.weekday()]

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.time_zone)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


# --- when it is open ---------------------------------------------------------------------


def is_open(hours: WorkingHours, now: datetime) -> bool:
    return next_opening(hours, now) == now


def next_opening(hours: WorkingHours, now: datetime) -> datetime | None:
    """``now`` (aware) when the team is there; else the instant it next is, in UTC; None when
    it never is again (no weekly hours and no exception ahead with some)."""
    now = now.astimezone(UTC)
    today = now.astimezone(hours.zone).date()
    last_exception = max((e.last for e in hours.exceptions), default=today)
    last_day = max(today, last_exception) + timedelta(days=_WEEK + 1)
    # From yesterday: a range ending at 24:00 may still be running after local midnight's
    # conversion, whatever the zone's offset.
    for start, end in _intervals(hours, today - timedelta(days=1), last_day):
        if start <= now < end:
            return now
        if start > now:
            return start
    return None


def _intervals(hours: WorkingHours, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
    """Open intervals in UTC, in order, for the local days ``first`` to ``last``."""
    zone = hours.zone
    day = first
    while day <= last:
        midnight = datetime(day.year, day.month, day.day)
        for span in sorted(hours.ranges_on(day)):
            start = _instant(midnight + timedelta(minutes=span.start), zone)
            end = _instant(midnight + timedelta(minutes=span.end), zone)
            if start < end:  # not swallowed by a spring change
                yield start, end
        day += timedelta(days=1)


def _instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first moment the local clock shows ``wall`` (naive) or a later time, in UTC."""
    first = wall.replace(tzinfo=zone).astimezone(UTC)  # fold=0: the earlier of two
    if _wall(first, zone) == wall:
        return first
    # ``wall`` is skipped (spring): the moment is the jump, between the two readings.
    low, high = sorted((first, wall.replace(tzinfo=zone, fold=1).astimezone(UTC)))
    while high - low > timedelta(seconds=1):  # zones change on whole seconds
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _wall(middle, zone) >= wall:
            high = middle
        else:
            low = middle
    return high


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


# --- the text forms ----------------------------------------------------------------------


class RangeProblem(StrEnum):
    MALFORMED = "malformed"  # not HH:MM-HH:MM, or an hour/minute out of bounds
    EMPTY = "empty"  # 09:00-09:00
    END_BEFORE_START = "end-before-start"  # 18:00-09:00 (ranges end on their own day)


class RangeError(ValueError):
    def __init__(self, problem: RangeProblem, text: str) -> None:
        super().__init__(f"{problem}: {text!r}")
        self.problem = problem
        self.text = text


def parse_range(text: str) -> TimeRange:
    """``"09:00-12:30"`` → minutes 540 to 750; ``24:00`` only as an end. Raises
    :class:`RangeError`."""
    match = _RANGE.match(text)
    if match is None:
        raise RangeError(RangeProblem.MALFORMED, text)
    sh, sm, eh, em = (int(g) for g in match.groups())
    if sh > 23 or sm > 59 or em > 59 or eh > 24 or (eh == 24 and em):
        raise RangeError(RangeProblem.MALFORMED, text)
    start, end = sh * 60 + sm, eh * 60 + em
    if start == end:
        raise RangeError(RangeProblem.EMPTY, text)
    if end < start:
        raise RangeError(RangeProblem.END_BEFORE_START, text)
    return TimeRange(start, end)


def range_texts(value: str | Sequence[str]) -> list[str]:
    """A day's ranges as written: ``"09:00-12:00, 14:00-18:00"`` or a list of ranges."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    return list(value)


def overlapping(ranges: Sequence[TimeRange]) -> list[tuple[TimeRange, TimeRange]]:
    """Pairs (earlier, later) of a day's ranges that overlap; ranges that touch do not."""
    ordered = sorted(ranges)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b.start < a.end]


def is_date_form(text: str) -> bool:
    """``YYYY-MM-DD``, whether or not that day exists."""
    return bool(_DATE.match(text))


def parse_date(text: str) -> date:
    """``"2026-12-25"``; raises ``ValueError`` for another form or a day that does not exist."""
    if not _DATE.match(text):
        raise ValueError(f"not a date: {text!r}")
    return date.fromisoformat(text)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
