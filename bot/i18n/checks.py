"""Translators' checks: what breaks a translation without breaking its syntax.

For every locale folder under a locales tree, against the reference locale (en-US):

- **variables**: each message (and attribute) uses exactly the variables of the reference; a
  ``{ $salon }`` typed for ``{ $channel }`` would show members a raw word;
- **completeness**: ids the reference has and the locale lacks (members get the fallback
  language), and ids only the locale has (obsolete: renamed or removed in the reference);
- **plurals**: a select on a count has a variant for every CLDR plural category (Babel) that a
  count takes in that locale (counts are whole numbers below 10,000 here: decimals and exact
  millions, French ``many``, never occur);
- **zero**: where 0 falls in a category whose variant does not show the count (French puts 0
  in ``one``: "un ticket" for none), a ``[0]`` variant is needed. A message whose count is
  never 0 says so in its comment: ``$count >= 1``.

The bot's own messages (``<locale>/*.ftl``) are compared as one bundle per locale, a server's
texts (``<locale>/servers/<name>.ftl``) file by file. Pure: results carry Fluent ids and
arguments, rendered by the caller in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import babel
from fluent.syntax import ast

from bot.i18n.ftl import ParsedFtl, entry_key, parse_ftl_file
from bot.i18n.ids import MessageId, message_id
from bot.i18n.negotiation import DEFAULT_LOCALE

Severity = Literal["error", "warning"]
# Counts in a ticket bot: whole numbers well below this (see the module docstring).
_COUNTS = range(10_000)
_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
BOT_UNIT = "*.ftl"  # the name of the bundle of a locale's own messages in reports


@dataclass(frozen=True, slots=True)
class Finding:
    path: Path
    line: int
    column: int
    msg_id: MessageId
    args: tuple[tuple[str, str | int], ...] = ()
    severity: Severity = "error"


@dataclass(frozen=True, slots=True)
class Completeness:
    locale: str
    unit: str  # BOT_UNIT or "servers/<name>.ftl"
    total: int  # translatable units (messages and attributes) of the reference
    missing: tuple[str, ...] = ()
    obsolete: tuple[str, ...] = ()

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)


@dataclass(frozen=True, slots=True)
class LocalesReport:
    reference: str
    findings: tuple[Finding, ...] = ()
    completeness: tuple[Completeness, ...] = ()
    reference_totals: dict[str, int] = field(default_factory=dict)  # unit -> count

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


# --- reading a locale ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """A translatable unit: a message's value or one attribute, with where it is written."""

    key: str  # "id" or "id.attr" ("-term" for terms)
    parsed: ParsedFtl
    entry: ast.Message | ast.Term
    pattern: ast.Pattern

    def position(self, offset: int | None = None) -> tuple[int, int]:
        start = self.entry.span.start if self.entry.span else 0
        return self.parsed.position(start if offset is None else offset)

    def comment(self) -> str:
        return self.entry.comment.content if self.entry.comment else ""


def _units(files: Iterable[ParsedFtl]) -> dict[str, _Unit]:
    units: dict[str, _Unit] = {}
    for parsed in files:
        for entry in parsed.entries():
            key = entry_key(entry)
            if entry.value is not None:
                units.setdefault(key, _Unit(key, parsed, entry, entry.value))
            for attribute in entry.attributes:
                name = f"{key}.{attribute.id.name}"
                units.setdefault(name, _Unit(name, parsed, entry, attribute.value))
    return units


def _locale_units(folder: Path) -> dict[str, tuple[ParsedFtl, ...]]:
    """The units to compare in one locale folder: its own bundle, then each server file."""
    found = {BOT_UNIT: tuple(parse_ftl_file(p) for p in sorted(folder.glob("*.ftl")))}
    for path in sorted((folder / "servers").glob("*.ftl")):
        found[f"servers/{path.name}"] = (parse_ftl_file(path),)
    return found


# --- walking patterns -----------------------------------------------------------------------


