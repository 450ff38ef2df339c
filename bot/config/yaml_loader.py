"""Read a server file with ruamel.yaml, keeping the line/column of every key and item.

We compose the YAML node graph (each node carries its start mark) and copy it into
plain dicts/lists (what jsonschema and the builder expect), keeping the positions
aside in a :class:`SourceMap` keyed by node path. Composing with the safe loader
uses libyaml through ruamel.yaml.clib when it is installed (about 6x faster than
the pure-Python round-trip loader, which matters for CI on a thousand servers) and
falls back to ruamel's pure-Python parser otherwise; positions are the same.
Walking nodes ourselves also lets us report *every* duplicate key, not just the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeAlias

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from bot.config import yaml_limits
from bot.config.diagnostics import Diagnostic, Phrase, dotted, phrase, shown
from bot.i18n import MessageId, message_id

NodePath: TypeAlias = tuple[Any, ...]
Position: TypeAlias = tuple[int, int]  # 1-based line, column

_TOP = (1, 1)
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# What a server file may hold: JSON's kinds of values (and a merge key).
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "merge")
)
_CONTAINER_TAGS = frozenset(("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"))


@dataclass(slots=True)
class SourceMap:
    """Positions by node path: where each key (or list item) starts, and its value."""

    keys: dict[NodePath, Position] = field(default_factory=dict)
    values: dict[NodePath, Position] = field(default_factory=dict)

    def key(self, path: NodePath) -> Position:
        """The key naming ``path`` (the item itself in a list); nearest ancestor if unknown."""
        while path:
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.keys.get((), _TOP)

    def value(self, path: NodePath) -> Position:
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), _TOP)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    data: Any  # plain dict/list/scalars
    positions: SourceMap


class _MemoResolver(VersionedResolver):
    """ruamel's resolver, remembering each plain scalar's tag: server files repeat the same
    few values (``true``, ids, ``channel``...), and resolving one runs a dozen regexes."""

    _tags: ClassVar[dict[tuple[Any, ...], Any]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        key = (kind, value, implicit)
        try:
            return self._tags[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value (never for scalars): no memo
            return super().resolve(kind, value, implicit)
        tag = super().resolve(kind, value, implicit)
        if len(self._tags) < 100_000:  # bounded: a hostile file cannot grow it without end
            self._tags[key] = tag
        return tag


def new_yaml() -> YAML:
    """A loader for a batch of files (libyaml-backed when ruamel.yaml.clib is present)."""
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _MemoResolver
    return yaml


class _WalkError(Exception):
    """Problems found while walking the node graph (duplicate keys, unknown tags...)."""

    def __init__(self, found: list[Diagnostic]) -> None:
        self.found = found


def parse(path: Path, text: str, yaml: YAML) -> tuple[ParsedFile | None, list[Diagnostic]]:
    """Parse ``text`` (the content of ``path``); a document or the reasons there is none."""
    too_long = yaml_limits.check_text(path, text)
    if too_long is not None:
        return None, [too_long]
    try:
        # Depth and size are bounded on the event stream first: the composer recurses.
        yaml_limits.check_events(path, text, yaml)
        root = yaml.compose(text)
        positions = SourceMap()
        data = _Walker(path, yaml, positions).document(root)
    except yaml_limits.LimitExceeded as exc:
        return None, [exc.diagnostic]
    except _WalkError as exc:
        return None, exc.found
    except MarkedYAMLError as exc:
        tabs = _tab_indents(path, text)
        if tabs:
            return None, tabs
        mark = exc.problem_mark or exc.context_mark
        position = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [_syntax_error(path, position, exc)]
    except YAMLError as exc:
        return None, [
            Diagnostic.at(path, (0, 0), "", message_id("config-yaml-error"), error=str(exc))
        ]

    if not isinstance(data, dict):
        return None, [_not_a_mapping(path, data, positions)]
    return ParsedFile(data, positions), []


# The parser's problem (libyaml's or ruamel's own wording) → a message in plain words.
_SYNTAX = (
    (("mapping values are not allowed",), message_id("config-yaml-colon-in-value")),
    # `monday: [09:00-12:00]`: inside brackets a plain scalar may not hold a colon.
    (("found unexpected ':'",), message_id("config-yaml-colon-in-flow")),
    (
        ("expected <block end>", "did not find expected key", "indicator"),
        message_id("config-yaml-indentation"),
    ),
    (("expected ',' or ']'",), message_id("config-yaml-unclosed-list")),
    (("expected ',' or '}'",), message_id("config-yaml-unclosed-mapping")),
    (("undefined alias",), message_id("config-yaml-undefined-alias")),
    (("duplicate anchor",), message_id("config-yaml-duplicate-anchor")),
    (("cannot start any token",), message_id("config-yaml-bad-character")),
    (("node content",), message_id("config-yaml-missing-value")),
)


def _syntax_error(path: Path, position: Position, exc: MarkedYAMLError) -> Diagnostic:
    problem = exc.problem or exc.context or ""
    said = f"{exc.context or ''} {problem}"
    if "end of stream" in problem and "quoted scalar" in said:
        return Diagnostic.at(path, position, "", message_id("config-yaml-unclosed-quote"))
    for needles, msg_id in _SYNTAX:
        if any(needle in said for needle in needles):
            return Diagnostic.at(path, position, "", msg_id)
    # Anything rarer: the parser's own words, quoted.
    return Diagnostic.at(path, position, "", message_id("config-yaml-syntax"), problem=problem)


def _not_a_mapping(path: Path, data: object, positions: SourceMap) -> Diagnostic:
    if data is None:
        return Diagnostic.at(path, (1, 1), "", message_id("config-file-empty"))
    not_a_mapping = message_id("config-file-not-mapping")
    return Diagnostic.at(path, positions.value(()), "", not_a_mapping, got=_kind(data))


def _kind(data: object) -> Phrase:
    if isinstance(data, list):
        return phrase(message_id("config-value-list"))
    return phrase(message_id("config-value-single"), value=shown(data))


class _Walker:
    """Copies a node graph into plain Python values, recording positions on the way."""

    def __init__(self, path: Path, yaml: YAML, positions: SourceMap) -> None:
        self.path, self.positions = path, positions
        self.constructor = yaml.constructor
        self.problems: list[Diagnostic] = []
        self.active: set[int] = set()  # nodes being walked: a recursive alias would loop
        self.budget = yaml_limits.Budget(path)  # aliases cost what they expand to
        self.walked: set[int] = set()  # containers copied once: met again, it is an alias
        self.expanding: Position | None = None  # where the alias being expanded is used

    def document(self, root: Node | None) -> Any:
        if root is None:
            return None
        self.positions.keys[()] = self.positions.values[()] = _position(root)
        data = self.node(root, ())
        if self.problems:
            raise _WalkError(self.problems)
        return data

    def node(self, node: Node, where: NodePath) -> Any:
        self.budget.value(self.expanding or _position(node), len(where))
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if node.tag not in _CONTAINER_TAGS:  # "!!set", "!!omap", "!custom"...
            self.problem(node, where, message_id("config-yaml-unknown-tag"), tag=node.tag)
            return None
        if id(node) in self.active:
            self.problem(node, where, message_id("config-yaml-recursive-alias"))
            return None
        outermost_alias = self.expanding is None and id(node) in self.walked
        if outermost_alias:
            # An alias: limits crossed inside its expansion are reported at the key
            # holding it (the alias node itself keeps no position once composed).
            self.expanding = self.positions.key(_last_key(where))
        self.walked.add(id(node))
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, where)
            items = []
            for index, item in enumerate(node.value):
                child = (*where, index)
                self.positions.keys[child] = self.positions.values[child] = _position(item)
                items.append(self.node(item, child))
            return items
        finally:
            self.active.discard(id(node))
            if outermost_alias:
                self.expanding = None

    def mapping(self, node: MappingNode, where: NodePath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # "<<: *defaults": explicit keys win, applied last
                merged += value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                continue
            self.budget.key(_position(key_node))
            key = self.node(key_node, where)
            if isinstance(key, dict | list):
                self.problem(key_node, where, message_id("config-yaml-complex-key"))
                continue
            if key in first_line:
                msg_id = message_id("config-yaml-duplicate-key")
                self.problem(key_node, where, msg_id, key=shown(key), first=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            child = (*where, key)
            self.positions.keys[child] = _position(key_node)
            self.positions.values[child] = _position(value_node)
            out[key] = self.node(value_node, child)
        for source in merged:
            if not isinstance(source, MappingNode):
                self.problem(source, where, message_id("config-yaml-merge-not-mapping"))
                continue
            for key, value in self.mapping(source, where).items():
                out.setdefault(key, value)
        return out

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag  # a property building the string each time: read once
        if tag == _TIMESTAMP:  # `2024-05-01` unquoted: the text as written, no date
            return node.value
        build = self.constructor.yaml_constructors.get(tag)
        if build is None or tag not in _SCALAR_TAGS:  # "!custom", "!!binary"...
            self.problem(node, (), message_id("config-yaml-unknown-tag"), tag=tag)
            return None
        try:
            return build(self.constructor, node)
        except (ValueError, ArithmeticError, YAMLError):
            # `!!int abc`, an integer of 5,000 digits, `!!float x`: never a traceback.
            bad = message_id("config-yaml-bad-value")
            self.problem(node, (), bad, tag=tag.rsplit(":", 1)[-1], value=shown(node.value))
            return None

    def problem(self, node: Node, where: NodePath, msg_id: MessageId, **args: Any) -> None:
        found = Diagnostic.at(self.path, _position(node), dotted(where), msg_id, **args)
        self.problems.append(found)


def _last_key(where: NodePath) -> NodePath:
    """``where`` up to its last mapping key: list items keep no position of their own."""
    end = len(where)
    while end and isinstance(where[end - 1], int) and not isinstance(where[end - 1], bool):
        end -= 1
    return where[:end]


def _position(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _tab_indents(path: Path, text: str) -> list[Diagnostic]:
    """Tabs used for indentation: YAML forbids them, and the parser's message is obscure."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            found.append(Diagnostic.at(path, (number, column), "", message_id("config-yaml-tab")))
    return found
