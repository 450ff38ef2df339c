"""What Discord stores from what a bot sends: component ids and the defaults Discord fills in,
so messages, modals and interactions come back shaped as Discord returns them.

- Component ids (developer docs, components "Anatomy of a Component"): "The `id` must be unique
  within the message and is generated sequentially if left empty. Generation of `id`s won't use
  another `id` that exists in the message [...] an `id` of `0` is [...] treated as empty and
  replaced". Components are numbered in reading order (a row before its children).
- Defaults: a select's `min_values`/`max_values` are 1, a text input's `min_length`/
  `max_length` 0/4000 and `required` true, an embed field's `inline` false, an embed's `type`
  "rich" (the response schemas of Discord's description require each of them); an emoji keeps
  only the fields it has (a unicode one its name).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

SELECTS = frozenset({3, 5, 6, 7, 8})
TEXT_INPUT = 4
_CHILD_LISTS = ("components",)  # rows, containers, sections hold lists of children
_CHILD_ONE = ("component", "accessory")  # labels and sections hold one


def walk(components: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Every component, nested ones included, in reading order."""
    for component in components:
        yield component
        for key in _CHILD_LISTS:
            yield from walk(component.get(key) or ())
        for key in _CHILD_ONE:
            child = component.get(key)
            if isinstance(child, Mapping):
                yield from walk([child])


def components(sent: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """A deep copy of `sent` with ids assigned and defaults filled in, as Discord stores it."""
    stored = copy.deepcopy([dict(c) for c in sent or ()])
    taken = {c["id"] for c in walk(stored) if isinstance(c.get("id"), int) and c["id"]}
    next_id = 1
    for component in walk(stored):
        if not component.get("id"):
            while next_id in taken:
                next_id += 1
            component["id"] = next_id  # type: ignore[index]
            taken.add(next_id)
        _fill_defaults(component)  # type: ignore[arg-type]
    return stored


def _fill_defaults(component: dict[str, Any]) -> None:
    kind = component.get("type")
    _stored_emoji(component)
    for option in component.get("options") or ():
        _stored_emoji(option)
    if kind in SELECTS:
        component.setdefault("min_values", 1)
        component.setdefault("max_values", 1)
    elif kind == TEXT_INPUT:
        component.setdefault("min_length", 0)
        component.setdefault("max_length", 4000)
        component.setdefault("required", True)


def _stored_emoji(holder: dict[str, Any]) -> None:
    """A unicode emoji is stored as its `name` alone, a custom one as id, name and animated
    (the description's ComponentEmojiResponse: `id`, when present, is a snowflake string)."""
    emoji = holder.get("emoji")
    if not isinstance(emoji, dict):
        return
    stored = {k: v for k, v in emoji.items() if v is not None}
    if "id" in stored:
        stored["id"] = str(stored["id"])
        stored.setdefault("animated", False)
    holder["emoji"] = stored


def embeds(sent: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    stored = []
    for embed in sent or ():
        copied = copy.deepcopy(dict(embed))
        copied.setdefault("type", "rich")
        for field in copied.get("fields") or ():
            field.setdefault("inline", False)
        stored.append(copied)
    return stored
