"""Handlers into private thread tickets: the Join notice, and the Join click.

See :mod:`bot.domain.handler_notice` for why a notice: Discord is not known to add a role's
members to a private thread when a bot mentions the role. The notice is posted when a thread
ticket opens (and again when a ``claim_hides`` claim ends); a click adds the clicker through
``PUT /channels/{thread}/thread-members/{user}``, for staff of the system only, while the
ticket is open and not hidden by someone else's claim. Posting is a side effect of the opening:
its failure is logged, never shown to the member.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.config.specs import ServerSpec, Style
from bot.domain import access
from bot.domain import staff_messages as sm
from bot.domain.access import Actor
from bot.domain.handler_notice import join_notice, notice_channel
from bot.domain.ticket_messages import Translate, channel_mention, user_mention
from bot.domain.tickets import CreationState, Ticket, TicketStatus
from bot.i18n.ids import MessageId, message_id
from bot.services.port import PortError, PortErrorKind, TicketPort
from bot.services.tickets import Done, Refused
from bot.storage import TicketRepository

log = logging.getLogger(__name__)

_FAILED: dict[PortErrorKind, MessageId] = {
    PortErrorKind.MISSING_PERMISSIONS: message_id("handler-join-bot-cannot"),
    PortErrorKind.MISSING_ACCESS: message_id("handler-join-cannot-see"),
}


class HandlerAccess:
    def __init__(self, tickets: TicketRepository, port: TicketPort, translate: Translate) -> None:
        self._tickets = tickets
        self._port = port
        self._translate = translate

    async def post_notice(
        self, server: ServerSpec, ticket: Ticket, *, released: bool = False
    ) -> bool:
        """Post the Join notice of a thread ticket where its handlers look; False when there is
        no such channel or Discord refused (logged)."""
        system = server.system(ticket.system_id)
        if system is None or ticket.channel_id is None:
            return False
        channel = notice_channel(server, system)
        if channel is None:
            return False
        try:
            notice = join_notice(self._translate, server, system, ticket, released=released)
            await self._port.send_message(channel, notice)
        except PortError as error:
            _log(logging.WARNING, "ticket.join_notice_failed", ticket, kind=error.kind.value)
            return False
        except Exception:  # a broken text must not break the opening it follows
            log.exception("ticket.join_notice_failed", extra={"ticket_id": ticket.id})
            return False
        return True

    async def join(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        """The Join button: add `actor` to the ticket's thread."""
        ticket = await self._tickets.get(ticket_id)
        system = server.system(ticket.system_id) if ticket is not None else None
        if ticket is None or ticket.guild_id != server.guild or system is None:
            return self._refused(locale, server, "not-found", message_id("tickets-unknown-ticket"))
        # Permission before anything else about the ticket: members learn nothing from it.
        if not access.is_staff(actor, server, system):
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        if ticket.is_deleted:
            return self._refused(locale, server, "deleted", message_id("tickets-deleted"))
        if ticket.creation is not CreationState.ACTIVE or ticket.channel_id is None:
            return self._refused(locale, server, "in-progress", message_id("tickets-in-progress"))
        if ticket.style is not Style.THREAD:
            here = channel_mention(ticket.channel_id)
            return self._refused(
                locale, server, "not-a-thread", message_id("handler-join-go"), channel=here
            )
        if ticket.status is TicketStatus.CLOSED:
            msg = message_id("handler-join-closed")
            return self._refused(locale, server, "closed", msg, number=ticket.number)
        claimer = ticket.claimed_by
        if system.claim_hides and claimer is not None and claimer != actor.user_id:
            return self._refused(
                locale,
                server,
                "claimed",
                message_id("handler-join-claimed"),
                number=ticket.number,
                staff=user_mention(claimer),
            )
        try:
            await self._port.add_thread_member(ticket.channel_id, actor.user_id)
        except PortError as error:
            _log(logging.WARNING, "ticket.join_failed", ticket, kind=error.kind.value)
            msg = _FAILED.get(error.kind, message_id("tickets-retry-later"))
            return self._refused(locale, server, error.kind.value, msg)
        _log(logging.INFO, "ticket.joined", ticket, actor_id=actor.user_id)
        reply = sm.reply(
            self._translate,
            locale,
            server,
            message_id("handler-join-done"),
            number=ticket.number,
            channel=channel_mention(ticket.channel_id),
        )
        return Done(ticket, reply)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> Refused:
        return Refused(sm.reply(self._translate, locale, server, msg_id, **args), reason)


def _log(level: int, event: str, ticket: Ticket, **ids: Any) -> None:
    log.log(
        level,
        event,
        extra={"event": event, "guild_id": ticket.guild_id, "ticket_id": ticket.id, **ids},
    )