def _walk(node: object) -> Iterator[ast.BaseNode]:
    """Every node under ``node``, depth first (fluent.syntax nodes and lists of them)."""
    if isinstance(node, ast.BaseNode):
        yield node
        for value in vars(node).values():
            if isinstance(value, ast.BaseNode | list):
                yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _variable_uses(pattern: ast.Pattern) -> dict[str, int]:
    """Variable name -> offset of its first use in ``pattern``."""
    uses: dict[str, int] = {}
    for node in _walk(pattern):
        if isinstance(node, ast.VariableReference):
            uses.setdefault(node.id.name, node.span.start if node.span else 0)
    return uses


def _selector_variable(select: ast.SelectExpression) -> str | None:
    """``$count`` of ``{ $count -> ...}`` or ``{ NUMBER($count) -> ...}``."""
    selector = select.selector
    if isinstance(selector, ast.VariableReference):
        return selector.id.name
    if isinstance(selector, ast.FunctionReference) and selector.id.name == "NUMBER":
        first = selector.arguments.positional[:1]
        if first and isinstance(first[0], ast.VariableReference):
            return first[0].id.name
    return None


def _key_name(variant: ast.Variant) -> str:
    key = variant.key
    return key.name if isinstance(key, ast.Identifier) else str(key.value)


def _is_plural(select: ast.SelectExpression) -> bool:
    keys = [v.key for v in select.variants]
    if isinstance(select.selector, ast.FunctionReference) and select.selector.id.name == "NUMBER":
        return True
    return any(
        isinstance(k, ast.NumberLiteral)
        or (isinstance(k, ast.Identifier) and k.name in _CATEGORIES[:5])
        for k in keys
    )


def _plural_forms_matter(select: ast.SelectExpression, keys: set[str]) -> bool:
    """Plural categories are needed when the translator used some, or when the count shows."""
    if keys & set(_CATEGORIES[:5]):
        return True
    variable = _selector_variable(select)
    default = next(v for v in select.variants if v.default)
    return variable is None or variable in _variable_uses(default.value)


@cache
def count_categories(locale: str) -> tuple[str, ...]:
    """The CLDR plural categories whole counts take in ``locale``, in CLDR order."""
    rule = babel.Locale.parse(locale, sep="-").plural_form
    seen = {rule(n) for n in _COUNTS}
    return tuple(c for c in _CATEGORIES if c in seen)


@cache
def zero_category(locale: str) -> str:
    return str(babel.Locale.parse(locale, sep="-").plural_form(0))


def _never_zero(variable: str, *comments: str) -> bool:
    marker = re.compile(rf"\${re.escape(variable)}\s*(>=|≥)\s*1\b")
    return any(marker.search(text) for text in comments)


# --- the checks -------------------------------------------------------------------------------


def _finding(unit: _Unit, msg_id: str, offset: int | None = None, **args: str | int) -> Finding:
    line, column = unit.position(offset)
    return Finding(unit.parsed.path, line, column, message_id(msg_id), tuple(args.items()))


def _shown(variables: Iterable[str]) -> str:
    return ", ".join(f"{{ ${name} }}" for name in sorted(variables))


def _variable_findings(unit: _Unit, reference: _Unit, code: str) -> list[Finding]:
    mine, theirs = _variable_uses(unit.pattern), _variable_uses(reference.pattern)
    findings = [
        _finding(
            unit,
            "locales-unknown-variable",
            offset,
            id=unit.key,
            variable=_shown([name]),
            expected=_shown(theirs) or "-",
            reference=code,
        )
        for name, offset in sorted(mine.items(), key=lambda item: item[1])
        if name not in theirs
    ]
    findings += [
        _finding(
            unit, "locales-unused-variable", id=unit.key, variable=_shown([name]), reference=code
        )
        for name in sorted(theirs.keys() - mine.keys())
    ]
    return findings


