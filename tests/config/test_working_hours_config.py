"""``working_hours`` in a server file: the spec it builds, and every problem reported at its
line and column, in English and in French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_servers
from bot.domain.working_hours import DatedHours, Outside, TimeRange
from bot.i18n import Catalog

from .conftest import BASE, WriteServer
from .test_validate_french import NBSP, _english_words

GOOD = """\
    working_hours:
      time_zone: America/New_York
      schedule:
        monday: 09:00-12:00, 14:00-18:00
        tuesday:
          - 09:00-18:00
        friday: "09:00-17:00"
        saturday: []
      exceptions:
        - {date: 2026-12-25}
        - date: 2026-12-24
          hours: 09:00-12:00
        - {date: 2026-08-01, until: 2026-08-15}
      outside: refuse
"""

# Line numbers: BASE's line 7 (category) is followed by these, from line 8.
BAD = """\
    working_hours:
      time_zone: Europe/Pariss
      schedule:
        monday: 09:00-12:00, 11:00-13:00
        tuesday: 9h-18h
        wednesday:
          - 18:00-09:00
          - 10:00-10:00
        thursday: 22:00-24:00
      exceptions:
        - {date: 2026-12-25}
        - {date: 2026-12-20, until: 2026-12-26}
        - {date: 2026-02-30}
        - {date: 2026-05-10, until: 2026-05-01}
