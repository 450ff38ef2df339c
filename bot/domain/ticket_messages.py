"""What the bot says about tickets, as plain typed messages: no discord.py, no I/O.

Every word comes through ``translate`` (``bot.i18n.Catalog.translate``'s signature) with ids
from ``locales/<locale>/tickets.ftl``; the server's own texts (welcome, question labels) use
``server=``. Texts a member typed (reason, answers) are escaped and quoted so they cannot
break the layout, and :class:`AllowedMentions` lists exactly who may be pinged, so a member
writing ``@everyone`` or ``<@&role>`` in an answer pings nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from bot.config.specs import ServerSpec, TopicSpec

# ``translate(msg_id, locale, *, server=None, server_locale=None, **args) -> str``
Translate = Callable[..., str]

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_EMBED_TOTAL = 6000
MAX_BUTTON_LABEL = 80
ELLIPSIS = "…"

COLOUR_OPEN = 0x5865F2  # Discord blurple
COLOUR_CLOSED = 0x99AAB5  # grey
COLOUR_REOPENED = 0x57F287  # green

FLAG_EPHEMERAL = 1 << 6
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12  # "@silent": mentions still apply, no push


# --- message data --------------------------------------------------------------------------


class ButtonStyle(IntEnum):
    """Discord's button style numbers."""

    PRIMARY = 1
    SECONDARY = 2
    SUCCESS = 3
    DANGER = 4


@dataclass(frozen=True, slots=True)
class Button:
    custom_id: str  # from bot.domain.custom_ids
    label: str
    style: ButtonStyle = ButtonStyle.SECONDARY
    emoji: str | None = None  # unicode emoji or "<:name:id>"

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "type": 2,
            "style": int(self.style),
            "custom_id": self.custom_id,
            "label": self.label,
        }
        if self.emoji is not None:
            payload["emoji"] = {"name": self.emoji}
        return payload


