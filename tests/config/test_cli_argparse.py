"""argparse's own words ("usage:", "options", error lines) come from Fluent."""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import shutil
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli_argparse import PLURAL, SINGULAR
from tests.processes import clean_env, run

from .conftest import BASE, FIXTURES

# argparse texts only a programming error of ours can show (never an admin's typo).
DEVELOPER_ONLY = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "length of metavar tuple does not match nargs",
    "conflicting option string: %s",
    "conflicting option strings: %s",
}


def _argparse_texts() -> tuple[set[str], set[tuple[str, str]]]:
    tree = ast.parse(inspect.getsource(argparse))
    singular, plural = set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        literals = [
            a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if node.func.id == "_" and literals:
            singular.add(literals[0])
        elif node.func.id == "ngettext" and len(literals) == 2:
            plural.add((literals[0], literals[1]))
    return singular, plural


def test_every_text_argparse_shows_an_admin_is_translated() -> None:
    singular, plural = _argparse_texts()
    assert len(singular) > 20  # the scan found argparse's texts
    assert singular - DEVELOPER_ONLY - SINGULAR.keys() == set()
    assert (
        plural
        - PLURAL.keys()
        - {("conflicting option string: %s", "conflicting option strings: %s")}
        == set()
    )


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (
            ["validate", "--bogus"],
            ["utilisation : guichet", "guichet : erreur : arguments non reconnus : --bogus"],
        ),
        (
            ["new-server", "shop"],
            ["les arguments suivants sont obligatoires : --guild, --locale"],
        ),
        (["frobnicate"], ["choix invalide : 'frobnicate'"]),
    ],
)
def test_usage_errors_speak_french(
    argv: list[str],
    lines: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    for line in lines:
        assert line in err
    assert "usage:" not in err and "error:" not in err


def test_help_speaks_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : guichet validate")
    assert "arguments positionnels:" in out
    assert "afficher ce message d'aide et quitter" in out
    # argparse is itself again once the command line is read.
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["C", "fr_FR.UTF-8"])
def test_every_command_is_described_from_a_capital_letter(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """``guichet --help`` lists the commands as sentences: none starts lower case."""
    monkeypatch.setenv("LANG", lang)
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    # "    name      Description", not its wrapped lines nor the {validate,...} one.
    described = re.findall(r"^    [a-z-]+ {2,}(\w)", out, flags=re.MULTILINE)
    starts = [first for first in described if first.isalpha()]
    assert len(starts) >= 10, out
    assert all(start.isupper() for start in starts), out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--bogus"],
        ["validate", "--locales"],
        ["validate", "--help"],
        ["validate", "-h", "servers"],
        ["valid"],
        ["--help"],
    ],
)
@pytest.mark.parametrize("lang", ["C", "fr_FR.UTF-8"])
def test_validate_read_alone_says_what_the_full_parser_says(
    argv: list[str],
    lang: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``guichet validate`` is read without building the other commands; whatever argparse
    has to say (usage errors, help) is said by the full parser, word for word."""
    from bot.cli import _bot_texts, _plain_validate, build_parser
    from bot.cli_argparse import localized_argparse

    monkeypatch.setenv("LANG", lang)
    texts = _bot_texts()
    with localized_argparse(texts):
        assert _plain_validate(argv, texts) is None
        capsys.readouterr()
        with pytest.raises(SystemExit) as full:
            build_parser(texts).parse_args(argv)
    said = capsys.readouterr()
    assert said.out or said.err
    assert main(argv) == full.value.code
    assert capsys.readouterr() == said


def test_validate_alone_is_the_namespace_of_the_full_parser() -> None:
    from bot.cli import _bot_texts, _plain_validate, build_parser

    texts = _bot_texts()
    for argv in (
        ["validate"],
        ["validate", "a", "b.yaml", "--locales", "l"],
        ["validate", "--loc=x"],
        ["validate", "s", "--", "--x"],
    ):
        assert _plain_validate(argv, texts) == build_parser(texts).parse_args(argv)


def test_validate_imports_neither_the_bot_nor_jsonschema(tmp_path: Path) -> None:
    """What validating valid files costs at start-up: the bot's runtime, storage, the
    dashboard and jsonschema (which only words errors) stay out of the process."""
    (tmp_path / "servers").mkdir()
    (tmp_path / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    for folder in (FIXTURES / "locales").iterdir():
        shutil.copytree(folder / "servers", tmp_path / "locales" / folder.name / "servers")
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "assert main(['validate']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'discord',"
        " 'aiohttp', 'asyncpg', 'aiosqlite') or m in ('bot.cli_bot', 'bot.runtime')))\n"
    )
    done = run([sys.executable, "-c", script], cwd=tmp_path, env=clean_env(LANG="C.UTF-8"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
