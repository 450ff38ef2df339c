"""Bounds on what a .ftl file may cost to load and to format.

Translators' files come from pull requests too. fluent.syntax parses recursively (nested
placeables, calls inside calls), slows down on very long lines, and fluent.runtime follows
message references at format time without noticing a cycle (``a = {b}``, ``b = {a}`` ends in
a RecursionError on every message that touches them). So, before parsing: the file's size,
its line lengths and its nesting depth; after: its entry count; across a locale's files: the
references between messages, which must not loop nor chain deeper than a few levels.
Each problem is a localized :class:`~bot.i18n.ftl.FtlDiagnostic` at its line.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from fluent.syntax import ast, visitor

from bot.i18n.ftl import FtlDiagnostic, ParsedFtl, entry_key
from bot.i18n.ids import message_id


@dataclass(frozen=True, slots=True)
class FtlLimits:
    """Generous for real translations (the largest shipped file is 10 KB, nesting 3)."""

    max_bytes: int = 128 * 1024
    max_line: int = 5000  # characters: a 4096-character embed text fits on one line
    max_depth: int = 10  # placeables and calls nested in one another
    max_entries: int = 5000
    max_reference_depth: int = 10  # message → message → ... chains


LIMITS = FtlLimits()


def check_size(path: Path, size: int, limits: FtlLimits = LIMITS) -> FtlDiagnostic | None:
    if size <= limits.max_bytes:
        return None
    too_big = message_id("ftl-limit-file-size")
    return FtlDiagnostic.localized(path, 0, 0, too_big, size=size, limit=limits.max_bytes)


def check_lines(path: Path, source: str, limits: FtlLimits = LIMITS) -> FtlDiagnostic | None:
    """Line length."""
    if len(source) <= limits.max_line:
        return None
    for number, line in enumerate(source.splitlines(), start=1):
        if len(line) > limits.max_line:
            too_long = message_id("ftl-limit-line-length")
            return FtlDiagnostic.localized(
                path, number, limits.max_line + 1, too_long, length=len(line), limit=limits.max_line
            )
    return None


def check_source(path: Path, source: str, limits: FtlLimits = LIMITS) -> FtlDiagnostic | None:
    """Line length, then nesting depth (``{`` and ``(`` outside string literals)."""
    too_long = check_lines(path, source, limits)
    if too_long is not None:
        return too_long
    depth, in_string, escaped = 0, False, False
    line, column = 1, 0
    for char in source:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in {'"', "\n"}:
                in_string = False
            continue
        if char == '"' and depth:
            in_string = True
        elif char in "{(":
            depth += 1
            if depth > limits.max_depth:
                too_deep = message_id("ftl-limit-depth")
                return FtlDiagnostic.localized(path, line, column, too_deep, limit=limits.max_depth)
        elif char in "})" and depth:
            depth -= 1
    return None


def check_entries(parsed: ParsedFtl, limits: FtlLimits = LIMITS) -> FtlDiagnostic | None:
    count = len(parsed.resource.body)
    if count <= limits.max_entries:
        return None
    too_many = message_id("ftl-limit-entries")
    return FtlDiagnostic.localized(
        parsed.path, 0, 0, too_many, count=count, limit=limits.max_entries
    )


class _References(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_MessageReference(self, node: ast.MessageReference) -> None:  # noqa: N802 (visitor API)
        self.names.add(node.id.name)
        self.generic_visit(node)

    def visit_TermReference(self, node: ast.TermReference) -> None:  # noqa: N802
        self.names.add(f"-{node.id.name}")
        self.generic_visit(node)


class ReferenceGraph:
    """Which messages and terms of one bundle refer to which, and how deep the chains go.

    Built once for a locale's bot files; :meth:`with_file` adds a server's file in front (it
    wins on shared ids, as in the bundle) and reuses what was measured of the bot files when
    the server's file cannot change it, so checking many servers stays linear."""

    def __init__(self, files: Iterable[ParsedFtl] = ()) -> None:
        self.graph: MutableMapping[str, set[str]] = {}
        # Where each entry starts; None for a plain file (looked up when a problem is found).
        self.where: MutableMapping[str, tuple[ParsedFtl, int | None]] = {}
        self.memo: MutableMapping[str, int] = {}
        for parsed in files:
            if parsed.plain is not None:  # read without the tree: references already known
                for plain in parsed.plain:
                    if plain.key not in self.graph:
                        self.graph[plain.key] = set(plain.references)
                        self.where[plain.key] = (parsed, None)
                continue
            for entry in parsed.entries():
                key = entry_key(entry)
                if key in self.graph:
                    continue  # a duplicate: reported elsewhere; Fluent uses the first one
                collector = _References()
                collector.visit(entry)
                self.graph[key] = collector.names
                self.where[key] = (parsed, entry.span.start if entry.span else 0)
        self._referenced: set[str] | None = None

    @property
    def referenced(self) -> set[str]:
        if self._referenced is None:
            self._referenced = {name for names in self.graph.values() for name in names}
        return self._referenced

    def with_file(self, parsed: ParsedFtl) -> ReferenceGraph:
        """This graph with ``parsed`` in front, sharing (never changing) this one's maps."""
        extended = ReferenceGraph([parsed])
        ids = set(extended.graph)
        extended.graph = ChainMap(extended.graph, self.graph)
        extended.where = ChainMap(extended.where, self.where)
        # The bot's chains are unchanged (membership tests: no union of every id per file).
        if not any(key in self.graph or key in self.referenced for key in ids):
            extended.memo = ChainMap({}, self.memo)
        return extended

    def problems(
        self, only: ParsedFtl | None = None, limits: FtlLimits = LIMITS
    ) -> list[FtlDiagnostic]:
        """One diagnostic per entry (of ``only``, or of all) whose chains loop or run too deep."""
        found = []
        keys = self.where if only is None else only.entry_keys()
        for key in dict.fromkeys(keys):
            parsed, offset = self.where[key]
            if only is not None and parsed is not only:
                continue  # shadowed by an earlier file
            if not self.graph[key]:
                continue  # refers to nothing (most texts): a chain of one, no loop
            chain = _longest_chain(key, self.graph, self.memo)
            if chain != _LOOP and chain <= limits.max_reference_depth:
                continue
            if offset is None:
                offset = parsed.offset_of(key)
            line, column = parsed.position(offset)
            if chain == _LOOP:
                msg = message_id("ftl-limit-reference-cycle")
                found.append(FtlDiagnostic.localized(parsed.path, line, column, msg, id=key))
            else:
                msg = message_id("ftl-limit-reference-depth")
                limit = limits.max_reference_depth
                found.append(
                    FtlDiagnostic.localized(parsed.path, line, column, msg, id=key, limit=limit)
                )
        return found


def check_references(files: Iterable[ParsedFtl], limits: FtlLimits = LIMITS) -> list[FtlDiagnostic]:
    """Cycles and over-long chains among the messages and terms of ``files`` (one bundle:
    a locale's bot files, plus a server's file). One diagnostic per entry that starts one."""
    return ReferenceGraph(files).problems(limits=limits)


_LOOP = -1  # the chain from this entry comes back on itself


def _longest_chain(
    start: str, graph: Mapping[str, set[str]], memo: MutableMapping[str, int]
) -> int:
    """How many entries the longest reference chain from ``start`` goes through, or
    :data:`_LOOP`; memoized in ``memo``. Depth-first without recursion (a chain may be long)."""
    if start in memo:
        return memo[start]
    on_path = {start}
    stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
    while stack:
        key, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            on_path.discard(key)
            if key not in memo:  # not already marked as on a loop
                below = [memo[c] for c in graph[key] if c in graph]
                memo[key] = _LOOP if _LOOP in below else 1 + max(below, default=0)
            continue
        if child not in graph or child in memo:
            continue  # an unknown id is Fluent's to report; a known one is measured
        if child in on_path:
            looping = False
            for name, _ in stack:  # everything from ``child`` up is on the loop
                looping = looping or name == child
                if looping:
                    memo[name] = _LOOP
            continue
        on_path.add(child)
        stack.append((child, iter(sorted(graph[child]))))
    return memo[start]
