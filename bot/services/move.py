"""``/ticket move topic:``: a ticket goes to another topic, or another system's topic.

What changes on Discord, and nothing more: the category (to the new system's first one with
room, when the ticket is not already in one of them) and the handler roles' overwrites (the
new system's given, the old one's taken). Every member overwrite stays as it is, so the
opener and the members added by hand keep the ticket (a peer lost them, Discord Tickets
#514). The first message is rebuilt for the new topic (its welcome and label), the channel
keeps its name (Discord allows two renames per 10 minutes: /ticket rename is there for that),
and a ticket cannot change style (a thread cannot become a channel) nor parent channel.
"""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain import access
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.log_lines import LogKind
from bot.domain.overflow import categories_to_try, ticket_categories
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import Ticket, TicketStatus
from bot.i18n.ids import MessageId, message_id
from bot.services.port import PortError, PortErrorKind, TicketPort
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused
from bot.storage import TicketRepository
from bot.storage.openers import change_topic

log = logging.getLogger(__name__)


class MoveService:
    def __init__(
        self, staff: StaffService, tickets: TicketRepository, port: TicketPort, translate: Translate
    ) -> None:
        self._staff = staff
        self._tickets = tickets
        self._port = port
        self._translate = translate

    async def move(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        system: SystemSpec,
        topic: TopicSpec,
        *,
        locale: str,
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, current = found
        label = tm.topic_label(self._translate, server, topic, locale)
        if not access.is_staff(actor, server, system):  # staff of both systems
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        if (system.id, topic.id) == (ticket.system_id, ticket.topic_id):
            text = message_id("move-unchanged")
            return self._refused(locale, server, "unchanged", text, topic=label)
        if ticket.status is TicketStatus.CLOSED:
            return self._refused(locale, server, "closed", message_id("tickets-already-closed"))
        if system.style is not current.style or (
            system.style is Style.THREAD and system.channel != current.channel
        ):
            return self._refused(locale, server, "style", message_id("move-other-style"))
        if system.id != current.id and ticket.channel_id is not None:
            try:
                await self._move_channel(server, current, system, ticket)
            except PortError as error:
                log.warning(
                    "ticket.move_failed",
                    extra={"guild_id": server.guild, "ticket_id": ticket.id, "kind": error.kind},
                )
                msg_id = (
                    message_id("tickets-category-full")
                    if error.kind is PortErrorKind.CATEGORY_FULL
                    else message_id("staff-channel-failed")
                )
                return self._refused(locale, server, error.kind.value, msg_id, number=ticket.number)
        ticket = await change_topic(self._tickets, ticket.id, system.id, topic.id, actor.user_id)
        complete = await self._staff.refresh_card(server, system, ticket)
        await self._staff.log_event(server, LogKind.MOVED, ticket, actor.user_id)
        log.info(
            "ticket.moved",
            extra={"guild_id": server.guild, "ticket_id": ticket.id, "system": system.id},
        )
        text = message_id("move-done" if complete else "staff-channel-not-updated")
        reply = tm.reply(self._translate, locale, server, text, topic=label, number=ticket.number)
        return Done(ticket, reply, complete)

    async def _move_channel(
        self, server: ServerSpec, current: SystemSpec, system: SystemSpec, ticket: Ticket
    ) -> None:
        """Category first (a full one refuses before anything changed), then handler roles:
        the new ones in before the old ones out, so the ticket is never unhandled."""
        assert ticket.channel_id is not None
        if ticket.style is Style.CHANNEL and ticket_categories(system):
            here = self._port.parent_of(server.guild, ticket.channel_id)
            if here not in ticket_categories(system):
                room = categories_to_try(system, lambda c: self._port.channels_in(server.guild, c))
                if not room:
                    raise PortError(PortErrorKind.CATEGORY_FULL)
                await self._port.move_channel(ticket.channel_id, room[0])
        if ticket.style is not Style.CHANNEL:
            return  # a thread's handlers come through its Join notice
        old, new = server.handler_roles(current), server.handler_roles(system)
        hidden = ticket.claimed_by is not None and system.claim_hides
        if not hidden:
            for role_id in new:
                if role_id not in old or current.claim_hides:
                    await self._port.set_role_overwrite(
                        ticket.channel_id, int(role_id), access.HANDLER_ALLOW, 0
                    )
        for role_id in old:
            if role_id not in new or hidden:
                await self._port.delete_overwrite(ticket.channel_id, int(role_id))

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: object
    ) -> Refused:
        return Refused(tm.reply(self._translate, locale, server, msg_id, **args), reason)
