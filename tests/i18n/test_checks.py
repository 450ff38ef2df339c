"""The translators' checks (``guichet check-locales``): variables, completeness, plurals, zero."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.i18n.checks import check_locales, count_categories

from .conftest import LOCALES, WriteTree

EN = (
    "hello = Hello { $name }\n"
    "# $max >= 1: a limit\n"
    "limit = { $max ->\n    [one] one ticket\n   *[other] { $max } tickets\n}\n"
    "found = { $count ->\n    [one] one ticket\n   *[other] { $count } tickets\n}\n"
    "button =\n    .label = Open { $channel }\n"
)
FR = (
    "hello = Bonjour { $name }\n"
    "limit = { $max ->\n    [one] un ticket\n   *[other] { $max } tickets\n}\n"
    "found = { $count ->\n    [0] aucun ticket\n    [one] un ticket\n"
    "   *[other] { $count } tickets\n}\n"
    "button =\n    .label = Ouvrir { $channel }\n"
)


def _lines(root: Path) -> list[str]:
    report = check_locales(root)
    return [
        f"{f.path.relative_to(root)}:{f.line}:{f.column}: {f.msg_id} {dict(f.args)}"
        for f in report.findings
    ]


def test_clean_translations_have_no_finding(write_tree: WriteTree) -> None:
    root = write_tree({"en-US/a.ftl": EN, "fr/a.ftl": FR})
    assert _lines(root) == []
    (fr,) = check_locales(root).completeness
    assert (fr.locale, fr.total, fr.translated, fr.missing, fr.obsolete) == ("fr", 4, 4, (), ())


def test_a_mistyped_variable_names_file_and_line(write_tree: WriteTree) -> None:
    typo = FR.replace("Ouvrir { $channel }", "Ouvrir { $salon }")
    root = write_tree({"en-US/a.ftl": EN, "fr/a.ftl": typo})
    assert _lines(root) == [
        (
            "fr/a.ftl:12:23: locales-unknown-variable {'id': 'button.label', 'variable':"
            " '{ $salon }', 'expected': '{ $channel }', 'reference': 'en-US'}"
        ),
        (
            "fr/a.ftl:11:1: locales-unused-variable {'id': 'button.label', 'variable':"
            " '{ $channel }', 'reference': 'en-US'}"
        ),
    ]


def test_a_new_locale_reports_missing_and_obsolete_ids(write_tree: WriteTree) -> None:
    root = write_tree({"en-US/a.ftl": EN, "de/a.ftl": "hello = Hallo { $name }\nold = Alt\n"})
    (de,) = check_locales(root).completeness
    assert (de.translated, de.total) == (1, 4)
    assert de.missing == ("button.label", "found", "limit")
    assert de.obsolete == ("old",)


def test_plural_variants_cover_the_categories_of_the_locale(write_tree: WriteTree) -> None:
    polish = "found = { $count ->\n    [one] jeden bilet\n   *[other] { $count } biletów\n}\n"
    root = write_tree(
        {
            "en-US/a.ftl": "found = { $count ->\n [one] one\n *[other] { $count } many\n}\n",
            "pl/a.ftl": polish,
        }
    )
    (line,) = _lines(root)
    assert "locales-plural-missing" in line and "'categories': '[few], [many]'" in line
    # French "many" (exact millions) is not a count a ticket bot shows.
    assert count_categories("fr") == ("one", "other")
    assert count_categories("pl") == ("one", "few", "many")  # "other": decimals only


def test_zero_in_french_needs_its_own_variant(write_tree: WriteTree) -> None:
    hidden = FR.replace("    [0] aucun ticket\n", "")
    root = write_tree({"en-US/a.ftl": EN, "fr/a.ftl": hidden})
    (line,) = _lines(root)
    assert line.startswith("fr/a.ftl:6:11: locales-zero-hidden {'id': 'found', 'code': 'fr'")
    # limit is never 0 (its en-US comment says "$max >= 1"), so it needs no [0].


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # The count shown outside the select: "0 effectuée" is French.
        ({"fr/a.ftl": "done = { $ok } { $ok ->\n [one] effectuée\n *[other] effectuées\n}\n"}, []),
        # A select on a word is not a plural.
        ({"fr/a.ftl": "state = { $status ->\n [open] ouvert\n *[other] fermé\n}\n"}, []),
        # A switch on 0 that shows no count needs no plural forms.
        ({"fr/a.ftl": "done = { $ok ->\n [0] rien\n *[other] voilà\n}\n"}, []),
    ],
)
def test_what_is_not_a_zero_problem(
    write_tree: WriteTree, files: dict[str, str], expected: list[str]
) -> None:
    english = {"en-US/a.ftl": "done = { $ok } done\nstate = { $status }\n"}
    assert [
        x for x in _lines(write_tree(english | files)) if "zero" in x or "plural" in x
    ] == expected


def test_todays_locales_pass_every_check() -> None:
    report = check_locales(LOCALES)
    assert [str(f) for f in report.findings] == []
    assert all(not c.missing and not c.obsolete for c in report.completeness)
    assert {c.locale for c in report.completeness} >= {"fr"}


def test_the_command_prints_a_summary_and_fails_on_problems(
    write_tree: WriteTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C")
    root = write_tree(
        {
            "en-US/a.ftl": EN,
            "fr/a.ftl": FR.replace("$name", "$nom"),
            "de/a.ftl": "hello = Hallo { $name }\n",
        }
    )
    assert main(["check-locales", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "en-US *.ftl: 4 messages (reference)",
        "de *.ftl: 1 of 4 messages (25 %), 3 missing, 0 obsolete",
        "de *.ftl: missing: button.label, found, limit",
        "fr *.ftl: 4 of 4 messages (100 %), 0 missing, 0 obsolete",
    ]
    assert (
        f"{root}/fr/a.ftl:1:19: hello: {{ $nom }} is not a variable of this message in en-US" in err
    )
    assert err.splitlines()[-1] == "2 problems in the translations."
    # Missing messages fail only with --complete.
    shutil.rmtree(root / "fr")  # left: en-US and an incomplete de
    assert main(["check-locales", str(root)]) == 0
    assert main(["check-locales", "--complete", str(root)]) == 1


def test_an_admins_folder_is_summed_up_by_its_servers_texts(
    write_tree: WriteTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C")
    root = write_tree({"en-US/servers/shop.ftl": "panel = Support\n", "fr/servers/shop.ftl": ""})
    assert main(["check-locales", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "en-US servers/shop.ftl: 1 messages (reference)",
        "fr servers/shop.ftl: 0 of 1 messages (0 %), 1 missing, 0 obsolete",
        "fr servers/shop.ftl: missing: panel",
        "Translations checked: no problem found.",
    ]


def test_a_shown_count_still_needs_its_plural_forms(write_tree: WriteTree) -> None:
    root = write_tree({"en-US/a.ftl": "n = { $n ->\n [0] none\n *[other] { $n } items\n}\n"})
    (line,) = _lines(root)
    assert "locales-plural-missing" in line and "'categories': '[one]'" in line
