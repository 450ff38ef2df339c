"""Parsing .ftl files with positions, and reading what their entries need.

fluent.runtime silently skips entries it cannot parse (``Junk``), so a typo would
drop a message without a word. Every file goes through fluent.syntax here first
so syntax errors become :class:`FtlDiagnostic` with a file, line and column.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from fluent.syntax import FluentParser, ast, visitor

_PARSER = FluentParser(with_spans=True)


@dataclass(frozen=True, slots=True)
class FtlDiagnostic:
    """One problem in a Fluent file; ``line`` and ``column`` are 1-based (0 when unknown)."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedFtl:
    path: Path
    source: str
    resource: ast.Resource
    diagnostics: tuple[FtlDiagnostic, ...]

    def position(self, offset: int) -> tuple[int, int]:
        return line_column(self.source, offset)

    def entries(self) -> tuple[ast.Message | ast.Term, ...]:
        return tuple(e for e in self.resource.body if isinstance(e, ast.Message | ast.Term))


def line_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset."""
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def parse_ftl(source: str, path: Path) -> ParsedFtl:
    resource = _PARSER.parse(source)
    diagnostics: list[FtlDiagnostic] = []
    for entry in resource.body:
        if not isinstance(entry, ast.Junk):
            continue
        entry_line, _ = line_column(source, entry.span.start)
        for annotation in entry.annotations or ():
            offset = annotation.span.start if annotation.span else entry.span.start
            line, column = line_column(source, offset)
            text = f"{annotation.code} {annotation.message}"
            if line != entry_line:  # e.g. an unclosed placeable is only noticed lines later
                text += f" (in the entry starting at line {entry_line})"
            diagnostics.append(FtlDiagnostic(path, line, column, text))
        if not entry.annotations:
            line, column = line_column(source, entry.span.start)
            diagnostics.append(FtlDiagnostic(path, line, column, "unparsable Fluent entry"))
    return ParsedFtl(path, source, resource, tuple(diagnostics))


def parse_ftl_file(path: Path) -> ParsedFtl:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        empty = ast.Resource(body=[])
        diag = FtlDiagnostic(path, 0, 0, f"not valid UTF-8: {exc.reason}")
        return ParsedFtl(path, "", empty, (diag,))
    return parse_ftl(source, path)


class _VariableCollector(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802 (visitor API)
        self.names.add(node.id.name)
        self.generic_visit(node)


def _variables(node: ast.BaseNode | None) -> frozenset[str]:
    if node is None:
        return frozenset()
    collector = _VariableCollector()
    collector.visit(node)
    return frozenset(collector.names)


def entry_key(entry: ast.Message | ast.Term) -> str:
    """Terms keep their leading dash, as they are written in references."""
    return f"-{entry.id.name}" if isinstance(entry, ast.Term) else entry.id.name


def entry_variables(resource: ast.Resource) -> dict[str, frozenset[str]]:
    """Variables each translatable unit uses, keyed ``id`` (value) and ``id.attr`` (attributes).

    Walks select expressions and function arguments too, so two locales can be
    compared unit by unit: a translation must ask the code for the same arguments.
    """
    found: dict[str, frozenset[str]] = {}
    for entry in resource.body:
        if not isinstance(entry, ast.Message | ast.Term):
            continue
        key = entry_key(entry)
        if entry.value is not None:
            found[key] = _variables(entry.value)
        for attribute in entry.attributes:
            found[f"{key}.{attribute.id.name}"] = _variables(attribute.value)
    return found
