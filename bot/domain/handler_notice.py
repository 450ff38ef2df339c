"""How handlers reach a private thread ticket: a notice with a **Join** button where they can
see it, the system's reception channel (else the server's log channel).

A private thread shows only to its members. A user mention adds that user, but whether a role
mention adds the role's members when a *bot* sends it is undocumented, and field reports say it
does not: the first message keeps its handler mention (clients that honour it add them, and no
request per handler is spent), while the notice works everywhere. Its button asks the bot to add
the clicker through the thread-members endpoint, after checking they handle the system. The
notice pings the handler roles when the system has ``mention_handlers`` (the only place they can
see a ping), names them otherwise; the thread's own mention is then silent.
"""

from __future__ import annotations

from bot.config.specs import ServerSpec, Style, SystemSpec
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_messages import (
    AllowedMentions,
    Button,
    ButtonStyle,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import Ticket


def notice_channel(server: ServerSpec, system: SystemSpec) -> int | None:
    """Where a thread ticket's Join notice goes: None for channel tickets, or with nowhere."""
    if system.style is not Style.THREAD:
        return None
    return system.reception if system.reception is not None else server.log_channel


def join_notice(
    translate: Translate,
    server: ServerSpec,
    system: SystemSpec,
    ticket: Ticket,
    *,
    released: bool = False,
) -> OutgoingMessage:
    """The notice (server's locale): which ticket, for whom, the handler roles, Join.
    ``released``: posted again when a ``claim_hides`` claim ends (the others were taken out)."""

    def t(msg_id: str, **args: object) -> str:
        return translate(msg_id, server.locale, server_locale=server.locale, **args)

    roles = server.handler_roles(system)
    topic = system.topic(ticket.topic_id)
    label = (
        translate(topic.label, server.locale, server=server.name, server_locale=server.locale)
        if topic is not None
        else ticket.topic_id
    )
    text = t(
        "handler-join-notice-released" if released else "handler-join-notice",
        number=ticket.number,
        topic=label,
        member=tm.user_mention(ticket.opener_id),
        channel=tm.channel_mention(ticket.channel_id or 0),
        handlers=" ".join(tm.role_mention(r) for r in roles),
        count=len(roles),
    )
    button = Button(
        encode(Action.JOIN, ticket.id),
        tm.fit(t("handler-join-button"), tm.MAX_BUTTON_LABEL),
        ButtonStyle.PRIMARY,
        "🚪",
    )
    pinged = roles if system.mention_handlers and not released else ()
    return OutgoingMessage(
        content=tm.fit(text, tm.MAX_CONTENT),
        rows=((button,),),
        allowed_mentions=AllowedMentions(roles=tuple(pinged)),
    )
