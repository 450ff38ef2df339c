"""What the bot says about tickets, as plain typed messages: no discord.py, no I/O.

Every word comes through ``translate`` (``bot.i18n.Catalog.translate``'s signature) with ids
from ``locales/<locale>/tickets.ftl``; the server's own texts (welcome, question labels) use
``server=``. Texts a member typed (reason, answers) are escaped and quoted so they cannot
break the layout, and :class:`AllowedMentions` lists exactly who may be pinged, so a member
writing ``@everyone`` or ``<@&role>`` in an answer pings nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from bot.config.specs import ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import Ticket

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


# --- the ticket's own messages (in the opener's locale) -----------------------------------


class _Texts:
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
    return _Texts(translate, locale, server).own(topic.label)


def first_message(
    translate: Translate,
    server: ServerSpec,
    system: SystemSpec,
    topic: TopicSpec,
    ticket: Ticket,
) -> OutgoingMessage:
    """The ticket's first message: welcome, reason, answers, who opened it, Close/Claim.

    Thread tickets always mention the handler roles: where Discord honours a bot's role
    mention in a private thread, that adds their members (one message instead of one request
    per member). It pings only with ``mention_handlers`` and no Join notice to ping in instead
    (see ``bot.domain.handler_notice``); otherwise it is sent silently (no push notification).
    """
    t = _Texts(translate, ticket.locale, server)
    handlers = server.handler_roles(system)
    mention_roles = handlers if (system.mention_handlers or ticket.style is Style.THREAD) else ()
    # handler_notice.notice_channel (not imported: that module builds on this one).
    has_join_notice = ticket.style is Style.THREAD and (
        system.reception is not None or server.log_channel is not None
    )
    opener = user_mention(ticket.opener_id)
    if mention_roles:
        content = t.translate(
            "tickets-welcome-content-handlers",
            opener=opener,
            handlers=" ".join(role_mention(r) for r in mention_roles),
        )
    else:
        content = t.translate("tickets-welcome-content", opener=opener)

    intro = t.own(topic.welcome) if topic.welcome else t.translate("tickets-welcome-default")
    if ticket.opened_by_id is not None and ticket.opened_by_id != ticket.opener_id:
        intro += "\n\n" + t.translate(
            "tickets-welcome-opened-for-you", staff=user_mention(ticket.opened_by_id)
        )
    title = t.translate("tickets-welcome-title", number=ticket.number, topic=t.own(topic.label))

    named: list[tuple[str, str]] = []  # (field name, user text)
    if ticket.reason:
        named.append((t.translate("tickets-field-reason"), ticket.reason))
    answers = dict(ticket.answers)
    for question in topic.questions:
        answer = answers.pop(question.id, "")
        if answer.strip():
            named.append((t.own(question.label), answer))
    # Answers to questions removed from the configuration since: still shown, under their id.
    named += [(qid, a) for qid, a in answers.items() if a.strip()]

    fixed = [EmbedField(t.translate("tickets-field-opened-by"), opener, inline=True)]
    embed = _embed_with_answers(
        title=fit(title, MAX_TITLE),
        description=fit(intro, MAX_DESCRIPTION),
        fixed=fixed,
        answers=named,
        colour=COLOUR_OPEN,
    )
    buttons = (
        _button(
            t.translate("tickets-button-close"), Action.CLOSE, ticket, ButtonStyle.DANGER, "🔒"
        ),
        _button(
            t.translate("tickets-button-claim"), Action.CLAIM, ticket, ButtonStyle.SUCCESS, "🙋"
        ),
    )
    return OutgoingMessage(
        content=fit(content, MAX_CONTENT),
        embeds=(embed,),
        rows=(buttons,),
        allowed_mentions=AllowedMentions(users=(ticket.opener_id,), roles=tuple(mention_roles)),
        silent=bool(mention_roles) and (not system.mention_handlers or has_join_notice),
    )


def _label(text: str) -> str:
    return fit(text, MAX_BUTTON_LABEL)


def _button(
    label: str, action: Action, ticket: Ticket, style: ButtonStyle, emoji: str | None = None
) -> Button:
    return Button(encode(action, ticket.id), _label(label), style, emoji)


def _embed_with_answers(
    *,
    title: str,
    description: str,
    fixed: list[EmbedField],
    answers: Iterable[tuple[str, str]],
    colour: int,
) -> Embed:
    """Fixed fields first, then each answer quoted, sharing what is left of the 6000 budget."""
    pending = [(fit(name, MAX_FIELD_NAME), text) for name, text in answers]
    pending = pending[: MAX_FIELDS - len(fixed)]
    budget = MAX_EMBED_TOTAL - len(title) - len(description)
    budget -= sum(len(f.name) + len(f.value) for f in fixed)
    budget -= sum(len(name) for name, _ in pending)
    fields = list(fixed)
    for index, (name, text) in enumerate(pending):
        share = budget // (len(pending) - index)
        value = quote_user_text(text, min(MAX_FIELD_VALUE, max(share, 1)))
        budget -= len(value)
        fields.append(EmbedField(name, value))
    return Embed(title=title, description=description, fields=tuple(fields), colour=colour)


def closed_message(
    translate: Translate,
    server: ServerSpec,
    ticket: Ticket,
    *,
    closed_by: int,
    reason: str | None,
    reopenable: bool,
) -> OutgoingMessage:
    """Posted in the ticket when it is closed; Reopen/Delete buttons when it is kept."""
    t = _Texts(translate, ticket.locale, server)
    answers = [(t.translate("tickets-field-reason"), reason)] if reason and reason.strip() else []
    embed = _embed_with_answers(
        title=fit(t.translate("tickets-closed-title", number=ticket.number), MAX_TITLE),
        description=t.translate("tickets-closed-by", member=user_mention(closed_by)),
        fixed=[],
        answers=answers,
        colour=COLOUR_CLOSED,
    )
    rows: tuple[tuple[Button, ...], ...] = ()
    if reopenable:
        reopen = t.translate("tickets-button-reopen")
        delete = t.translate("tickets-button-delete")
        rows = (
            (
                _button(reopen, Action.REOPEN, ticket, ButtonStyle.SUCCESS, "🔓"),
                _button(delete, Action.DELETE, ticket, ButtonStyle.DANGER, "🗑️"),
            ),
        )
    return OutgoingMessage(embeds=(embed,), rows=rows)


def reopened_message(
    translate: Translate, server: ServerSpec, ticket: Ticket, *, reopened_by: int
) -> OutgoingMessage:
    t = _Texts(translate, ticket.locale, server)
    embed = Embed(
        title=fit(t.translate("tickets-reopened-title", number=ticket.number), MAX_TITLE),
        description=t.translate("tickets-reopened-by", member=user_mention(reopened_by)),
        colour=COLOUR_REOPENED,
    )
    close = _button(
        t.translate("tickets-button-close"), Action.CLOSE, ticket, ButtonStyle.DANGER, "🔒"
    )
    return OutgoingMessage(embeds=(embed,), rows=((close,),))


# --- ephemeral replies (in the acting member's locale) ------------------------------------


def reply(
    translate: Translate, locale: str, server: ServerSpec | None, msg_id: str, **args: Any
) -> OutgoingMessage:
    """A one-line ephemeral answer; ``msg_id`` is a bot message of tickets.ftl."""
    server_locale = server.locale if server is not None else None
    text = translate(msg_id, locale, server_locale=server_locale, **args)
    return OutgoingMessage(content=fit(text, MAX_CONTENT), ephemeral=True)


def close_prompt(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    system: SystemSpec,
    ticket: Ticket,
    *,
    reason: str | None = None,
    held: int | None = None,
) -> OutgoingMessage:
    """ "Close this ticket?" with Confirm, and "Close with a reason" (the only way when the
    system requires a reason and none was given).

    With a ``reason`` (``/ticket close reason:``) the prompt quotes it and its Confirm
    button carries ``held``, the id under which the reason waits for the click.
    """
    t = _Texts(translate, locale, server)
    with_reason = _button(
        t.translate("tickets-button-close-with-reason"),
        Action.CLOSE_MODAL,
        ticket,
        ButtonStyle.SECONDARY,
    )
    confirm_label = t.translate("tickets-button-close-confirm")
    if reason is not None and held is not None:
        text = t.translate("tickets-close-confirm-with-reason", number=ticket.number)
        quoted = quote_user_text(reason, MAX_CONTENT - len(text) - 1)
        confirm = Button(
            encode(Action.CLOSE_CONFIRM, ticket.id, held), _label(confirm_label), ButtonStyle.DANGER
        )
        return OutgoingMessage(
            content=f"{text}\n{quoted}", rows=((confirm, with_reason),), ephemeral=True
        )
    if system.require_reason:
        text = t.translate("tickets-close-confirm-reason", number=ticket.number)
        buttons: tuple[Button, ...] = (with_reason,)
    else:
        text = t.translate("tickets-close-confirm", number=ticket.number)
        confirm = _button(confirm_label, Action.CLOSE_CONFIRM, ticket, ButtonStyle.DANGER)
        buttons = (confirm, with_reason)
    return OutgoingMessage(content=text, rows=(buttons,), ephemeral=True)
