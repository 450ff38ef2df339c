"""What the member's close summary and rating say, as plain typed messages (no I/O).

The summary speaks the opener's language (``ticket.locale``), log lines the server's, replies
and ``/ticket info`` the viewer's. Texts a person typed (the close reason, a comment) are
escaped and quoted (:func:`bot.domain.ticket_messages.quote_user_text`), and nothing here
pings anyone but the opener of a summary posted in their own ticket.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from bot.config.specs import ServerSpec
from bot.domain import block_messages
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, encode
from bot.domain.ratings import Delivery, Rating, SummaryRecord
from bot.domain.ticket_messages import (
    AllowedMentions,
    Button,
    ButtonStyle,
    Embed,
    EmbedField,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import Ticket
from bot.i18n import format_datetime
from bot.i18n.ids import MessageId, message_id

STARS = (1, 2, 3, 4, 5)
SUMMARY_COLOUR = 0x5865F2
STAR = "⭐"
MAX_REASON = 1024  # an embed field's value

_DELIVERY_LOG: dict[Delivery, MessageId] = {
    Delivery.DM: message_id("summary-log-dm"),
    Delivery.CHANNEL: message_id("summary-log-channel"),
    Delivery.NONE: message_id("summary-log-none"),
    Delivery.FAILED: message_id("summary-log-failed"),
}
_DELIVERY_INFO: dict[Delivery, MessageId] = {
    Delivery.DM: message_id("summary-info-dm"),
    Delivery.CHANNEL: message_id("summary-info-channel"),
    Delivery.NONE: message_id("summary-info-none"),
    Delivery.FAILED: message_id("summary-info-failed"),
}


def rate_id(ticket_id: int, stars: int) -> str:
    return encode(Action.RATE, ticket_id, stars)


def rate_modal_id(ticket_id: int, stars: int) -> str:
    return encode(Action.RATE_MODAL, ticket_id, stars)


def _t(translate: Translate, locale: str, server: ServerSpec, msg_id: str, **args: Any) -> str:
    return translate(msg_id, locale, server_locale=server.locale, **args)


def rating_row(
    translate: Translate, locale: str, server: ServerSpec, ticket_id: int
) -> tuple[Button, ...]:
    return tuple(
        Button(
            rate_id(ticket_id, stars),
            tm.fit(
                _t(translate, locale, server, "feedback-button", stars=stars), tm.MAX_BUTTON_LABEL
            ),
            ButtonStyle.SECONDARY,
            emoji=STAR,
        )
        for stars in STARS
    )


def summary(
    translate: Translate,
    server: ServerSpec,
    ticket: Ticket,
    *,
    server_name: str,
    transcript: bool,
    rating: bool,
    in_ticket: bool = False,
) -> OutgoingMessage:
    """The summary of a closed ticket, in the opener's language: the topic, the number, who
    closed it and why; the rating buttons when ``rating``. ``in_ticket``: posted in the kept
    ticket because the DM could not be sent (it then says so, pinging only the opener)."""
    locale = ticket.locale

    def t(msg_id: str, **args: Any) -> str:
        return _t(translate, locale, server, msg_id, **args)

    system = server.system(ticket.system_id)
    topic = system.topic(ticket.topic_id) if system is not None else None
    label = tm.topic_label(translate, server, topic, locale) if topic is not None else "—"
    closer = tm.user_mention(ticket.closed_by) if ticket.closed_by is not None else "—"
    reason = (
        tm.quote_user_text(ticket.close_reason, MAX_REASON)
        if ticket.close_reason
        else t("summary-no-reason")
    )
    fields = (
        EmbedField(t("summary-field-topic"), tm.fit(label, tm.MAX_FIELD_VALUE), inline=True),
        EmbedField(t("summary-field-closed-by"), closer, inline=True),
        EmbedField(t("summary-field-reason"), reason),
    )
    notes = [t("summary-transcript")] if transcript else []
    if rating:
        notes.append(t("summary-rate"))
    embed = Embed(
        title=tm.fit(t("summary-title", number=ticket.number, guild=server_name), tm.MAX_TITLE),
        description="\n".join(notes) or None,
        fields=fields,
        colour=SUMMARY_COLOUR,
    )
    content = None
    mentions = tm.NO_MENTIONS
    if in_ticket:
        content = tm.fit(
            t("summary-fallback", member=tm.user_mention(ticket.opener_id)), tm.MAX_CONTENT
        )
        mentions = AllowedMentions(users=(ticket.opener_id,))
    rows = (rating_row(translate, locale, server, ticket.id),) if rating else ()
    return OutgoingMessage(content=content, embeds=(embed,), rows=rows, allowed_mentions=mentions)


def delivery_log_line(
    translate: Translate, server: ServerSpec, ticket: Ticket, delivery: Delivery
) -> str:
    """How the opener was told, for the log channel (the server's language; pings nobody:
    the queue posts it without mentions)."""
    channel = tm.channel_mention(ticket.channel_id) if ticket.channel_id is not None else "—"
    text = _t(
        translate,
        server.locale,
        server,
        _DELIVERY_LOG[delivery],
        member=tm.user_mention(ticket.opener_id),
        number=ticket.number,
        channel=channel,
    )
    return tm.fit(text, tm.MAX_CONTENT)


def rating_log_line(
    translate: Translate, server: ServerSpec, ticket: Ticket, rating: Rating
) -> str:
    """The rating for the log channel; the comment escaped and quoted within 2,000 characters."""
    args: dict[str, Any] = {
        "number": ticket.number,
        "stars": rating.stars,
        "member": tm.user_mention(rating.member_id),
    }
    if not rating.comment:
        return tm.fit(_t(translate, server.locale, server, "feedback-log", **args), tm.MAX_CONTENT)
    bare = _t(translate, server.locale, server, "feedback-log-comment", comment="", **args)
    room = max(tm.MAX_CONTENT - len(bare), 10)
    comment = tm.quote_user_text(rating.comment, room)
    text = _t(translate, server.locale, server, "feedback-log-comment", comment=comment, **args)
    return tm.fit(text, tm.MAX_CONTENT)


def reply(
    translate: Translate, locale: str, server: ServerSpec | None, msg_id: str, **args: Any
) -> OutgoingMessage:
    """An ephemeral answer to a rating click or dialog, in the clicker's language."""
    return tm.reply(translate, locale, server, msg_id, **args)


