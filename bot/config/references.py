"""Every Discord id a server file names, with where it is written, and those Discord no longer
has (``guichet plan --refresh``: a role, category, channel or emoji deleted by hand since the
file was written is drift, reported at its file and line)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.config.diagnostics import Diagnostic, dotted, phrase
from bot.config.yaml_loader import SourceMap, new_yaml, parse
from bot.i18n import message_id

_CUSTOM_EMOJI = re.compile(r"^<a?:[A-Za-z0-9_]{2,32}:([0-9]{17,20})>$")


class Kind(StrEnum):
    ROLE = "role"
    CHANNEL = "channel"  # a category, a text channel
    EMOJI = "emoji"


KIND_TEXT = {
    Kind.ROLE: message_id("drift-kind-role"),
    Kind.CHANNEL: message_id("drift-kind-channel"),
    Kind.EMOJI: message_id("drift-kind-emoji"),
}


@dataclass(frozen=True, slots=True)
class Reference:
    kind: Kind
    id: int
    where: tuple[Any, ...]  # node path in the file


def _snowflake(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def references(data: Mapping[str, Any]) -> Iterator[Reference]:
    """The ids of a (valid) server file's data, in file order."""

    def ids(kind: Kind, value: object, where: tuple[Any, ...]) -> Iterator[Reference]:
        if isinstance(value, list):
            for index, item in enumerate(value):
                if (found := _snowflake(item)) is not None:
                    yield Reference(kind, found, (*where, index))
        elif (found := _snowflake(value)) is not None:
            yield Reference(kind, found, where)

    yield from ids(Kind.ROLE, data.get("staff_roles"), ("staff_roles",))
    for key, value in _map(data.get("channels")).items():
        yield from ids(Kind.CHANNEL, value, ("channels", key))
    for system_id, system in _map(data.get("systems")).items():
        base = ("systems", system_id)
        for key in ("category", "channel", "reception"):
            yield from ids(Kind.CHANNEL, _map(system).get(key), (*base, key))
        for key in ("handlers", "open_roles", "blocked_roles"):
            yield from ids(Kind.ROLE, _map(system).get(key), (*base, key))
        overflow = _map(system).get("overflow_categories")
        yield from ids(Kind.CHANNEL, overflow, (*base, "overflow_categories"))
        for topic_id, topic in _map(_map(system).get("topics")).items():
            emoji = _map(topic).get("emoji")
            found = _CUSTOM_EMOJI.match(emoji) if isinstance(emoji, str) else None
            if found:
                yield Reference(Kind.EMOJI, int(found[1]), (*base, "topics", topic_id, "emoji"))
    for panel_id, panel in _map(data.get("panels")).items():
        yield from ids(Kind.CHANNEL, _map(panel).get("channel"), ("panels", panel_id, "channel"))


def missing_references(path: Path, existing: Mapping[Kind, set[int]]) -> list[Diagnostic]:
    """What ``path`` names that Discord no longer has (``existing``: the guild's ids by kind),
    one diagnostic at each place it is written."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the file's own problems are validate's to report
    parsed, _ = parse(path, text, new_yaml())
    if parsed is None:
        return []
    return [
        _missing(path, parsed.positions, ref)
        for ref in references(parsed.data)
        if ref.kind in existing and ref.id not in existing[ref.kind]
    ]


def _missing(path: Path, positions: SourceMap, ref: Reference) -> Diagnostic:
    gone = message_id("drift-reference-missing")
    kind = phrase(KIND_TEXT[ref.kind])
    return Diagnostic.at(
        path, positions.value(ref.where), dotted(ref.where), gone, kind=kind, id=str(ref.id)
    )
