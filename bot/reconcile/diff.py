"""Which fields differ between two renderings of a panel, for a reviewable plan.

The store keeps only a content hash, so the planner knows *that* a panel changed; a caller
that can render the previous version too (e.g. ``guichet plan`` against the base branch of a
pull request) passes it to the plan renderer, which then shows *what* changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from bot.reconcile.panels import Emoji, Field, PanelMessage, SelectOption

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: Field
    old: str | None  # None: absent before
    new: str | None  # None: absent now
    topic: str | None = None  # for per-button / per-option fields


def kind_of(message: PanelMessage) -> str:
    """ "buttons" or "select", the value names of :class:`bot.config.specs.PanelKind`."""
    return "select" if message.select is not None else "buttons"


def diff_messages(old: PanelMessage, new: PanelMessage) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []

    def compare(field: Field, a: str | None, b: str | None, topic: str | None = None) -> None:
        if a != b:
            changes.append(FieldChange(field, a, b, topic))

    compare(Field.EMBED_TITLE, old.embed.title, new.embed.title)
    compare(Field.EMBED_DESCRIPTION, old.embed.description, new.embed.description)
    compare(Field.EMBED_COLOUR, _colour(old.embed.colour), _colour(new.embed.colour))
    compare(Field.EMBED_IMAGE, old.embed.image_url, new.embed.image_url)
    if kind_of(old) != kind_of(new):
        compare(Field.KIND, kind_of(old), kind_of(new))
        return tuple(changes)
    if new.select is None:
        before = {b.topic: b for b in old.buttons}
        after = {b.topic: b for b in new.buttons}
        compare(Field.BUTTONS, _order(before), _order(after))
        for topic in _common(before, after):
            compare(Field.BUTTON_LABEL, before[topic].label, after[topic].label, topic)
            compare(
                Field.BUTTON_EMOJI, _emoji(before[topic].emoji), _emoji(after[topic].emoji), topic
            )
        return tuple(changes)
    old_options = _options(old)
    new_options = _options(new)
    compare(
        Field.PLACEHOLDER, old.select.placeholder if old.select else None, new.select.placeholder
    )
    compare(Field.OPTIONS, _order(old_options), _order(new_options))
    for topic in _common(old_options, new_options):
        a, b = old_options[topic], new_options[topic]
        compare(Field.OPTION_LABEL, a.label, b.label, topic)
        compare(Field.OPTION_DESCRIPTION, a.description, b.description, topic)
        compare(Field.OPTION_EMOJI, _emoji(a.emoji), _emoji(b.emoji), topic)
    return tuple(changes)


def _options(message: PanelMessage) -> dict[str, SelectOption]:
    return {o.value: o for o in message.select.options} if message.select else {}


def _order(items: Mapping[str, object]) -> str:
    return ", ".join(items)


def _common(before: dict[str, _T], after: dict[str, _T]) -> list[str]:
    return [topic for topic in after if topic in before]


def _colour(value: int | None) -> str | None:
    return None if value is None else f"#{value:06X}"


def _emoji(value: Emoji | None) -> str | None:
    return None if value is None else str(value)
