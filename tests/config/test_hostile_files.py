"""Issue 10: files a careless or hostile pull request can hold are refused within bounds.

``guichet validate`` runs as CI runs it (a subprocess, with a timeout standing for "hangs"):
every such file ends in exit 1 and one localized line naming the file (and its line where
known), never a traceback. Before these limits, the YAML bomb ran without end and the deep
nesting, bad numbers and dates, and looping .ftl references ended in tracebacks.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config.diagnostics import Diagnostic
from bot.i18n import Catalog
from bot.i18n.ftl import FtlDiagnostic
from bot.i18n.ids import message_id
from bot.resources import BOT_LOCALES
from tests.processes import clean_env, run

from .conftest import BASE, FIXTURES

LANG = {"en-US": "C.UTF-8", "fr": "fr_FR.UTF-8"}


def _laughs() -> str:
    lines = ["guild: 123456789012345678", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def _block(depth: int) -> str:
    return "guild: 1\nx:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, depth))


# name → (file text, (line, column), message id, its arguments)
YAML_CASES: dict[str, tuple[str, tuple[int, int], str, dict[str, object]]] = {
    "laughs": (_laughs(), (6, 1), "config-limit-expanded", {"limit": 20000}),
    "flow": (
        "guild: 1\nx: " + "[" * 40 + "]" * 40 + "\n",
        (2, 35),
        "config-limit-depth",
        {"limit": 32},
    ),
    "block": (_block(40), (34, 65), "config-limit-depth", {"limit": 32}),
    "line": (
        "guild: 1\nx: '" + "a" * 2500 + "'\n",
        (2, 2001),
        "config-limit-line-length",
        {"length": 2505, "limit": 2000},
    ),
    "size": (
        "guild: 1\n" + "# padding\n" * 30000,
        (0, 0),
        "config-limit-file-size",
        {"size": 300009, "limit": 262144},
    ),
    "keys": (
        "guild: 1\nx:\n" + "".join(f"  k{i}: 1\n" for i in range(5200)),
        (5001, 3),
        "config-limit-keys",
        {"limit": 5000},
    ),
    "number": (
        BASE.replace("style: channel", "style: channel\n    max_open_per_member: !!int lots"),
        (7, 26),
        "config-yaml-bad-value",
        {"tag": "int", "value": '"lots"'},
    ),
}


def _chain(length: int) -> str:
    return "".join(f"m{i} = {{ m{i + 1} }}\n" for i in range(length)) + f"m{length} = end\n"


# name → (file bytes, (line, column), message id, its arguments)
FTL_CASES: dict[str, tuple[bytes, tuple[int, int], str, dict[str, object]]] = {
    "loop": (b"a = { b }\nb = { a }\n", (1, 1), "ftl-limit-reference-cycle", {"id": "a"}),
    "term": (b"-t = { -t }\n", (1, 1), "ftl-limit-reference-cycle", {"id": "-t"}),
    "chain": (_chain(12).encode(), (1, 1), "ftl-limit-reference-depth", {"id": "m0", "limit": 10}),
    "braces": (
        b"a = " + b"{ " * 30 + b"x" + b" }" * 30 + b"\n",
        (1, 25),
        "ftl-limit-depth",
        {"limit": 10},
    ),
    "calls": (
        b"a = { " + b"NUMBER(" * 20 + b"1" + b")" * 20 + b" }\n",
        (1, 76),
        "ftl-limit-depth",
        {"limit": 10},
    ),
    "line": (
        b"a = " + b"x" * 6000 + b"\n",
        (1, 5001),
        "ftl-limit-line-length",
        {"length": 6004, "limit": 5000},
    ),
    "size": (
        b"# padding\n" * 14000,
        (0, 0),
        "ftl-limit-file-size",
        {"size": 140000, "limit": 131072},
    ),
    "entries": (
        b"".join(b"m%d = v\n" % i for i in range(5001)),
        (0, 0),
        "ftl-limit-entries",
        {"count": 5001, "limit": 5000},
    ),
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An admin's tree: servers/srv.yaml (valid) and its texts."""
    for folder in (FIXTURES / "locales").iterdir():
        shutil.copytree(folder / "servers", tmp_path / "locales" / folder.name / "servers")
    (tmp_path / "servers").mkdir()
    (tmp_path / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    return tmp_path


def _validate(tree: Path, locale: str) -> tuple[int, list[str]]:
    result = run(
        [sys.executable, "-m", "bot.cli", "validate"],
        cwd=tree,
        env=clean_env(LANG=LANG[locale], LC_ALL=""),
        timeout=30,  # each file within its bounds takes well under a second
    )
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr.splitlines()


Render = Callable[[Path, tuple[int, int], str, dict[str, object]], str]


def _expected(locale: str, kind: type) -> Render:
    catalog = Catalog.load(BOT_LOCALES)

    def translate(msg_id: str, chosen: str | None = None, **args: object) -> str:
        return catalog.translate(msg_id, chosen, **args)

    def render(path: Path, at: tuple[int, int], msg_id: str, args: dict[str, object]) -> str:
        if kind is Diagnostic:
            found = Diagnostic.at(path, at, "", message_id(msg_id), **args)  # type: ignore[arg-type]
        else:
            found = FtlDiagnostic.localized(path, *at, message_id(msg_id), **args)
        return found.render(translate, locale)

    return render


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_hostile_server_files_are_refused_with_their_position(tree: Path, locale: str) -> None:
    for name, (text, *_) in YAML_CASES.items():
        (tree / "servers" / f"{name}.yaml").write_text(text, encoding="utf-8")

    code, lines = _validate(tree, locale)

    assert code == 1
    render = _expected(locale, Diagnostic)
    for name, (_, at, msg_id, args) in YAML_CASES.items():
        line = render(Path("servers") / f"{name}.yaml", at, msg_id, args)
        assert line in lines, f"{name}: {line!r} not in {lines}"
    # A date that is no date and a number that is no number were tracebacks; now the
    # schema's own words at their line.
    assert not any("srv.yaml" in line for line in lines)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_hostile_ftl_files_are_refused_with_their_position(tree: Path, locale: str) -> None:
    folder = tree / "locales" / "fr" / "servers"
    for name, (data, *_) in FTL_CASES.items():
        (folder / f"{name}.ftl").write_bytes(data)

    code, lines = _validate(tree, locale)

    assert code == 1
    render = _expected(locale, FtlDiagnostic)
    for name, (_, at, msg_id, args) in FTL_CASES.items():
        line = render(Path("locales") / "fr" / "servers" / f"{name}.ftl", at, msg_id, args)
        assert line in lines, f"{name}: {line!r} not in {lines}"


def test_dates_and_odd_tags_are_values_not_tracebacks(tree: Path) -> None:
    """``2024-13-45`` unquoted is a YAML 1.1 date that cannot be built (was a traceback): it
    is read as the text written, for the schema to judge; odd tags are named."""
    (tree / "servers" / "srv.yaml").write_text(
        BASE.replace("style: channel", "style: channel\n    cooldown: 2024-13-45"),
        encoding="utf-8",
    )
    tags = "style: channel\n    channel_name: !!binary aGk=\n    handlers: !!set {1: null}"
    (tree / "servers" / "tags.yaml").write_text(BASE.replace("style: channel", tags), "utf-8")

    code, lines = _validate(tree, "en-US")

    assert code == 1
    assert any(line.startswith("servers/srv.yaml:7:15: systems.help.cooldown:") for line in lines)
    assert "servers/tags.yaml:7:19: unknown YAML tag tag:yaml.org,2002:binary" in lines
    assert (
        "servers/tags.yaml:8:15: systems.help.handlers: unknown YAML tag tag:yaml.org,2002:set"
        in lines
    )
