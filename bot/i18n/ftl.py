"""Parsing .ftl files with positions, and reading what their entries need.

fluent.runtime silently skips entries it cannot parse (``Junk``), so a typo would
drop a message without a word. Every file goes through fluent.syntax here first
so syntax errors become :class:`FtlDiagnostic` with a file, line and column.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n.ftl_plain import PlainEntry, scan
from bot.i18n.ids import message_id

_PARSER = FluentParser(with_spans=True)
# Bundles need no positions: a tree without spans is about half the memory and parse time.
_RUNTIME_PARSER = FluentParser(with_spans=False)


@dataclass(frozen=True, slots=True)
class FtlDiagnostic:
    """One problem in a Fluent file; ``line`` and ``column`` are 1-based (0 when unknown).

    A problem carries a message id and arguments, rendered in the reader's language by
    :meth:`render`; ``message`` is the parser's own (English) words of a syntax error, said
    instead when the translations cannot be read (they may be the very files at fault).
    ``entry_line``: where the broken entry starts, when the parser noticed it lines later.
    """

    path: Path
    line: int
    column: int
    message: str
    msg_id: str | None = None
    args: tuple[tuple[str, object], ...] = ()
    entry_line: int = 0

    @classmethod
    def localized(
        cls, path: Path, line: int, column: int, msg_id: str, **args: object
    ) -> FtlDiagnostic:
        return cls(path, line, column, "", msg_id, tuple(args.items()))

    def render(self, translate: Callable[..., str], locale: str | None) -> str:
        text = self.message
        if self.msg_id is not None:
            numbers = {k: _plain_number(v) for k, v in self.args}
            text = translate(self.msg_id, locale, **numbers)
            if self.message and text == _plain(self.msg_id, locale, **numbers):
                # The CLI's and the log's stand-in when no translation can be loaded: the
                # parser's words say more than an id.
                text = self.message
            elif self.entry_line:
                text = translate("ftl-syntax-in-entry", locale, problem=text, line=self.entry_line)
        if text == self.message:
            return str(self)
        return f"{self.location}: {text}"

    @property
    def location(self) -> str:
        """``file:line:column``, or the file alone when the problem is the whole file."""
        return f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)

    def __str__(self) -> str:
        if self.message:  # the parser's own English: no catalog needed (it may be at fault)
            suffix = (
                f" (in the entry starting at line {self.entry_line})" if self.entry_line else ""
            )
            return f"{self.location}: {self.message}{suffix}"
        return self.render(_english_translate(), "en-US")


def _plain_number(value: object) -> object:
    """Sizes and limits read like the file (4000, not "4,000")."""
    if isinstance(value, int) and not isinstance(value, bool):
        from fluent.runtime.types import fluent_number

        return fluent_number(value, useGrouping=False)
    return value


def _english_translate() -> Callable[..., str]:
    """The bot's own en-US messages for log lines; the id and its arguments if they
    cannot be loaded (they may be the very files at fault)."""
    from bot.i18n.catalog import Catalog
    from bot.i18n.errors import CatalogError
    from bot.resources import BOT_LOCALES

    global _ENGLISH
    if _ENGLISH is None:
        try:
            _ENGLISH = Catalog.load(BOT_LOCALES).translate
        except CatalogError:
            _ENGLISH = _plain
    return _ENGLISH


def _plain(msg_id: str, _locale: str | None, **args: object) -> str:
    return " ".join([msg_id, *(f"{k}={v}" for k, v in args.items())])


_ENGLISH: Callable[..., str] | None = None


@dataclass(slots=True, eq=False)
class ParsedFtl:
    """One .ftl file. ``plain`` holds its entries when :mod:`bot.i18n.ftl_plain` could read
    it without fluent.syntax; its tree (``resource``) is then parsed on first use only."""

    path: Path
    source: str
    parsed: ast.Resource | None
    diagnostics: tuple[FtlDiagnostic, ...]
    plain: tuple[PlainEntry, ...] | None = None
    runtime_parsed: ast.Resource | None = None

    @property
    def resource(self) -> ast.Resource:
        if self.parsed is None:
            self.parsed = _PARSER.parse(self.source)
        return self.parsed

    @property
    def runtime_resource(self) -> ast.Resource:
        """The tree for a FluentBundle: the full one when it was built already (checks, a
        file that needed the full parse), else one without spans, parsed on first use.
        Shared by every bundle of the process: never mutated (copy it to change it)."""
        if self.parsed is not None:
            return self.parsed
        if self.runtime_parsed is None:
            self.runtime_parsed = _RUNTIME_PARSER.parse(self.source)
        return self.runtime_parsed

    def position(self, offset: int) -> tuple[int, int]:
        return line_column(self.source, offset)

    def entries(self) -> tuple[ast.Message | ast.Term, ...]:
        return tuple(e for e in self.resource.body if isinstance(e, ast.Message | ast.Term))

    def entry_keys(self) -> list[str]:
        """Entry ids in file order (terms with their dash), duplicates included."""
        if self.plain is not None:
            return [e.key for e in self.plain]
        return [entry_key(e) for e in self.entries()]

    def offset_of(self, key: str) -> int:
        """Where the first entry ``key`` starts (its attached comment included, as Fluent
        spans it): only diagnostics need it, so a plain file's tree is parsed for it."""
        for entry in self.entries():
            if entry_key(entry) == key:
                return entry.span.start if entry.span else 0
        return 0


