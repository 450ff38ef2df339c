"""What a close request posts in a ticket (pure): the prompt for the opener and its outcomes.

The prompt speaks the opener's language and pings only them; the delay is a Discord
timestamp, shown in each reader's language and time zone.
"""

from __future__ import annotations

from datetime import datetime

from bot.config.specs import ServerSpec
from bot.domain.autoclose_messages import timestamp
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

_DANGER, _PLAIN = ButtonStyle.DANGER, ButtonStyle.SECONDARY

__all__ = ["accepted_reason", "expired_reason", "outcome", "prompt", "timestamp"]


def prompt(
    translate: Translate,
    server: ServerSpec,
    ticket: Ticket,
    *,
    staff: int,
    reason: str | None,
    closes_at: datetime,
) -> OutgoingMessage:
    locale, more = ticket.locale, {"server_locale": server.locale}
    text = translate(
        "close-request-prompt-reason" if reason else "close-request-prompt",
        locale,
        staff=user_mention(staff),
        member=user_mention(ticket.opener_id),
        when=timestamp(closes_at),
        **({"reason": reason} if reason else {}),
        **more,
    )
    accept = translate("close-request-accept-button", locale, **more)
    keep = translate("close-request-keep-button", locale, **more)
    row = (
        Button(
            encode(Action.CLOSE_ACCEPT, ticket.id),
            fit(accept, MAX_BUTTON_LABEL),
            ButtonStyle.DANGER,
            "🔒",
        ),
        Button(
            encode(Action.CLOSE_REFUSE, ticket.id),
            fit(keep, MAX_BUTTON_LABEL),
            ButtonStyle.SECONDARY,
            "🔓",
        ),
    )
    return OutgoingMessage(
        content=fit(text, MAX_CONTENT),
        rows=(row,),
        allowed_mentions=AllowedMentions(users=(ticket.opener_id,)),
    )


def outcome(
    translate: Translate, server: ServerSpec, ticket: Ticket, msg_id: str, by: int | None
) -> OutgoingMessage:
    """The prompt once answered or expired: its buttons gone."""
    args = {"member": user_mention(by)} if by is not None else {}
    text = translate(msg_id, ticket.locale, server_locale=server.locale, **args)
    return OutgoingMessage(content=fit(text, MAX_CONTENT))


def accepted_reason(translate: Translate, server: ServerSpec, ticket: Ticket) -> str:
    return translate("close-request-accepted-reason", ticket.locale, server_locale=server.locale)


def expired_reason(translate: Translate, server: ServerSpec, ticket: Ticket) -> str:
    return translate("close-request-expired-reason", ticket.locale, server_locale=server.locale)