@dataclass(frozen=True, slots=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Embed:
    title: str | None = None
    description: str | None = None
    fields: tuple[EmbedField, ...] = ()
    colour: int | None = None
    footer: str | None = None

    @property
    def total_length(self) -> int:
        """What Discord counts toward the 6000-character embed limit."""
        texts = [self.title or "", self.description or "", self.footer or ""]
        texts += [t for f in self.fields for t in (f.name, f.value)]
        return sum(len(t) for t in texts)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        if self.title is not None:
            payload["title"] = self.title
        if self.description is not None:
            payload["description"] = self.description
        if self.fields:
            payload["fields"] = [
                {"name": f.name, "value": f.value, "inline": f.inline} for f in self.fields
            ]
        if self.colour is not None:
            payload["color"] = self.colour
        if self.footer is not None:
            payload["footer"] = {"text": self.footer}
        return payload


@dataclass(frozen=True, slots=True)
class AllowedMentions:
    """Exactly who may be pinged; ``@everyone``/``@here`` never, replies never."""

    users: tuple[int, ...] = ()
    roles: tuple[int, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        return {
            "parse": [],
            "users": [str(u) for u in self.users],
            "roles": [str(r) for r in self.roles],
            "replied_user": False,
        }


NO_MENTIONS = AllowedMentions()


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message (or an interaction reply) ready for the discord layer to send."""

    content: str | None = None
    embeds: tuple[Embed, ...] = ()
    rows: tuple[tuple[Button, ...], ...] = ()  # action rows of buttons
    allowed_mentions: AllowedMentions = NO_MENTIONS
    ephemeral: bool = False  # interaction replies only
    silent: bool = False  # SUPPRESS_NOTIFICATIONS
    # Create Message's ``nonce`` with ``enforce_nonce``: the same nonce posted again within a
    # few minutes returns the first message instead of a second one (a retried log post).
    nonce: str | None = None

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(b for row in self.rows for b in row)

    def to_payload(self) -> dict[str, Any]:
        """The JSON body of a create-message / interaction-response call."""
        payload: dict[str, Any] = {
            "allowed_mentions": self.allowed_mentions.to_payload(),
            "embeds": [e.to_payload() for e in self.embeds],
            "components": [
                {"type": 1, "components": [b.to_payload() for b in row]} for row in self.rows
            ],
        }
        if self.content is not None:
            payload["content"] = self.content
        if self.nonce is not None:
            payload |= {"nonce": self.nonce, "enforce_nonce": True}
        flags = (FLAG_EPHEMERAL if self.ephemeral else 0) | (
            FLAG_SUPPRESS_NOTIFICATIONS if self.silent else 0
        )
        if flags:
            payload["flags"] = flags
        return payload


# --- user text -----------------------------------------------------------------------------

# Markdown Discord interprets, plus "<" (mention/emoji/timestamp syntax) and "@" (so
# "@everyone" shows as text even where a client would highlight it).
_MARKDOWN = re.compile(r"([\\*_~`|>#\-\[\]()<@:])")


def escape_markdown(text: str) -> str:
    """Make ``text`` display literally: every markdown character gets a backslash."""
    return _MARKDOWN.sub(r"\\\1", text)


def fit(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)] + ELLIPSIS


def quote_user_text(text: str, limit: int = MAX_FIELD_VALUE) -> str:
    """``text`` escaped and as a block quote, at most ``limit`` characters.

    When too long, the *raw* text is cut (the longest prefix that fits, found by bisection)
    and an ellipsis added, so a cut never leaves half an escape sequence.
    """
    raw = text.strip()

    def render(length: int) -> str:
        kept = raw[:length].rstrip()
        body = "\n".join("> " + escape_markdown(line) for line in kept.splitlines() or [""])
        return body if length >= len(raw) else body + ELLIPSIS

    whole = render(len(raw))
    if len(whole) <= limit:
        return whole
    low, high = 0, len(raw) - 1  # the answer is the longest prefix length that fits
    if len(render(low)) > limit:  # a limit too small for even the quote mark
        return render(low)[:limit]
    while low < high:
        middle = (low + high + 1) // 2
        if len(render(middle)) <= limit:
            low = middle
        else:
            high = middle - 1
    return render(low)


def user_mention(user_id: int) -> str:
    return f"<@{user_id}>"


def role_mention(role_id: int) -> str:
    return f"<@&{role_id}>"


def channel_mention(channel_id: int) -> str:
    return f"<#{channel_id}>"


def relative_time(at: datetime) -> str:
    """A Discord timestamp each client shows in its own language ("in 5 minutes")."""
    return f"<t:{int(at.timestamp())}:R>"


# --- the ticket's texts (its own messages: bot.domain.ticket_lifecycle) ------------------


class TicketTexts:
    """``translate`` bound to a locale and a server, for short call sites."""

    def __init__(self, translate: Translate, locale: str, server: ServerSpec) -> None:
        self._translate = translate
        self.locale = locale
        self.server = server

    def translate(self, msg_id: str, **args: Any) -> str:
        return self._translate(msg_id, self.locale, server_locale=self.server.locale, **args)

    def own(self, msg_id: str) -> str:
        """A server text (topic label, welcome, question label): its id is in the config."""
        return self._translate(
            msg_id, self.locale, server=self.server.name, server_locale=self.server.locale
        )


def topic_label(translate: Translate, server: ServerSpec, topic: TopicSpec, locale: str) -> str:
    return TicketTexts(translate, locale, server).own(topic.label)


# --- ephemeral replies (in the acting member's locale) ------------------------------------


def reply(
    translate: Translate, locale: str, server: ServerSpec | None, msg_id: str, **args: Any
) -> OutgoingMessage:
    """A one-line ephemeral answer; ``msg_id`` is a bot message of tickets.ftl."""
    server_locale = server.locale if server is not None else None
    text = translate(msg_id, locale, server_locale=server_locale, **args)
    return OutgoingMessage(content=fit(text, MAX_CONTENT), ephemeral=True)