def line_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset."""
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


# fluent.syntax's error codes and the names of their arguments (fluent.syntax.errors); a
# code it adds later is said with its English words (SYNTAX_OTHER).
_SYNTAX_ARGUMENTS: dict[str, tuple[str, ...]] = {
    **{f"E{n:04d}": () for n in (1, 2, *range(7, 25), 27, 28, 29)},
    "E0003": ("token",),
    "E0004": ("range",),
    "E0005": ("id",),
    "E0006": ("id",),
    "E0025": ("sequence",),
    "E0026": ("sequence",),
}
_SYNTAX_ARGUMENTS.pop("E0023")  # no such code
SYNTAX_OTHER = "ftl-syntax-other"


def syntax_message(
    code: str, arguments: Sequence[object]
) -> tuple[str, tuple[tuple[str, object], ...]]:
    """The message id of a fluent.syntax error code and its arguments, named."""
    code = "E0001" if code == "E00001" else code  # the parser's own spelling of its first
    names = _SYNTAX_ARGUMENTS.get(code)
    if names is None or len(arguments) < len(names):
        return SYNTAX_OTHER, (("code", code),)
    named = tuple(
        (name, "" if value is None else str(value))
        for name, value in zip(names, arguments[: len(names)], strict=True)
    )
    return f"ftl-syntax-{code}", (("code", code), *named)


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
            msg_id, args = syntax_message(annotation.code, annotation.arguments or ())
            diagnostics.append(
                FtlDiagnostic(
                    path,
                    line,
                    column,
                    f"{annotation.code} {annotation.message}",
                    msg_id,
                    args if msg_id != SYNTAX_OTHER else (*args, ("message", annotation.message)),
                    # e.g. an unclosed placeable is only noticed lines later
                    entry_line if line != entry_line else 0,
                )
            )
        if not entry.annotations:
            line, column = line_column(source, entry.span.start)
            diagnostics.append(
                FtlDiagnostic(
                    path, line, column, "unparsable Fluent entry", "ftl-syntax-unparsable"
                )
            )
    return ParsedFtl(path, source, resource, tuple(diagnostics))


# Parsed files by path: the CLI, the runtime (start and reload) and the tests read the same
# files many times in one process. An entry holds while the file's size and mtime are those
# it was read with; a file changed in the last seconds is compared by content as well, since
# two edits can fall in one tick of a coarse file-system clock.
_CACHE: dict[Path, tuple[int, int, ParsedFtl]] = {}
_FRESH_NS = 3_000_000_000


def parse_ftl_file(path: Path) -> ParsedFtl:
    """Parse a file within :mod:`bot.i18n.ftl_limits`' bounds: a file past them is not
    parsed (an empty resource and the reason). Cached by path, size and mtime."""
    try:
        stat = path.stat()
    except OSError:
        return _parse_ftl_file(path)
    cached = _CACHE.get(path)
    if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime_ns):
        parsed = cached[2]
        if time.time_ns() - stat.st_mtime_ns > _FRESH_NS:
            return parsed
        try:
            if path.read_text(encoding="utf-8") == parsed.source:
                return parsed
        except (OSError, UnicodeDecodeError):
            pass
    parsed = _parse_ftl_file(path)
    _CACHE[path] = (stat.st_size, stat.st_mtime_ns, parsed)
    return parsed


def _parse_ftl_file(path: Path) -> ParsedFtl:
    from bot.i18n import ftl_limits

    def refused(diagnostic: FtlDiagnostic, source: str = "") -> ParsedFtl:
        return ParsedFtl(path, source, ast.Resource(body=[]), (diagnostic,))

    try:
        too_big = ftl_limits.check_size(path, path.stat().st_size)
        if too_big is not None:
            return refused(too_big)
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return refused(FtlDiagnostic(path, 0, 0, f"not valid UTF-8: {exc.reason}"))
    except OSError as exc:
        unreadable = message_id("ftl-unreadable")
        return refused(FtlDiagnostic.localized(path, 0, 0, unreadable, reason=exc.strerror or ""))
    plain = scan(source, ftl_limits.LIMITS.max_entries)
    if plain is not None:
        # No placeable beyond a simple reference: no nesting, no entry past the count limit.
        too_long = ftl_limits.check_lines(path, source)
        if too_long is not None:
            return refused(too_long, source)
        return ParsedFtl(path, source, None, (), plain)
    beyond = ftl_limits.check_source(path, source)
    if beyond is not None:
        return refused(beyond, source)
    parsed = parse_ftl(source, path)
    too_many = ftl_limits.check_entries(parsed)
    if too_many is not None:
        return refused(too_many, source)
    return parsed


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
