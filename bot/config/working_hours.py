"""A system's ``working_hours``: the checks JSON Schema cannot make, and the typed spec.

The schema says which keys exist and that a day holds a string or a list of strings; what
those strings mean (a zone zoneinfo knows, ranges that parse, do not overlap and end after
they start, exceptions one per day, some open time in the week) is checked here, each
problem at its file:line:column. Like the other semantic checks, values of the wrong type
are skipped: the schema reported them.
"""

from __future__ import annotations

import difflib
from datetime import date
from functools import cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.config.diagnostics import WARNING, Arg, Severity, shown
from bot.config.yaml_loader import NodePath
from bot.domain.working_hours import (
    DAYS,
    DatedHours,
    Outside,
    RangeError,
    RangeProblem,
    TimeRange,
    WorkingHours,
    is_date_form,
    overlapping,
    parse_date,
    parse_range,
    range_texts,
)
from bot.i18n import MessageId, message_id

_RANGE_PROBLEMS = {
    RangeProblem.MALFORMED: message_id("hours-range-malformed"),
    RangeProblem.EMPTY: message_id("hours-range-empty"),
    RangeProblem.END_BEFORE_START: message_id("hours-range-end-before-start"),
}
# Names zoneinfo loads that are no IANA zone: this machine's own setting.
_NOT_ZONES = frozenset({"localtime"})
# UTC by its other names: meant as such, never a surprise.
_UTC = frozenset(
    f"{prefix}{name}"
    for prefix in ("", "Etc/")
    for name in ("UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Universal", "Zulu", "Greenwich")
)


class Report(Protocol):
    """What the checks need from ``bot.config.semantic``'s report."""

    def at_value(
        self, node: NodePath, msg_id: MessageId, severity: Severity = ..., **args: Arg
    ) -> None: ...

    def at_key(
        self, node: NodePath, msg_id: MessageId, severity: Severity = ..., **args: Arg
    ) -> None: ...

    @property
    def positions(self) -> Any: ...


def known_zone(name: str) -> bool:
    if name in _NOT_ZONES:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a bad key, a directory
        return False
    return True


def _legacy(name: str) -> bool:
    """An abbreviation or fixed offset (EST, CET, Etc/GMT+5) rather than a place: EST never
    changes to daylight saving time and Etc/GMT+5 is five hours *behind* UTC, which is
    rarely what the admin meant."""
    return name not in _UTC and ("/" not in name or name.startswith("Etc/"))


@cache
def _zone_names() -> dict[str, str]:
    """Known zones by their lower-case name (read only when a name is wrong: 0.1 s)."""
    return {name.lower(): name for name in available_timezones() - _NOT_ZONES}


_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe")
_REGIONS += ("Indian", "Pacific")


@cache
def _zones_by_city() -> dict[str, str]:
    """Zones by their city alone, lower case (paris → Europe/Paris), where one zone has it."""
    found: dict[str, list[str]] = {}
    for name in available_timezones():
        region, _, city = name.rpartition("/")
        if region.split("/")[0] in _REGIONS:
            found.setdefault(city.lower(), []).append(name)
    return {city: names[0] for city, names in found.items() if len(names) == 1}


def _zone_suggestion(name: str) -> str | None:
    names = _zone_names()
    if (same := names.get(name.strip().lower())) is not None:
        return same  # europe/paris, "Europe/Paris ": the case or spaces
    # The city alone, as people say it: Paris, New York, tokyo.
    if (city := _zones_by_city().get("_".join(name.split()).lower())) is not None:
        return city
    close = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


# --- checks ------------------------------------------------------------------------------


