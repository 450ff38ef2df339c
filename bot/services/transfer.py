"""``/ticket transfer claim|opener member:``: hand a ticket's claim to another staff
member, or the ticket itself to another member.

A claim transfer is built from the staff service's own unclaim and claim, so it does
exactly what the two would (``claim_hides`` overwrites or thread members, the first
message, the claimed notice, the log lines) and nothing drifts from them: the claim is
released by the staff member who acts, then taken in the name of the one it goes to.

An opener transfer lets the new member in first (their overwrite, or the thread), then
stores the change: the previous opener stays in the ticket as an added member, so nobody
loses what they could read; staff remove them with ``/ticket remove`` if they should go.
"""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec, Style
from bot.domain import access
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import TicketError, TicketStatus
from bot.i18n.ids import message_id
from bot.services.port import PortError, TicketPort
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused
from bot.storage import TicketRepository
from bot.storage.openers import change_opener

log = logging.getLogger(__name__)


class TransferService:
    def __init__(
        self,
        staff: StaffService,
        tickets: TicketRepository,
        port: TicketPort,
        translate: Translate,
    ) -> None:
        self._staff = staff
        self._tickets = tickets
        self._port = port
        self._translate = translate

    async def transfer_claim(
        self, server: ServerSpec, ticket_id: int, actor: Actor, to: Actor, *, locale: str
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, system = found
        member = tm.user_mention(to.user_id)
        if not access.is_staff(to, server, system):
            text = message_id("transfer-not-staff")
            return self._refused(locale, server, "not-staff", text, member=member)
        if ticket.claimed_by == to.user_id:
            text = message_id("transfer-already-theirs")
            return self._refused(locale, server, "unchanged", text, member=member)
        if ticket.claimed_by is not None:
            released = await self._staff.unclaim(server, ticket.id, actor, locale=locale)
            if isinstance(released, Refused):
                return released
        taken = await self._staff.claim(server, ticket.id, to, locale=locale)
        if isinstance(taken, Refused):
            return taken
        log.info(
            "ticket.claim_transferred",
            extra={"guild_id": server.guild, "ticket_id": ticket.id, "to": to.user_id},
        )
        if not taken.complete:
            return taken  # "updated, but the channel could not be": the staff words for it
        text = message_id("transfer-claim-done")
        reply = tm.reply(self._translate, locale, server, text, member=member, number=ticket.number)
        return Done(taken.ticket, reply)

    async def transfer_opener(
        self, server: ServerSpec, ticket_id: int, actor: Actor, to: Actor, *, locale: str
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, system = found
        member = tm.user_mention(to.user_id)
        if to.user_id == self._port.bot_user_id:
            return self._refused(locale, server, "bot", message_id("transfer-opener-bot"))
        if ticket.status is TicketStatus.CLOSED:
            return self._refused(locale, server, "closed", message_id("tickets-already-closed"))
        if to.user_id == ticket.opener_id:
            text = message_id("transfer-opener-unchanged")
            return self._refused(locale, server, "unchanged", text, member=member)
        if ticket.channel_id is not None:
            try:  # Discord first: a refused overwrite stores nothing
                if ticket.style is Style.THREAD:
                    await self._port.add_thread_member(ticket.channel_id, to.user_id)
                else:
                    over = access.open_member_overwrite(to.user_id)
                    await self._port.set_member_overwrite(
                        ticket.channel_id, to.user_id, over.allow, over.deny
                    )
            except PortError as error:
                log.warning(
                    "ticket.opener_transfer_failed",
                    extra={"guild_id": server.guild, "ticket_id": ticket.id, "kind": error.kind},
                )
                text = message_id("staff-channel-failed")
                return self._refused(locale, server, error.kind.value, text, number=ticket.number)
        try:
            ticket = await change_opener(self._tickets, ticket.id, to.user_id, actor.user_id)
        except TicketError as error:  # a concurrent transfer to the same member
            text = message_id("transfer-opener-unchanged")
            return self._refused(locale, server, error.code.value, text, member=member)
        complete = await self._staff.refresh_card(server, system, ticket)
        await self._staff.log_event(server, LogKind.OPENER_CHANGED, ticket, actor.user_id)
        log.info(
            "ticket.opener_transferred",
            extra={"guild_id": server.guild, "ticket_id": ticket.id, "to": to.user_id},
        )
        text = message_id("transfer-opener-done" if complete else "staff-channel-not-updated")
        reply = tm.reply(self._translate, locale, server, text, member=member, number=ticket.number)
        return Done(ticket, reply, complete)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: str, **args: object
    ) -> Refused:
        return Refused(tm.reply(self._translate, locale, server, msg_id, **args), reason)
