"""The fast reading of plain .ftl files agrees with fluent.syntax wherever it answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n.ftl import entry_key
from bot.i18n.ftl_limits import _References
from bot.i18n.ftl_plain import scan

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "locales").rglob("*.ftl")) + sorted((ROOT / "bench").glob("*.ftl"))


def full_reading(source: str) -> tuple[list[tuple[str, frozenset[str]]], bool]:
    resource = FluentParser(with_spans=True).parse(source)
    junk = any(isinstance(e, ast.Junk) for e in resource.body)
    entries = []
    for entry in resource.body:
        if isinstance(entry, ast.Message | ast.Term):
            collector = _References()
            collector.visit(entry)
            entries.append((entry_key(entry), frozenset(collector.names)))
    return entries, junk


def agrees(source: str) -> bool:
    """True when the scanner read it (and agreed); False when it left it to the parser."""
    plain = scan(source, 5000)
    if plain is None:
        return False
    entries, junk = full_reading(source)
    assert not junk, source
    assert [(e.key, e.references) for e in plain] == entries, source
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same(path: Path) -> None:
    agrees(path.read_text(encoding="utf-8"))


def test_server_files_take_the_fast_path() -> None:
    assert agrees((ROOT / "locales/fr/servers/example.ftl").read_text(encoding="utf-8"))


PLAIN = [
    "a = b\n",
    "# c\na = b\n\n## g\n-t = T\nb = x { -t } { a } { $v } { a.attr }\n",
    "a =\n    one\n\n    two\n    .attr = three\n    four\nb = { a }\n",
    "a =\n    .only = attribute\n",
    "a=b\nc =    d   \n",
    "a = { NUMBER($n, useGrouping: 0) } { DATETIME($d) }\n",
    "a = { NUMBER( $n ,minimumFractionDigits:2) }\n",
    'a = { NUMBER(1.5) } { FN("x", k: "y") } { FN() }\n',
    "### resource\n\n# attached\nmsg = text with [brackets] and * and . inside\n",
]
LEFT_TO_THE_PARSER = [
    "a = { $n ->\n    [one] x\n   *[other] y\n}\n",  # select
    'a = { "literal" }\n',
    'a = { NUMBER($n, k: "a\\"b") }\n',
    "a = { NUMBER(-t) }\n",
    "a = { number($n) }\n",
    "a =\n",  # no value: junk
    "-t =\n    .attr = x\n",  # a term without value
    "a = x\n  [b] y\n",  # a variant key where text continues
    "a = x\n    *b\n",
    "a = x\n    .attr =\n",  # an empty attribute
    "a = x\na = y\n",  # duplicate
    "  a = x\n",  # indented first line
    "#bad comment\n",
    "a = {\n",
    "a = }\n",
    "a = { -t.attr }\n",
    "a = x\r\n",
    "a =\tx\n",
    "a = back\\slash\n",
    "a = { }\n",
    "1a = x\n",
    "a = x\n\u00a0\n",
]


@pytest.mark.parametrize("source", PLAIN)
def test_plain_sources_are_read_like_the_parser(source: str) -> None:
    assert agrees(source)


@pytest.mark.parametrize("source", LEFT_TO_THE_PARSER)
def test_anything_else_goes_to_the_parser(source: str) -> None:
    assert scan(source, 5000) is None


def test_too_many_entries_go_to_the_parser() -> None:
    source = "".join(f"m{i} = x\n" for i in range(20))
    assert scan(source, 19) is None and scan(source, 20) is not None


FRAGMENTS = [
    "a = x",
    "b = { a }",
    "n = { NUMBER($x, useGrouping: 0) }",
    'o = { FN("s", k: 1) }',
    "-t = T { $v }",
    "c =",
    "    more text",
    "    .attr = y",
    "    .attr =",
    "    [k] v",
    "    { -t }",
    "# note",
    "## group",
    "#bad",
    "",
    "   ",
    "d = { a.attr } and { -t }",
    "e = {",
    "f = }",
    "a = again",
    " leading",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_random_files_read_like_the_parser_or_go_to_it(lines: list[str]) -> None:
    agrees("\n".join(lines) + "\n")
