"""Fluent syntax errors in an admin's .ftl files are said in the admin's language, with the
parser's code and the position; when the bot's own texts are the broken ones, the parser's
English words are said instead of message ids."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from fluent.syntax.errors import get_error_message

from bot.i18n import Catalog
from bot.i18n.ftl import SYNTAX_OTHER, parse_ftl, syntax_message
from bot.resources import BOT_LOCALES
from tests.processes import clean_env, run

REPO = Path(__file__).resolve().parents[2]
LANG = {"en-US": "C.UTF-8", "fr": "fr_FR.UTF-8"}
# Every code fluent.syntax words (its get_error_message), but E00001, spelled E0001 here.
CODES = [f"E{n:04d}" for n in range(1, 30) if get_error_message(f"E{n:04d}", ("x",)) != f"E{n:04d}"]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_every_parser_code_has_a_message_in_each_locale(locale: str) -> None:
    catalog = Catalog.load(BOT_LOCALES)
    assert len(CODES) >= 27
    for code in CODES:
        msg_id, args = syntax_message(code, ("x",))
        assert msg_id == f"ftl-syntax-{code}"
        text = catalog.translate(msg_id, locale, **dict(args))
        assert text.startswith(f"{code} "), text
        assert msg_id not in text


def test_an_unknown_code_keeps_the_parser_s_words() -> None:
    assert syntax_message("E0099", ()) == (SYNTAX_OTHER, (("code", "E0099"),))
    [problem] = parse_ftl("a = {\n", Path("x.ftl")).diagnostics
    assert (problem.msg_id, dict(problem.args)) == ("ftl-syntax-E0028", {"code": "E0028"})
    assert (
        str(problem)
        == "x.ftl:2:1: E0028 Expected an inline expression (in the entry starting at line 1)"
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en-US",
            [
                ':31:14: E0003 Expected token: "="',
                (
                    ":34:1: E0010 Expected one of the variants to be marked as default (*)"
                    " (in the entry starting at line 32)"
                ),
            ],
        ),
        (
            "fr",
            [
                ":31:14: E0003 Caractère attendu : « = »",
                (
                    ":34:1: E0010 Une des variantes doit être marquée comme variante par défaut (*)"
                    " (dans l’entrée qui commence à la ligne 32)"
                ),
            ],
        ),
    ],
)
def test_validate_says_syntax_errors_in_the_admin_s_language(
    tmp_path: Path, locale: str, expected: list[str]
) -> None:
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    ftl = tmp_path / "locales" / "fr" / "servers" / "example.ftl"
    lines = ftl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 30, "the fixture's line numbers assume the shipped file's 30 lines"
    ftl.write_text(
        "\n".join([*lines, "broken-entry {", "x = { $a ->", "  [one] y", "}", ""]), encoding="utf-8"
    )

    done = run(
        [sys.executable, "-m", "bot.cli", "validate", "servers/"],
        cwd=tmp_path,
        env=clean_env(LANG=LANG[locale], LC_ALL=""),
    )

    assert done.returncode == 1
    said = [
        line.removeprefix("locales/fr/servers/example.ftl") for line in done.stderr.splitlines()
    ]
    assert said[: len(expected)] == expected, done.stderr
    assert "Traceback" not in done.stderr
