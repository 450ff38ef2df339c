"""Bounds on what a server file may cost to read, checked before the YAML is composed.

A server file comes from a pull request: it must not be able to hang ``guichet validate``, a
reload or the bot's start, nor crash them. YAML's anchors and aliases let a few lines stand
for billions of values ("billion laughs"), deep nesting exhausts the composer's recursion,
and a huge file or line costs time before any check runs. So, in order:

1. the file's size, from the file system, before reading it (:func:`check_size`);
2. line lengths, on the text (:func:`check_text`);
3. nesting depth and the number of values, on the parser's event stream, which is read
   without recursion, before the (recursive) composer runs (:func:`check_events`);
4. values and keys *after* alias expansion, counted by the loader's walker as it copies the
   document (:class:`Budget`), so an alias standing for a large subtree costs its full size.

Each limit has its own localized diagnostic, at the line and column where it was crossed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    ScalarEvent,
)

from bot.config.diagnostics import Diagnostic
from bot.i18n import MessageId, message_id


@dataclass(frozen=True, slots=True)
class YamlLimits:
    """Generous for a real server file (the example is 5 KB, depth 7, 200 values)."""

    max_bytes: int = 256 * 1024
    max_line: int = 2000  # characters
    max_depth: int = 32  # nested mappings and lists
    max_values: int = 20_000  # scalars, mappings and lists, aliases expanded
    max_keys: int = 5_000  # mapping keys, aliases expanded


LIMITS = YamlLimits()


class LimitExceeded(Exception):  # noqa: N818 - a diagnostic carried out of a walk
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.msg_id)
        self.diagnostic = diagnostic


def check_size(path: Path, size: int, limits: YamlLimits = LIMITS) -> Diagnostic | None:
    if size <= limits.max_bytes:
        return None
    too_big = message_id("config-limit-file-size")
    return Diagnostic.at(path, (0, 0), "", too_big, size=size, limit=limits.max_bytes)


def check_text(path: Path, text: str, limits: YamlLimits = LIMITS) -> Diagnostic | None:
    """The first line longer than the limit."""
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > limits.max_line:
            too_long = message_id("config-limit-line-length")
            position = (number, limits.max_line + 1)
            return Diagnostic.at(
                path, position, "", too_long, length=len(line), limit=limits.max_line
            )
    return None


def within_bounds(text: str, limits: YamlLimits = LIMITS) -> bool:
    """Whether ``text`` cannot cross the depth and value limits, judged from its characters
    alone (most files, far below them: the event stream need not be read twice).

    Before aliases are expanded (the walker's :class:`Budget` counts those), every value
    takes at least one character, so a text shorter than the value limit holds fewer values.
    A nested collection is either more indented than its parent, on the same line after a
    ``-``, ``?`` or ``:`` indicator, or inside a flow bracket: depth is at most the widest
    indentation, plus the most indicators on one line, plus every bracket, plus one. Whole
    comment lines hold no structure (nor does a ``#`` line inside a block or quoted scalar)."""
    if len(text) >= limits.max_values:
        return False
    brackets = text.count("[") + text.count("{")
    if brackets >= limits.max_depth:
        return False
    widest = indicators = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue  # a comment (or text inside a scalar): no structure
        widest = max(widest, len(line) - len(stripped))
        indicators = max(
            indicators, stripped.count("- ") + stripped.count("? ") + stripped.count(": ") + 1
        )
    return widest + indicators + brackets + 1 <= limits.max_depth


def check_events(path: Path, text: str, yaml: YAML, limits: YamlLimits = LIMITS) -> None:
    """Depth and value count on the event stream; raises :class:`LimitExceeded`.

    Parser errors are left to the composer that runs next (same parser, same message)."""
    if within_bounds(text, limits):
        return
    depth = values = 0
    for event in yaml.parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            values += 1
            if depth > limits.max_depth:
                too_deep = message_id("config-limit-depth")
                raise LimitExceeded(_at(path, event, too_deep, limit=limits.max_depth))
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, ScalarEvent | AliasEvent):
            values += 1
        if values > limits.max_values:
            too_many = message_id("config-limit-values")
            raise LimitExceeded(_at(path, event, too_many, limit=limits.max_values))


class Budget:
    """What the walker may still produce; it charges every value it copies, aliases included."""

    def __init__(self, path: Path, limits: YamlLimits = LIMITS) -> None:
        self.path, self.limits = path, limits
        self.values = self.keys = 0

    def value(self, position: tuple[int, int], depth: int) -> None:
        self.values += 1
        if self.values > self.limits.max_values:
            expanded = message_id("config-limit-expanded")
            self._exceeded(position, expanded, self.limits.max_values)
        if depth > self.limits.max_depth:
            self._exceeded(position, message_id("config-limit-depth"), self.limits.max_depth)

    def key(self, position: tuple[int, int]) -> None:
        self.keys += 1
        if self.keys > self.limits.max_keys:
            self._exceeded(position, message_id("config-limit-keys"), self.limits.max_keys)

    def _exceeded(self, position: tuple[int, int], msg_id: MessageId, limit: int) -> None:
        raise LimitExceeded(Diagnostic.at(self.path, position, "", msg_id, limit=limit))


def _at(path: Path, event: Event, msg_id: MessageId, **args: int) -> Diagnostic:
    mark = event.start_mark
    position = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return Diagnostic.at(path, position, "", msg_id, **args)
