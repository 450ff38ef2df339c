"""Render a panel spec into plain, typed message data, without touching Discord.

The rendered :class:`PanelMessage` is what the planner compares (by ``content_hash``) and what
the port sends. Texts are resolved in the server's default locale; Discord's length limits are
enforced here (cut with an ellipsis and reported) so a long translation never fails a sync.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import IntEnum, StrEnum
from typing import Any, TypeVar

from bot.config.specs import PanelKind, PanelSpec, ServerSpec, TopicSpec
from bot.domain.custom_ids import Action, decode, encode

# ``translate(msg_id, locale, *, server=None, server_locale=None, **args) -> str``
# (``bot.i18n.Catalog.translate``).
Translate = Callable[..., str]

# Bump when the rendering code changes what is sent, so every panel is edited once.
RENDER_FORMAT = 1

ELLIPSIS = "…"
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_BUTTON_LABEL = 80
MAX_OPTION_TEXT = 100  # select option label and description
MAX_PLACEHOLDER = 150
MAX_BUTTONS = 25
BUTTONS_PER_ROW = 5
MAX_OPTIONS = 25

_T = TypeVar("_T")

_CUSTOM_EMOJI = re.compile(r"^<(?P<animated>a?):(?P<name>[A-Za-z0-9_]{2,32}):(?P<id>\d{1,20})>$")


class ButtonStyle(IntEnum):
    """Discord's button style numbers."""

    PRIMARY = 1
    SECONDARY = 2
    SUCCESS = 3
    DANGER = 4


class Field(StrEnum):
    """A part of a rendered panel; names the Fluent label ``plan-field-<value>``."""

    EMBED_TITLE = "embed-title"
    EMBED_DESCRIPTION = "embed-description"
    EMBED_COLOUR = "embed-colour"
    EMBED_IMAGE = "embed-image"
    KIND = "kind"
    BUTTONS = "buttons"  # the list of buttons: count and order
    BUTTON_LABEL = "button-label"
    BUTTON_EMOJI = "button-emoji"
    BUTTON_STYLE = "button-style"
    PLACEHOLDER = "placeholder"
    OPTIONS = "options"  # the list of select options: count and order
    OPTION_LABEL = "option-label"
    OPTION_DESCRIPTION = "option-description"
    OPTION_EMOJI = "option-emoji"


@dataclass(frozen=True, slots=True)
class Emoji:
    name: str  # the unicode emoji itself, or a custom emoji's name
    id: int | None = None
    animated: bool = False

    @classmethod
    def parse(cls, text: str) -> Emoji:
        """``"💳"`` or ``"<:name:id>"`` / ``"<a:name:id>"``, as written in server files."""
        match = _CUSTOM_EMOJI.match(text)
        if match is None:
            return cls(text)
        return cls(match["name"], int(match["id"]), bool(match["animated"]))

    def __str__(self) -> str:
        if self.id is None:
            return self.name
        return f"<{'a' if self.animated else ''}:{self.name}:{self.id}>"

    def to_payload(self) -> dict[str, Any]:
        if self.id is None:
            return {"name": self.name}
        return {"id": str(self.id), "name": self.name, "animated": self.animated}


@dataclass(frozen=True, slots=True)
class Button:
    topic: str
    custom_id: str
    label: str
    emoji: Emoji | None = None
    style: ButtonStyle = ButtonStyle.PRIMARY

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "type": 2,
            "style": int(self.style),
            "custom_id": self.custom_id,
            "label": self.label,
        }
        if self.emoji is not None:
            payload["emoji"] = self.emoji.to_payload()
        return payload


@dataclass(frozen=True, slots=True)
class SelectOption:
    value: str  # the topic id
    label: str
    description: str | None = None
    emoji: Emoji | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"label": self.label, "value": self.value}
        if self.description is not None:
            payload["description"] = self.description
        if self.emoji is not None:
            payload["emoji"] = self.emoji.to_payload()
        return payload


