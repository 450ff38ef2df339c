"""The happy path of reading a server file: plain values straight from libyaml's events.

:func:`bot.config.yaml_loader.parse` composes a node graph and walks it to keep every key's
line and column; at a thousand servers that walk was most of ``guichet validate``'s time,
although positions are only read to place a diagnostic, and most files have none. So
:func:`load` builds the same plain dicts, lists and scalars from the parser's event stream,
without nodes, positions or a resolver call per scalar, and gives up (returns ``None``) on
anything the positional reader treats specially: a syntax error, an anchor, an alias, a tag, a
merge key, a directive, a duplicate or non-string key, a value its constructor refuses, a
float (never valid in a server file; the schema check words it), a document that is not one
mapping, or a file past :mod:`bot.config.yaml_limits`. The caller
then reads the file with positions, which words every problem as before. Scalars are resolved
and built by ruamel's own resolver and constructor (YAML 1.2), memoized by their text.

tests/config/test_fast_paths.py compares both readings on every fixture and generated file:
whenever :func:`load` returns a document, the positional reader returns the same one and no
problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode

from bot.config import yaml_limits
from bot.config.yaml_loader import NodePath, Position, SourceMap

try:
    from ruamel.yaml.main import CParser
except ImportError:  # pragma: no cover - ruamel.yaml without its compiled parser
    CParser = None

_PREFIX = "tag:yaml.org,2002:"
# Plain scalars resolved to these are taken; any other tag (merge...) leaves it to the walker.
_BUILT = frozenset(_PREFIX + kind for kind in ("str", "int", "float", "bool", "null"))
_TIMESTAMP = _PREFIX + "timestamp"  # kept as written, as the positional reader does
# What YAML 1.2 resolves to an int and ruamel builds as int(text): no sign, underscore,
# base prefix or leading zero, and short (a long one is the constructor's to refuse).
_DECIMAL = re.compile(r"[1-9][0-9]{0,29}")
_GIVE_UP = object()  # a plain scalar the fast path does not take
# Bounded: hostile files cannot grow it without end (short texts only: ids, flags, kinds).
_MEMO_MAX, _MEMO_TEXT = 100_000, 64
_MEMO: dict[str, Any] = {}
_NO_PATH = Path()


class _Decline(Exception):  # noqa: N818 - control flow: read the file with positions instead
    pass


class PositionsNeeded(Exception):  # noqa: N818 - control flow, see NO_POSITIONS
    """A check asked where something is: the file is read again with positions."""


class _NoPositions(SourceMap):
    """The source map of a document read by :func:`load`: any question raises
    :class:`PositionsNeeded`, so a check that places a diagnostic (or reads a line for any
    other reason) sends the file back to the positional reader."""

    def key(self, path: NodePath) -> Position:  # noqa: ARG002 - SourceMap.key
        raise PositionsNeeded

    def value(self, path: NodePath) -> Position:  # noqa: ARG002
        raise PositionsNeeded


NO_POSITIONS: SourceMap = _NoPositions()


def load(text: str, yaml: YAML) -> dict[Any, Any] | None:
    """The document of ``text`` when it is one plain mapping without any problem, else None.

    ``yaml`` is :func:`bot.config.yaml_loader.new_yaml`'s loader (its resolver and
    constructor build the scalars)."""
    if CParser is None or yaml_limits.check_text(_NO_PATH, text) is not None:
        return None
    parser = CParser(text)
    try:
        return _document(parser, yaml)
    except (_Decline, YAMLError):
        return None
    finally:
        parser.dispose()


def _document(parser: Any, yaml: YAML) -> dict[Any, Any]:
    get = parser.get_event
    get()  # the stream's start
    start = get()
    if type(start) is not DocumentStartEvent or start.version or start.tags:
        raise _Decline  # an empty stream, or a %YAML / %TAG directive
    first = get()
    if type(first) is not MappingStartEvent or first.anchor is not None or first.tag is not None:
        raise _Decline  # not a mapping: the positional reader says what it is
    limits = yaml_limits.LIMITS
    max_values, max_keys, max_depth = limits.max_values, limits.max_keys, limits.max_depth
    root: dict[Any, Any] = {}
    # The open container, whether it is a list, and (in a mapping) the key read whose value
    # comes next; ``stack`` holds the same for each enclosing container.
    top: Any = root
    in_list = False
    key: Any = _GIVE_UP
    stack: list[tuple[Any, bool, Any]] = []
    values, keys = 1, 0  # counted as the walker's budget counts them
    scalar, mapping, sequence = ScalarEvent, MappingStartEvent, SequenceStartEvent
    mapping_end, sequence_end = MappingEndEvent, SequenceEndEvent
    memo = _MEMO
    while True:
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Decline
            text = event.value
            if event.implicit[0]:  # plain: resolved by its text
                value = memo.get(text, _GIVE_UP)
                if value is _GIVE_UP:
                    value = _plain(text, yaml)
            else:  # quoted or a block scalar: a string
                value = text
            values += 1
            if in_list:
                top.append(value)
            elif key is _GIVE_UP:  # this value is a key
                if type(value) is not str or value in top:
                    raise _Decline  # a duplicate, or a key that is not a string
                keys += 1
                key = value
            else:
                top[key] = value
                key = _GIVE_UP
        elif kind is mapping or kind is sequence:
            if event.anchor is not None or event.tag is not None:
                raise _Decline
            value = {} if kind is mapping else []
            values += 1
            if in_list:
                top.append(value)
            elif key is _GIVE_UP:
                raise _Decline  # a mapping or a list as a key
            else:
                top[key] = value
                key = _GIVE_UP
            stack.append((top, in_list, key))
            if len(stack) >= max_depth:  # this one and the open ones around it
                raise _Decline
            top, in_list = value, kind is sequence
        elif kind is mapping_end or kind is sequence_end:
            if not stack:
                break
            top, in_list, key = stack.pop()
            continue
        else:  # an alias (or anything else): the walker expands and bounds those
            raise _Decline
        if values > max_values or keys > max_keys:
            raise _Decline
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _Decline  # another document follows
    return root


def _plain(text: str, yaml: YAML) -> Any:
    """A plain scalar's value, as the positional reader builds it; remembered by its text."""
    if _DECIMAL.fullmatch(text):  # ids, mostly: each file has its own, so memos miss
        value: Any = int(text)
    else:
        tag = str(yaml.resolver.resolve(ScalarNode, text, (True, False)))
        if tag == _TIMESTAMP:
            value = text
        elif tag in _BUILT:
            build = yaml.constructor.yaml_constructors[tag]
            try:
                value = build(yaml.constructor, ScalarNode(tag, text, None, None))
            except (ValueError, ArithmeticError, YAMLError):
                raise _Decline from None  # worded by the walker, at its position
            if type(value) is float:
                raise _Decline
        else:
            raise _Decline  # the merge key "<<", or a tag the walker refuses
    if len(_MEMO) < _MEMO_MAX and len(text) <= _MEMO_TEXT:
        _MEMO[text] = value
    return value
