"""Message components and modals as the sandbox page shows them: buttons, select menus (string
selects with emoji and descriptions; user, role, mentionable and channel selects filled from
the guild the way the client fills them), text displays and containers, and a modal's inputs
with their limits. Pure: payload dicts in, frozen views out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from bot.transcripts.display import css_colour, safe_url

ACTION_ROW, BUTTON, STRING_SELECT, TEXT_INPUT = 1, 2, 3, 4
USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT = 5, 6, 7, 8
SECTION, TEXT_DISPLAY, SEPARATOR, CONTAINER, LABEL = 9, 10, 14, 17, 18
AUTO_SELECTS = frozenset({USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT})
SELECTS = AUTO_SELECTS | {STRING_SELECT}
BUTTON_STYLES = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium"}
TEXT_INPUT_MAX = 4000


def emoji_text(emoji: Mapping[str, Any] | None) -> str | None:
    """A unicode emoji as itself, a custom one as ``:name:`` (its image lives on Discord's CDN,
    which the sandbox does not reach)."""
    if not emoji:
        return None
    name = str(emoji.get("name") or "")
    if emoji.get("id"):
        return f":{name}:" if name else None
    return name or None


@dataclass(frozen=True, slots=True)
class OptionView:
    value: str
    label: str
    description: str | None = None
    emoji: str | None = None
    default: bool = False


@dataclass(frozen=True, slots=True)
class ButtonView:
    kind = "button"
    custom_id: str | None
    label: str
    style: str
    emoji: str | None = None
    url: str | None = None
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class SelectView:
    kind = "select"
    custom_id: str
    type: int
    placeholder: str
    options: tuple[OptionView, ...]
    min_values: int = 1
    max_values: int = 1
    disabled: bool = False

    @property
    def multiple(self) -> bool:
        return self.max_values > 1


@dataclass(frozen=True, slots=True)
class TextView:
    kind = "text"
    content: Markup


@dataclass(frozen=True, slots=True)
class SeparatorView:
    kind = "separator"
    divider: bool = True


@dataclass(frozen=True, slots=True)
class RowView:
    kind = "row"
    items: tuple[ButtonView | SelectView, ...]


@dataclass(frozen=True, slots=True)
class SectionView:
    kind = "section"
    texts: tuple[TextView, ...]
    accessory: ButtonView | None = None


@dataclass(frozen=True, slots=True)
class ContainerView:
    kind = "container"
    colour: str | None
    children: tuple[Any, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class UnsupportedView:
    kind = "unsupported"
    type: int


@dataclass(frozen=True, slots=True)
class GuildChoices:
    """What auto-populated selects list: (id, name) pairs the viewer may pick from."""

    users: Sequence[tuple[int, str]] = ()
    roles: Sequence[tuple[int, str]] = ()
    channels: Sequence[tuple[int, str]] = ()

    def options(self, kind: int) -> tuple[OptionView, ...]:
        pairs: list[tuple[int, str]]
        if kind == USER_SELECT:
            pairs = [(i, "@" + n) for i, n in self.users]
        elif kind == ROLE_SELECT:
            pairs = [(i, "@" + n) for i, n in self.roles]
        elif kind == MENTIONABLE_SELECT:
            pairs = [(i, "@" + n) for i, n in (*self.users, *self.roles)]
        else:
            pairs = [(i, "#" + n) for i, n in self.channels]
        return tuple(OptionView(value=str(i), label=name) for i, name in pairs[:25])


class ComponentViews:
    """Builds component views; ``markdown`` renders text displays, ``choices`` fills the
    auto-populated selects, ``default_placeholder`` is the client's "Make a selection"."""

    def __init__(
        self,
        markdown: Callable[[str], Markup],
        choices: GuildChoices,
        default_placeholder: str,
    ) -> None:
        self.markdown = markdown
        self.choices = choices
        self.default_placeholder = default_placeholder

    def all(self, components: Sequence[Mapping[str, Any]]) -> tuple[Any, ...]:
        return tuple(self.one(c) for c in components)

    def one(self, data: Mapping[str, Any]) -> Any:
        kind = int(data.get("type") or 0)
        if kind == ACTION_ROW:
            items = [self.one(c) for c in data.get("components") or ()]
            return RowView(tuple(i for i in items if isinstance(i, ButtonView | SelectView)))
        if kind == BUTTON:
            return self.button(data)
        if kind in SELECTS:
            return self.select(data)
        if kind == TEXT_DISPLAY:
            return TextView(self.markdown(str(data.get("content") or "")))
        if kind == SEPARATOR:
            return SeparatorView(bool(data.get("divider", True)))
        if kind == SECTION:
            texts = tuple(
                TextView(self.markdown(str(c.get("content") or "")))
                for c in data.get("components") or ()
            )
            accessory = data.get("accessory") or {}
            button = self.button(accessory) if accessory.get("type") == BUTTON else None
            return SectionView(texts, button)
        if kind == CONTAINER:
            return ContainerView(
                css_colour(data.get("accent_color")), self.all(data.get("components") or ())
            )
        return UnsupportedView(kind)

    @staticmethod
    def button(data: Mapping[str, Any]) -> ButtonView:
        style = BUTTON_STYLES.get(int(data.get("style") or 2), "secondary")
        return ButtonView(
            custom_id=data.get("custom_id"),
            label=str(data.get("label") or ""),
            style=style,
            emoji=emoji_text(data.get("emoji")),
            url=safe_url(data.get("url")) if style == "link" else None,
            disabled=bool(data.get("disabled")),
        )

    def select(self, data: Mapping[str, Any]) -> SelectView:
        kind = int(data["type"])
        if kind == STRING_SELECT:
            options = tuple(
                OptionView(
                    value=str(o.get("value", "")),
                    label=str(o.get("label", "")),
                    description=o.get("description"),
                    emoji=emoji_text(o.get("emoji")),
                    default=bool(o.get("default")),
                )
                for o in data.get("options") or ()
            )
        else:
            options = self.choices.options(kind)
        return SelectView(
            custom_id=str(data.get("custom_id") or ""),
            type=kind,
            placeholder=str(data.get("placeholder") or self.default_placeholder),
            options=options,
            min_values=int(data.get("min_values", 1)),
            max_values=int(data.get("max_values", 1)),
            disabled=bool(data.get("disabled")),
        )