@dataclass(frozen=True, slots=True)
class SelectMenu:
    custom_id: str
    options: tuple[SelectOption, ...]
    placeholder: str | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "type": 3,
            "custom_id": self.custom_id,
            "options": [o.to_payload() for o in self.options],
            "min_values": 1,
            "max_values": 1,
        }
        if self.placeholder is not None:
            payload["placeholder"] = self.placeholder
        return payload


@dataclass(frozen=True, slots=True)
class Embed:
    title: str
    description: str
    colour: int | None = None
    image_url: str | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"title": self.title, "description": self.description}
        if self.colour is not None:
            payload["color"] = self.colour
        if self.image_url is not None:
            payload["image"] = {"url": self.image_url}
        return payload


@dataclass(frozen=True, slots=True)
class Truncation:
    """A text (or list) longer than Discord allows, cut to ``limit`` while rendering."""

    field: Field
    length: int
    limit: int
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class PanelMessage:
    """A rendered panel: an embed plus either button rows or one select menu."""

    embed: Embed
    rows: tuple[tuple[Button, ...], ...] = ()
    select: SelectMenu | None = None
    locale: str = ""
    truncations: tuple[Truncation, ...] = ()
    # sha256 of the canonical payload plus RENDER_FORMAT; set once, as the planner and the
    # renderers all read it. Only what Discord shows counts, not the locale or the notes.
    content_hash: str = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        digest = canonical_hash({"format": RENDER_FORMAT, "payload": self.to_discord_payload()})
        object.__setattr__(self, "content_hash", digest)

    @property
    def custom_ids(self) -> frozenset[str]:
        """What identifies this panel's components in Discord, whatever their labels say."""
        ids = {b.custom_id for b in self.buttons}
        if self.select is not None:
            ids.add(self.select.custom_id)
        return frozenset(ids)

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(b for row in self.rows for b in row)

    def to_json(self) -> str:
        """The payload as compact JSON, as stored beside the record for later diffs."""
        return json.dumps(self.to_discord_payload(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_discord_payload(cls, payload: dict[str, Any]) -> PanelMessage:
        """Read back what :meth:`to_discord_payload` produced (e.g. a stored panel)."""
        embed = payload["embeds"][0]
        rows: list[tuple[Button, ...]] = []
        select = None
        for row in payload.get("components", ()):
            items = row.get("components", ())
            if items and items[0].get("type") == 3:
                menu = items[0]
                select = SelectMenu(
                    custom_id=menu["custom_id"],
                    placeholder=menu.get("placeholder"),
                    options=tuple(
                        SelectOption(
                            value=o["value"],
                            label=o["label"],
                            description=o.get("description"),
                            emoji=_emoji_from(o.get("emoji")),
                        )
                        for o in menu.get("options", ())
                    ),
                )
                continue
            rows.append(
                tuple(
                    Button(
                        topic=_topic_of(b["custom_id"]),
                        custom_id=b["custom_id"],
                        label=b["label"],
                        emoji=_emoji_from(b.get("emoji")),
                        style=ButtonStyle(b.get("style", ButtonStyle.PRIMARY)),
                    )
                    for b in items
                )
            )
        return cls(
            embed=Embed(
                title=embed["title"],
                description=embed["description"],
                colour=embed.get("color"),
                image_url=(embed.get("image") or {}).get("url"),
            ),
            rows=tuple(rows),
            select=select,
        )

    def to_discord_payload(self) -> dict[str, Any]:
        """The JSON body of a message create or edit (an edit with ``[]`` clears components)."""
        components: list[dict[str, Any]] = [
            {"type": 1, "components": [b.to_payload() for b in row]} for row in self.rows
        ]
        if self.select is not None:
            components.append({"type": 1, "components": [self.select.to_payload()]})
        return {"embeds": [self.embed.to_payload()], "components": components}


def _emoji_from(data: dict[str, Any] | None) -> Emoji | None:
    if not data:
        return None
    emoji_id = data.get("id")
    return Emoji(data["name"], int(emoji_id) if emoji_id else None, bool(data.get("animated")))


def _topic_of(custom_id: str) -> str:
    decoded = decode(custom_id)
    return decoded.parts[-1] if decoded is not None and decoded.parts else custom_id


def canonical_hash(value: Any) -> str:
    """sha256 of a canonical JSON encoding: sorted keys, no spaces, ASCII only.

    Only dicts, lists, strings, ints, bools and None go in, so the text (and the hash) does
    not depend on the Python version or on dict insertion order.
    """
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class _Limiter:
    """Cuts texts to Discord's limits and remembers what it cut."""

    def __init__(self) -> None:
        self.truncations: list[Truncation] = []

    def fit(self, text: str, limit: int, field: Field, topic: str | None = None) -> str:
        if len(text) <= limit:
            return text
        self.truncations.append(Truncation(field, len(text), limit, topic))
        return text[: limit - len(ELLIPSIS)] + ELLIPSIS

    def take(self, items: tuple[_T, ...], limit: int, field: Field) -> tuple[_T, ...]:
        if len(items) <= limit:
            return items
        self.truncations.append(Truncation(field, len(items), limit))
        return items[:limit]


def render_panel(server: ServerSpec, panel: PanelSpec, translate: Translate) -> PanelMessage:
    """Render ``panel`` of ``server`` in the server's default locale."""
    locale = server.locale

    def text(msg_id: str) -> str:
        return translate(msg_id, locale, server=server.name, server_locale=locale)

    limiter = _Limiter()
    embed = Embed(
        title=limiter.fit(text(panel.title), MAX_TITLE, Field.EMBED_TITLE),
        description=limiter.fit(text(panel.text), MAX_DESCRIPTION, Field.EMBED_DESCRIPTION),
        colour=panel.color,
        image_url=panel.image,
    )
    topics = server.panel_topics(panel)
    if panel.kind is PanelKind.SELECT:
        topics = limiter.take(topics, MAX_OPTIONS, Field.OPTIONS)
        select = _render_select(panel, topics, text, limiter) if topics else None
        return PanelMessage(embed, (), select, locale, tuple(limiter.truncations))
    topics = limiter.take(topics, MAX_BUTTONS, Field.BUTTONS)
    buttons = [_render_button(panel, t, text, limiter) for t in topics]
    rows = tuple(
        tuple(buttons[i : i + BUTTONS_PER_ROW]) for i in range(0, len(buttons), BUTTONS_PER_ROW)
    )
    return PanelMessage(embed, rows, None, locale, tuple(limiter.truncations))


def _render_button(
    panel: PanelSpec, topic: TopicSpec, text: Callable[[str], str], limiter: _Limiter
) -> Button:
    return Button(
        topic=topic.id,
        custom_id=encode(Action.OPEN, panel.system, topic.id),
        label=limiter.fit(text(topic.label), MAX_BUTTON_LABEL, Field.BUTTON_LABEL, topic.id),
        emoji=Emoji.parse(topic.emoji) if topic.emoji else None,
        style=ButtonStyle[topic.button_style.name],  # same names as Discord's styles
    )


def _render_select(
    panel: PanelSpec,
    topics: tuple[TopicSpec, ...],
    text: Callable[[str], str],
    limiter: _Limiter,
) -> SelectMenu:
    options = tuple(
        SelectOption(
            value=t.id,
            label=limiter.fit(text(t.label), MAX_OPTION_TEXT, Field.OPTION_LABEL, t.id),
            description=(
                limiter.fit(text(t.description), MAX_OPTION_TEXT, Field.OPTION_DESCRIPTION, t.id)
                if t.description
                else None
            ),
            emoji=Emoji.parse(t.emoji) if t.emoji else None,
        )
        for t in topics
    )
    placeholder = (
        limiter.fit(text(panel.placeholder), MAX_PLACEHOLDER, Field.PLACEHOLDER)
        if panel.placeholder
        else None
    )
    return SelectMenu(encode(Action.PICK, panel.system), options, placeholder)
