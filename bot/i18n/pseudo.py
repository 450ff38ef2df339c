"""A pseudo-locale: en-US with every letter accented, every text bracketed and lengthened.

``⟦Óṕéñ á ñéŵ ţíçķéţ···⟧`` reads as English to a developer, shows at a glance which words did
not come from Fluent (they stay plain), and which layouts break on longer languages. It is
generated (never shipped to members): tests write it into a scratch locales tree.

Slash command names (``cmd-…-name``) follow Discord's rule for names instead: accented,
lowercase, no brackets and no padding, since they must stay 1-32 letters, digits, - or _.
Placeables are kept as they are: variables, terms and functions work as in en-US.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

from fluent.syntax import FluentSerializer, ast

from bot.i18n.ftl import parse_ftl_file

OPEN, CLOSE, PAD = "⟦", "⟧", "·"
GROWTH = 0.3  # longer languages (German, French) run about a third longer than English

_ACCENTS = str.maketrans(
    "abcdeghijklnorstuwyzABCDEGHIJKLNORSTUWYZ",
    "áƀçđéĝĥíĵķĺñóŕšţúŵýžÁƁÇĐÉĜĤÍĴĶĹÑÓŔŠŢÚŴÝŽ",
)


def accent(text: str) -> str:
    return text.translate(_ACCENTS)


def _is_command_name(key: str) -> bool:
    return key.startswith("cmd-") and key.endswith("-name")


def _text_length(pattern: ast.Pattern) -> int:
    return sum(len(e.value) for e in pattern.elements if isinstance(e, ast.TextElement))


def _pseudo_pattern(pattern: ast.Pattern, *, framed: bool) -> None:
    for element in _text_elements(pattern):
        element.value = accent(element.value)
    if not framed:
        return
    padding = PAD * math.ceil(_text_length(pattern) * GROWTH)
    pattern.elements.insert(0, ast.TextElement(OPEN))
    pattern.elements.append(ast.TextElement(padding + CLOSE))


def _text_elements(node: object) -> list[ast.TextElement]:
    """Text of ``node`` and of its select variants (not of string literals: those are code)."""
    found: list[ast.TextElement] = []
    if isinstance(node, ast.Pattern):
        for element in node.elements:
            if isinstance(element, ast.TextElement):
                found.append(element)
            elif isinstance(element, ast.Placeable):
                found += _text_elements(element.expression)
    elif isinstance(node, ast.SelectExpression):
        for variant in node.variants:
            found += _text_elements(variant.value)
    elif isinstance(node, ast.Placeable):
        found += _text_elements(node.expression)
    return found


def pseudo_source(path: Path) -> str:
    """The pseudo-locale version of one en-US .ftl file."""
    # A deep copy: parsed files are cached per process and shared (the catalog, the CLI), and
    # this rewrites the tree in place; pseudo-izing the cached tree made a second call
    # accent and pad text that was already pseudo.
    resource = copy.deepcopy(parse_ftl_file(path).resource)
    for entry in resource.body:
        if not isinstance(entry, ast.Message | ast.Term):
            continue
        key = entry.id.name
        if entry.value is not None:
            _pseudo_pattern(entry.value, framed=not _is_command_name(key))
        for attribute in entry.attributes:
            _pseudo_pattern(attribute.value, framed=True)
    return FluentSerializer(with_junk=False).serialize(resource)


def write_pseudo_locale(reference: Path, target: Path) -> list[Path]:
    """Every ``.ftl`` of the ``reference`` locale folder (servers/ too) as pseudo in ``target``."""
    written = []
    for source in sorted(reference.rglob("*.ftl")):
        out = target / source.relative_to(reference)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(pseudo_source(source), encoding="utf-8")
        written.append(out)
    return written