"""
WHERE = "systems.help.working_hours"
PROBLEMS = [  # line, column, where, English words, French words
    (9, 18, "time_zone", "did you mean Europe/Paris?", f"vouliez-vous dire Europe/Paris{NBSP}?"),
    (11, 17, "schedule.monday", '"11:00-13:00" overlaps "09:00-12:00"', "chevauche"),
    (12, 18, "schedule.tuesday", '"9h-18h" is not a time range', "n'est pas une plage horaire"),
    (14, 13, "schedule.wednesday[0]", "ends before it starts", "finit avant de commencer"),
    (15, 13, "schedule.wednesday[1]", "is empty", "est vide"),
    (
        19,
        18,
        "exceptions[1].date",
        "2026-12-25 already has an exception (line 18)",
        "2026-12-25 a déjà une exception (ligne 18)",
    ),
    (20, 18, "exceptions[2].date", '"2026-02-30" is not a day of the calendar', "calendrier"),
    (21, 37, "exceptions[3].until", "until (2026-05-01) comes before date", "vient avant"),
]


def _with(block: str) -> str:
    lines = BASE.splitlines()
    return "\n".join([*lines[:7], block.rstrip("\n"), *lines[7:]]) + "\n"


def test_a_good_block_builds_the_spec(write_server: WriteServer, catalog: Catalog) -> None:
    result = load_servers([write_server(_with(GOOD))], catalog)
    assert result.ok, "\n".join(map(str, result.errors))
    hours = result.servers[0].systems[0].working_hours
    assert hours is not None
    assert hours.time_zone == "America/New_York" and hours.outside is Outside.REFUSE
    assert hours.week[0] == (TimeRange(540, 720), TimeRange(840, 1080))
    assert hours.week[1] == (TimeRange(540, 1080),)
    assert hours.week[2] == () and hours.week[5] == () and hours.week[6] == ()
    assert hours.exceptions == (
        DatedHours(date(2026, 12, 25), date(2026, 12, 25)),
        DatedHours(date(2026, 12, 24), date(2026, 12, 24), (TimeRange(540, 720),)),
        DatedHours(date(2026, 8, 1), date(2026, 8, 15)),
    )
    without = load_servers([write_server(BASE)], catalog)
    assert without.servers[0].systems[0].working_hours is None  # always open


def test_every_problem_at_its_line_and_column(write_server: WriteServer, catalog: Catalog) -> None:
    result = load_servers([write_server(_with(BAD))], catalog)
    found = {(e.line, e.column, e.where): e.message for e in result.errors}
    for line, column, where, words, _french in PROBLEMS:
        message = found.pop((line, column, f"{WHERE}.{where}"), None)
        assert message is not None and words in message, (line, where, result.errors)
    assert found == {}  # nothing else: the week has open time, thursday's range is fine


def _block(zone: str | None, schedule: str, more: str = "") -> str:
    written = f"      time_zone: {zone}\n" if zone else ""
    return f"    working_hours:\n{written}      schedule: {schedule}\n{more}"


MONDAY = "{monday: '09:00-10:00'}"


@pytest.mark.parametrize(
    ("block", "where", "words"),
    [
        (
            _block("Mars/Olympus", MONDAY),
            "time_zone",
            "Mars/Olympus is not an IANA time zone: write a name such as Europe/Paris",
        ),
        (_block("europe/paris", MONDAY), "time_zone", "did you mean Europe/Paris?"),
        (_block("Paris", MONDAY), "time_zone", "did you mean Europe/Paris?"),  # the city
        (_block("'new york'", MONDAY), "time_zone", "did you mean America/New_York?"),
        (
            _block("UTC", "{saturday: [], sunday: []}"),
            "schedule",
            "this schedule is closed every day",
        ),
        (
            _block("UTC", "{monday: 9}"),
            "schedule.monday",
            'must be time ranges such as "09:00-12:00, 14:00-18:00"',
        ),
        (_block("UTC", "{mon: '09:00-10:00'}"), "schedule.mon", "did you mean"),
        (
            _block("UTC", MONDAY, "      exceptions: [{date: 25/12/2026}]\n"),
            "exceptions[0].date",
            "must be a date such as 2026-12-25",
        ),
        (
            _block(None, MONDAY, "      outside: close\n"),
            "outside",
            'must be one of "notice", "refuse"',
        ),
    ],
)
def test_more_problems(
    write_server: WriteServer, catalog: Catalog, block: str, where: str, words: str
) -> None:
    result = load_servers([write_server(_with(block))], catalog)
    messages = [e.message for e in result.errors if e.where == f"{WHERE}.{where}"]
    assert any(words in m for m in messages), "\n".join(map(str, result.errors))


def test_a_date_in_another_form_is_one_error_not_two(
    write_server: WriteServer, catalog: Catalog
) -> None:
    """25/12/2026 is not a date form (the schema says how to write one); saying also that it
    "is not a day of the calendar" would tell the admin the same thing twice, less clearly."""
    block = _block("UTC", MONDAY, "      exceptions: [{date: 25/12/2026}]\n")
    result = load_servers([write_server(_with(block))], catalog)
    [error] = result.errors
    assert error.where == f"{WHERE}.exceptions[0].date"
    assert "must be a date such as 2026-12-25" in error.message


def test_an_unquoted_time_in_a_flow_list_is_a_yaml_error_not_a_crash(
    write_server: WriteServer, catalog: Catalog
) -> None:
    """YAML reads ``[09:00-12:00]`` as a key: the admin is told where (README says quote)."""
    block = "    working_hours:\n      time_zone: UTC\n      schedule: {monday: [09:00-12:00]}\n"
    result = load_servers([write_server(_with(block))], catalog)
    assert not result.ok
    [error] = result.errors
    assert error.line == 10  # where the parser stopped, past the colon
    assert 'quote that value, e.g. ["09:00-12:00"]' in error.message


def test_the_problems_in_french(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    (project / "servers" / "srv.yaml").write_text(_with(BAD), encoding="utf-8")
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    *problems, _summary = err.splitlines()
    assert len(problems) == len(PROBLEMS), err
    for line, column, where, _english, french in PROBLEMS:
        prefix = f"servers/srv.yaml:{line}:{column}: {WHERE}.{where}: "
        assert any(p.startswith(prefix) and french in p for p in problems), err
    # "until" and "date" are the file's own keys, quoted as written.
    assert _english_words(err.replace("until", "").replace("date", "")) == [], err


def test_the_schema_states_the_specs_defaults() -> None:
    from bot.config.schema_check import schema
    from bot.domain.working_hours import WorkingHours

    stated = schema()["$defs"]["system"]["properties"]["working_hours"]["properties"]
    assert stated["outside"]["default"] == WorkingHours("UTC", ((),) * 7).outside
    assert stated["exceptions"]["default"] == list(WorkingHours("UTC", ((),) * 7).exceptions)


@pytest.mark.parametrize(
    ("zone", "warned"),
    [
        ("EST", True),
        ("Etc/GMT+5", True),
        ("CET", True),
        ("UTC", False),
        ("Etc/UTC", False),
        ("America/New_York", False),
    ],
)
def test_an_abbreviation_or_a_fixed_offset_is_a_warning(
    write_server: WriteServer, catalog: Catalog, zone: str, warned: bool
) -> None:
    result = load_servers([write_server(_with(_block(zone, MONDAY)))], catalog)
    assert result.ok  # a warning: the file still loads
    found = [w.message for w in result.warnings if w.where == f"{WHERE}.time_zone"]
    expected = [f"{zone} is an old alias or a fixed offset, not a Region/City"] if warned else []
    assert [m.split(":")[0] for m in found] == expected
