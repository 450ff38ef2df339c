"""Every shipped locale has the same messages, with the same variables, in every .ftl file."""

from __future__ import annotations

import pytest

from bot.i18n import entry_variables, parse_ftl
from bot.i18n.parity import compare_file, compare_locales, ftl_files

from .conftest import LOCALES, WriteTree

# Discovered, not listed: files other engineers add (servers/*.ftl, cli.ftl...) are covered too.
FILES = ftl_files(LOCALES)


def test_the_repository_ships_english_and_french() -> None:
    assert {p.name for p in LOCALES.iterdir() if p.is_dir()} >= {"en-US", "fr"}
    assert "commands.ftl" in FILES
    assert "common.ftl" in FILES


@pytest.mark.parametrize("relative", FILES)
def test_locales_match(relative: str) -> None:
    problems = compare_file(LOCALES, relative, "en-US")
    assert not problems, "\n".join(map(str, problems))


def test_variables_are_found_in_selectors_attributes_and_calls() -> None:
    source = (
        "msg = { $count ->\n"
        "    [one] { $who } has one\n"
        "   *[other] { NUMBER($total, useGrouping: 0) }\n"
        "}\n"
        "    .title = For { $title }\n"
        "-term = Plain { $arg }\n"
    )
    resource = parse_ftl(source, LOCALES / "probe.ftl").resource
    assert entry_variables(resource) == {
        "msg": frozenset({"count", "who", "total"}),
        "msg.title": frozenset({"title"}),
        "-term": frozenset({"arg"}),
    }


def test_parity_reports_missing_extra_and_mismatched_entries(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "en-US/common.ftl": "a = A { $x }\nb = B\n    .hint = H { $y }\nc = C\n",
            "fr/common.ftl": "a = A { $z }\nb = B\n    .hint = H\nd = D\n",
            "en-US/servers/demo.ftl": "panel = Panel\n",
        }
    )
    problems = {str(p) for p in compare_locales(root)}
    assert problems == {
        "fr/common.ftl: missing 'c'",
        "fr/common.ftl: 'd' not in en-US",
        "fr/common.ftl: 'a' uses variables ['z'], en-US uses ['x']",
        "fr/common.ftl: 'b.hint' uses variables [], en-US uses ['y']",
        "fr/servers/demo.ftl: file missing",
    }
