"""What auto-close posts in a ticket (pure): the warning, its outcome, the close reason.

Texts speak the opener's language (stored on the ticket). The close time is a Discord
timestamp (``<t:…:R>``), which each reader's client shows in their own language and zone.
"""

from __future__ import annotations

from datetime import datetime

from bot.config.specs import AutoCloseSpec, ServerSpec
from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_messages import (
    MAX_BUTTON_LABEL,
    MAX_CONTENT,
    AllowedMentions,
    Button,
    ButtonStyle,
    OutgoingMessage,
    Translate,
    fit,
    user_mention,
)
from bot.domain.tickets import Ticket


def timestamp(at: datetime, style: str = "R") -> str:
    """Discord's ``<t:unix:style>`` markup (R: relative, f: date and time)."""
    return f"<t:{int(at.timestamp())}:{style}>"


def keep_open_id(ticket_id: int) -> str:
    return encode(Action.KEEP_OPEN, ticket_id)


def warning(
    translate: Translate,
    server: ServerSpec,
    ticket: Ticket,
    spec: AutoCloseSpec,
    closes_at: datetime,
) -> OutgoingMessage:
    """``closes_at``: when it closes unless someone answers. Pings the opener only."""
    locale = ticket.locale
    text = translate(
        "autoclose-warning",
        locale,
        server_locale=server.locale,
        member=user_mention(ticket.opener_id),
        when=timestamp(closes_at),
        at=timestamp(closes_at, "f"),
        who="anyone" if spec.anyone_counts else "member",
    )
    label = translate("autoclose-keep-button", locale, server_locale=server.locale)
    button = Button(
        keep_open_id(ticket.id), fit(label, MAX_BUTTON_LABEL), ButtonStyle.SECONDARY, "⏳"
    )
    return OutgoingMessage(
        content=fit(text, MAX_CONTENT),
        rows=((button,),),
        allowed_mentions=AllowedMentions(users=(ticket.opener_id,)),
    )


def cancelled(translate: Translate, server: ServerSpec, ticket: Ticket, by: int) -> OutgoingMessage:
    """The warning, edited once someone answered (its button gone)."""
    text = translate(
        "autoclose-cancelled", ticket.locale, server_locale=server.locale, member=user_mention(by)
    )
    return OutgoingMessage(content=fit(text, MAX_CONTENT))


def close_reason(translate: Translate, server: ServerSpec, ticket: Ticket) -> str:
    """The reason stored with the close (shown in the ticket, the log and the transcript)."""
    return translate("autoclose-reason", ticket.locale, server_locale=server.locale)