def _plural_findings(unit: _Unit, code: str, reference: _Unit | None) -> list[Finding]:
    findings: list[Finding] = []
    needed = count_categories(code)
    for node in _walk(unit.pattern):
        if not isinstance(node, ast.SelectExpression) or not _is_plural(node):
            continue
        offset = node.span.start if node.span else None
        keys = {_key_name(v) for v in node.variants}
        missing = [c for c in needed if c not in keys]
        if missing and not _plural_forms_matter(node, keys):
            missing = []  # "{ $n -> [0] none *[other] some }": a switch on 0, no count shown
        if missing:
            categories = ", ".join(f"[{c}]" for c in missing)
            findings.append(
                _finding(
                    unit,
                    "locales-plural-missing",
                    offset,
                    id=unit.key,
                    categories=categories,
                    code=code,
                )
            )
        variable = _selector_variable(node)
        if variable is None or "0" in keys:
            continue
        category = zero_category(code)
        variant = next((v for v in node.variants if _key_name(v) == category), None)
        variant = variant or next(v for v in node.variants if v.default)
        shows_count = variable in _variable_uses(variant.value)
        # The count written outside this select ("{ $n } { $n -> [one] item ... }") is shown.
        outside = _uses_outside(unit.pattern, node, variable)
        comments = (unit.comment(), reference.comment() if reference else "")
        if not shows_count and not outside and not _never_zero(variable, *comments):
            findings.append(
                _finding(
                    unit,
                    "locales-zero-hidden",
                    offset,
                    id=unit.key,
                    code=code,
                    category=category,
                    variable=_shown([variable]),
                )
            )
    return findings


def _uses_outside(pattern: ast.Pattern, select: ast.SelectExpression, variable: str) -> bool:
    inside = {id(n) for n in _walk(select)}
    return any(
        isinstance(n, ast.VariableReference) and n.id.name == variable and id(n) not in inside
        for n in _walk(pattern)
    )


def _syntax_findings(files: Iterable[ParsedFtl]) -> list[Finding]:
    return [
        Finding(d.path, d.line, d.column, message_id("locales-syntax"), (("details", d.message),))
        for parsed in files
        for d in parsed.diagnostics
    ]


def _compare(
    code: str,
    unit_name: str,
    files: tuple[ParsedFtl, ...],
    reference: dict[str, _Unit] | None,
) -> tuple[list[Finding], Completeness | None]:
    units = _units(files)
    findings = _syntax_findings(files)
    for key, unit in units.items():
        theirs = reference.get(key) if reference is not None else None
        if theirs is not None:
            findings += _variable_findings(unit, theirs, DEFAULT_LOCALE)
        findings += _plural_findings(unit, code, theirs)
    if reference is None:
        return findings, None
    translatable = {k for k in reference if not k.startswith("-")}
    own = {k for k in units if not k.startswith("-")}
    completeness = Completeness(
        code,
        unit_name,
        len(translatable),
        missing=tuple(sorted(translatable - own)),
        obsolete=tuple(sorted(own - translatable)),
    )
    return findings, completeness


def check_locales(root: Path, reference: str = DEFAULT_LOCALE) -> LocalesReport:
    """Every check above, for every locale folder under ``root``."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    trees = {folder.name: _locale_units(folder) for folder in folders}
    reference_units = {name: _units(files) for name, files in trees.get(reference, {}).items()}
    findings: list[Finding] = []
    completeness: list[Completeness] = []
    for code, own in trees.items():
        # A reference unit this locale lacks entirely is missing whole.
        absent = reference_units.keys() - own.keys() if code != reference else set()
        units = own | dict.fromkeys(absent, ())
        for name, files in sorted(units.items()):
            theirs = reference_units.get(name) if code != reference else None
            found, complete = _compare(code, name, files, theirs)
            findings += found
            if complete is not None:
                completeness.append(complete)
    totals = {
        name: sum(1 for k in units if not k.startswith("-"))
        for name, units in reference_units.items()
    }
    return LocalesReport(reference, tuple(findings), tuple(completeness), totals)
