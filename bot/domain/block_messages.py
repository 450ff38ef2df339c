"""What blocks look like: the member's refusal, staff replies, the list, the info field and
the log line (pure; every word from Fluent, staff's reason escaped and cut)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.ticket_messages import Embed, EmbedField, OutgoingMessage, Translate
from bot.i18n.ids import MessageId, message_id

REASON_SHOWN = 300  # characters of a reason in a reply, the list or /ticket info


class BlockView(Protocol):
    """A block as the messages need it (storage's :class:`~bot.storage.Block` fits)."""

    @property
    def member_id(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def blocked_by(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def expires_at(self) -> datetime | None: ...


def when(at: datetime) -> str:
    """A Discord timestamp: the date and time in each viewer's language and zone, and how
    far away it is (``<t:…:f>`` and ``<t:…:R>``)."""
    seconds = int(at.timestamp())
    return f"<t:{seconds}:f> (<t:{seconds}:R>)"


def reason_text(reason: str) -> str:
    """Staff's words shown literally on one line: no markup, no mention syntax."""
    return tm.escape_markdown(tm.fit(" ".join(reason.split()), REASON_SHOWN))


def _args(block: BlockView) -> dict[str, str]:
    args = {
        "member": tm.user_mention(block.member_id),
        "staff": tm.user_mention(block.blocked_by),
        "reason": reason_text(block.reason),
        "since": f"<t:{int(block.created_at.timestamp())}:R>",
    }
    if block.expires_at is not None:
        args["until"] = when(block.expires_at)
    return args


def _pick(block: BlockView, endless: MessageId, until: MessageId) -> MessageId:
    return endless if block.expires_at is None else until


def member_refusal(
    translate: Translate, locale: str, server: ServerSpec, block: BlockView
) -> OutgoingMessage:
    """What a blocked member reads when they try to open a ticket, in their language."""
    msg_id = _pick(
        block, message_id("blocks-you-are-blocked"), message_id("blocks-you-are-blocked-until")
    )
    return tm.reply(translate, locale, server, msg_id, **_args(block))


def blocked_reply(
    translate: Translate, locale: str, server: ServerSpec, block: BlockView, *, again: bool
) -> OutgoingMessage:
    if block.expires_at is None:
        msg_id = (
            message_id("blocks-reblocked-reply") if again else message_id("blocks-blocked-reply")
        )
    else:
        msg_id = (
            message_id("blocks-reblocked-until-reply")
            if again
            else message_id("blocks-blocked-until-reply")
        )
    return tm.reply(translate, locale, server, msg_id, **_args(block))


def block_list(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    blocks: Sequence[BlockView],
    *,
    total: int,
) -> OutgoingMessage:
    """The ephemeral list: one line per block, newest first, and how many more there are."""
    title = translate("blocks-list-title", locale, server_locale=server.locale, count=total)
    if not blocks:
        text = translate("blocks-list-empty", locale, server_locale=server.locale)
        return OutgoingMessage(embeds=(Embed(title=title, description=text),), ephemeral=True)
    lines = []
    for block in blocks:
        msg_id = _pick(block, message_id("blocks-list-line"), message_id("blocks-list-line-until"))
        lines.append(translate(msg_id, locale, server_locale=server.locale, **_args(block)))
    more = total - len(blocks)
    footer = None
    if more > 0:
        footer = translate("blocks-list-more", locale, server_locale=server.locale, count=more)
    description = tm.fit("\n".join(lines), tm.MAX_DESCRIPTION)
    embed = Embed(title=title, description=description, footer=footer)
    return OutgoingMessage(embeds=(embed,), ephemeral=True)


def info_field(
    translate: Translate, locale: str, server: ServerSpec, block: BlockView
) -> EmbedField:
    """The line ``/ticket info`` adds when the ticket's opener is blocked."""
    msg_id = _pick(block, message_id("blocks-info-value"), message_id("blocks-info-value-until"))
    name = translate("blocks-info-field", locale, server_locale=server.locale)
    value = translate(msg_id, locale, server_locale=server.locale, **_args(block))
    return EmbedField(name, tm.fit(value, tm.MAX_FIELD_VALUE))


def log_line(
    translate: Translate, server: ServerSpec, block: BlockView, *, actor_id: int, lifted: bool
) -> OutgoingMessage:
    """One line in the log channel, in the server's locale, pinging nobody."""
    args = _args(block) | {"actor": tm.user_mention(actor_id)}
    if lifted:
        msg_id = message_id("blocks-log-unblocked")
    else:
        msg_id = _pick(
            block, message_id("blocks-log-blocked"), message_id("blocks-log-blocked-until")
        )
    text = translate(msg_id, server.locale, server_locale=server.locale, **args)
    return OutgoingMessage(content=tm.fit(text, tm.MAX_CONTENT))


def with_field(message: OutgoingMessage, field: EmbedField) -> OutgoingMessage:
    """``message`` with ``field`` second in its first embed (after the opener, where staff
    look first), within Discord's 25 fields and 6000 characters: the last field gives way."""
    embed = message.embeds[0]
    fields = [*embed.fields[:1], field, *embed.fields[1:]][: tm.MAX_FIELDS]
    grown = replace(embed, fields=tuple(fields))
    excess = grown.total_length - tm.MAX_EMBED_TOTAL
    if excess > 0:
        last = fields[-1]
        fields[-1] = replace(last, value=tm.fit(last.value, max(1, len(last.value) - excess)))
        grown = replace(embed, fields=tuple(fields))
    return replace(message, embeds=(grown, *message.embeds[1:]))