def _when(value: datetime, locale: str, tz: tzinfo) -> str:
    return format_datetime(value, locale, format="long", tz=tz)


def info_fields(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    ticket: Ticket,
    *,
    left_at: datetime | None,
    told: SummaryRecord | None,
    rating: Rating | None,
    asks_rating: bool,
    tz: tzinfo,
) -> list[EmbedField]:
    """What ``/ticket info`` adds, in the viewer's language: that the opener left the server,
    how they were told of the close, and their rating (or that none came yet)."""
    fields = []
    if left_at is not None:
        value = _t(
            translate,
            locale,
            server,
            "member-left-info-value",
            member=tm.user_mention(ticket.opener_id),
            when=_when(left_at, locale, tz),
        )
        fields.append(EmbedField(_t(translate, locale, server, "member-left-info-field"), value))
    if told is not None:
        value = _t(
            translate,
            locale,
            server,
            _DELIVERY_INFO[told.delivery],
            when=_when(told.sent_at, locale, tz),
        )
        fields.append(EmbedField(_t(translate, locale, server, "summary-info-field"), value))
    if rating is not None:
        value = _t(
            translate,
            locale,
            server,
            "feedback-info-value",
            stars=rating.stars,
            when=_when(rating.created_at, locale, tz),
        )
        if rating.comment:
            room = tm.MAX_FIELD_VALUE - len(value) - 1
            value += "\n" + tm.quote_user_text(rating.comment, room)
        fields.append(EmbedField(_t(translate, locale, server, "feedback-info-field"), value))
    elif asks_rating and told is not None and told.delivery not in {Delivery.NONE, Delivery.FAILED}:
        none = _t(translate, locale, server, "feedback-info-none")
        fields.append(EmbedField(_t(translate, locale, server, "feedback-info-field"), none))
    return fields


def with_fields(message: OutgoingMessage, fields: list[EmbedField]) -> OutgoingMessage:
    """``message`` (the info embed) with ``fields`` after its opener, in order, within
    Discord's embed limits (see :func:`bot.domain.block_messages.with_field`)."""
    for field in reversed(fields):
        message = block_messages.with_field(message, field)
    return message