def check_working_hours(report: Report, node: NodePath, hours: Any) -> None:
    if not isinstance(hours, dict):
        return
    zone = hours.get("time_zone")
    if isinstance(zone, str) and not known_zone(zone):
        suggestion = _zone_suggestion(zone)
        if suggestion is None:
            report.at_value((*node, "time_zone"), message_id("hours-unknown-zone"), zone=zone)
        else:
            suggest = message_id("hours-unknown-zone-suggest")
            report.at_value((*node, "time_zone"), suggest, zone=zone, suggestion=suggestion)
    elif isinstance(zone, str) and _legacy(zone):
        legacy = message_id("hours-zone-legacy")
        report.at_value((*node, "time_zone"), legacy, WARNING, zone=zone)
    schedule = hours.get("schedule")
    if isinstance(schedule, dict):
        week = [_checked_day(report, (*node, "schedule", day), schedule.get(day)) for day in DAYS]
        if all(day is not None and not day for day in week):  # every day parsed, none open
            report.at_key((*node, "schedule"), message_id("hours-never-open"))
    exceptions = hours.get("exceptions")
    if isinstance(exceptions, list):
        _check_exceptions(report, (*node, "exceptions"), exceptions)


def _checked_day(report: Report, node: NodePath, value: Any) -> list[TimeRange] | None:
    """A day's ranges, each problem reported; None when one did not parse (or a value of the
    wrong type: the schema said so)."""
    if value is None:
        return []  # not written: closed
    if not isinstance(value, str | list):
        return None
    parsed: list[TimeRange] = []
    failed = False
    for index, text in enumerate(range_texts(value)):
        where = node if isinstance(value, str) else (*node, index)
        if not isinstance(text, str):
            failed = True
            continue
        try:
            parsed.append(parse_range(text))
        except RangeError as error:
            report.at_value(where, _RANGE_PROBLEMS[error.problem], range=shown(text.strip()))
            failed = True
    for earlier, later in overlapping(parsed):
        overlap = message_id("hours-range-overlap")
        report.at_value(node, overlap, range=shown(str(later)), other=shown(str(earlier)))
    return None if failed else parsed


def _check_exceptions(report: Report, node: NodePath, exceptions: list[Any]) -> None:
    taken: list[tuple[date, date, int]] = []  # first, last, line
    for index, item in enumerate(exceptions):
        if not isinstance(item, dict):
            continue
        where = (*node, index)
        first = _checked_date(report, (*where, "date"), item.get("date"))
        last = _checked_date(report, (*where, "until"), item.get("until")) or first
        if "hours" in item:
            _checked_day(report, (*where, "hours"), item["hours"])
        if first is None or last is None:
            continue
        if last < first:
            before = message_id("hours-until-before-date")
            report.at_value((*where, "until"), before, until=str(last), date=str(first))
            continue
        for other_first, other_last, line in taken:
            if first <= other_last and other_first <= last:
                twice = message_id("hours-exception-twice")
                day = max(first, other_first)
                report.at_value((*where, "date"), twice, date=str(day), line=line)
                break
        else:
            line, _column = report.positions.key(where)
            taken.append((first, last, line))


def _checked_date(report: Report, node: NodePath, value: Any) -> date | None:
    # Another form (25/12/2026) is the schema's error already: said once, not twice.
    if not isinstance(value, str) or not is_date_form(value):
        return None
    try:
        return parse_date(value)
    except ValueError:  # the schema checked the form: a day that does not exist
        report.at_value(node, message_id("hours-bad-date"), date=shown(value))
        return None


# --- the spec ----------------------------------------------------------------------------


def build_working_hours(raw: dict[str, Any] | None) -> WorkingHours | None:
    """``raw`` passed the schema and the checks above."""
    if raw is None:
        return None
    schedule = raw["schedule"]
    week = tuple(_ranges(schedule.get(day, ())) for day in DAYS)
    exceptions = tuple(
        DatedHours(
            first=parse_date(item["date"]),
            last=parse_date(item.get("until", item["date"])),
            ranges=_ranges(item.get("hours", ())),
        )
        for item in raw.get("exceptions", ())
    )
    outside = Outside(raw.get("outside", Outside.NOTICE))
    return WorkingHours(raw["time_zone"], week, exceptions, outside)


def _ranges(value: str | list[str]) -> tuple[TimeRange, ...]:
    return tuple(sorted(parse_range(text) for text in range_texts(value)))
