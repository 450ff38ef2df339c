"""A fast reading of plain .ftl files: their ids and references, without fluent.syntax.

Most servers' files are lists of ``id = text`` with comments, multi-line texts, attributes,
simple references (``{ -brand }``, ``{ other-message }``, ``{ $name }``) and functions on
variables (``{ NUMBER($n, useGrouping: 0) }``). fluent.syntax, pure Python, spent most of
``guichet validate``'s time parsing them, although validation only needs which ids they
define and what they refer to. :func:`scan` reads such a file line by line and returns its
entries; on anything it does not recognise (a select expression, a string literal on its own,
a tab, a backslash, a line it cannot place, an empty message, a duplicate id) it returns
``None`` and the caller parses the file fully, so every diagnostic still comes from
fluent.syntax, unchanged. The full tree is still built when a bundle needs it (formatting a
message), lazily. tests/i18n/test_ftl_plain.py compares both readings on every shipped file
and on generated ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ID = r"[a-zA-Z][a-zA-Z0-9_-]*"
_ENTRY = re.compile(rf"(-?)({_ID}) *= *(.*)")
_ATTRIBUTE = re.compile(rf" +\.({_ID}) *= *(.*)")
_COMMENT = re.compile(r"#{1,3}(?: .*)?")
_PLACEABLE = re.compile(r"\{([^{}]*)\}")
_REFERENCE = re.compile(rf" *(?:(\$)({_ID})|(-)({_ID})|({_ID})(?:\.{_ID})?) *")
# A function on variables and literals, e.g. ``{ NUMBER($n, useGrouping: 0) }``: no reference.
_LITERAL = r'(?:-?[0-9]+(?:\.[0-9]+)?|"[^"\\{}]*")'
_ARGUMENT = rf" *(?:\${_ID}|{_LITERAL}|{_ID} *: *{_LITERAL}) *"
_CALL = re.compile(rf" *[A-Z][A-Z0-9_-]*\((?:{_ARGUMENT}(?:,{_ARGUMENT})*)?\) *")
# A continuation line may not start with these (variant keys, attributes, a closing brace).
_SPECIAL_START = frozenset("[*.}")
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PlainEntry:
    key: str  # terms keep their leading dash
    references: frozenset[str]  # messages and terms (``-name``) it refers to


def _references(text: str) -> frozenset[str] | None:
    """Names referred to in one line of text; None if it holds more than simple references."""
    if "{" not in text and "}" not in text:
        return _NONE
    names: set[str] = set()
    rest = _PLACEABLE.sub("", text)
    if "{" in rest or "}" in rest:
        return None
    for inner in _PLACEABLE.findall(text):
        found = _REFERENCE.fullmatch(inner)
        if found is None:
            if _CALL.fullmatch(inner) is not None:
                continue
            return None
        variable, _, dash, term, message = found.groups()
        if variable:
            continue
        names.add(f"-{term}" if dash else message)
    return frozenset(names)


def scan(source: str, max_entries: int) -> tuple[PlainEntry, ...] | None:
    """The entries of a plain file, in order; None when the file needs the full parser."""
    if "\t" in source or "\r" in source or "\\" in source:
        return None
    entries: list[PlainEntry] = []
    seen: set[str] = set()
    comments = 0
    key: str | None = None  # the entry being read
    refs: set[str] = set()
    has_value = False
    attributes = 0
    pattern_open = False  # the last value or attribute line may continue below
    pattern_filled = True  # whether the last attribute has text yet

    def finish() -> bool:
        nonlocal key
        if key is None:
            return True
        if not pattern_filled:
            return False  # an attribute without a value
        if not has_value and (key.startswith("-") or not attributes):
            return False  # a term needs a value; a message a value or an attribute
        entries.append(PlainEntry(key, frozenset(refs)))
        key = None
        return True

    for line in source.split("\n"):
        if not line.strip(" "):  # blank: spaces only (Fluent's own definition)
            continue
        if line[0] == " ":
            if key is None:
                return None
            attribute = _ATTRIBUTE.fullmatch(line)
            if attribute is not None:
                if not pattern_filled:
                    return None
                text = attribute.group(2)
                attributes += 1
                pattern_open, pattern_filled = True, bool(text.strip(" "))
            else:
                text = line.lstrip(" ")
                if text[0] in _SPECIAL_START or not pattern_open:
                    return None
                if attributes:
                    pattern_filled = True
                else:
                    has_value = True
            found = _references(text)
            if found is None:
                return None
            refs |= found
            continue
        if not finish():
            return None
        if _COMMENT.fullmatch(line):
            comments += 1
            pattern_open = False
            continue
        entry = _ENTRY.fullmatch(line)
        if entry is None:
            return None
        dash, name, text = entry.groups()
        key = f"{dash}{name}"
        if key in seen:
            return None  # fluent.syntax keeps both; the catalog reports the duplicate
        seen.add(key)
        found = _references(text)
        if found is None:
            return None
        refs = set(found)
        has_value, attributes = bool(text.strip(" ")), 0
        pattern_open, pattern_filled = True, True
    if not finish():
        return None
    if len(entries) + comments > max_entries:
        return None  # let the full parse count the way the limit is written
    return tuple(entries)