@dataclass(frozen=True, slots=True)
class ModalField:
    custom_id: str
    label: str
    kind: str  # "short" | "paragraph" | "select" | "text"
    description: str | None = None
    required: bool = True
    min_length: int = 0
    max_length: int = TEXT_INPUT_MAX
    placeholder: str | None = None
    value: str = ""
    select: SelectView | None = None
    text: Markup | None = None


@dataclass(frozen=True, slots=True)
class ModalView:
    key: str  # the interaction that opened it
    title: str
    fields: tuple[ModalField, ...]


def modal_view(key: str, data: Mapping[str, Any], views: ComponentViews) -> ModalView:
    """A modal's form as the client draws it: text inputs in action rows (the older shape) or
    in labels (with their description), selects in labels, and text displays."""
    fields: list[ModalField] = []
    for top in data.get("components") or ():
        kind = int(top.get("type") or 0)
        if kind == ACTION_ROW:
            fields.extend(
                _field(inner, str(inner.get("label") or ""), None, views)
                for inner in top.get("components") or ()
            )
        elif kind == LABEL and isinstance(top.get("component"), Mapping):
            fields.append(
                _field(top["component"], str(top.get("label") or ""), top.get("description"), views)
            )
        elif kind == TEXT_DISPLAY:
            text = views.markdown(str(top.get("content") or ""))
            fields.append(ModalField(custom_id="", label="", kind="text", text=text))
    return ModalView(key=key, title=str(data.get("title") or ""), fields=tuple(fields))


def _field(
    data: Mapping[str, Any], label: str, description: str | None, views: ComponentViews
) -> ModalField:
    kind = int(data.get("type") or 0)
    custom_id = str(data.get("custom_id") or "")
    if kind in SELECTS:
        select = views.select(data)
        return ModalField(
            custom_id=custom_id,
            label=label,
            kind="select",
            description=description,
            required=bool(data.get("required", True)),
            select=select,
        )
    return ModalField(
        custom_id=custom_id,
        label=label,
        kind="paragraph" if int(data.get("style") or 1) == 2 else "short",
        description=description,
        required=bool(data.get("required", True)),
        min_length=int(data.get("min_length") or 0),
        max_length=int(data.get("max_length") or TEXT_INPUT_MAX),
        placeholder=data.get("placeholder"),
        value=str(data.get("value") or ""),
    )
