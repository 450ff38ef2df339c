"""Claiming a ticket and giving it back, for :class:`bot.services.staff.StaffService`: the
status moves, the claimer alone (with the opener) sees a claimed ticket when the system hides
it, and the handlers are let back in on unclaim."""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec, Style, SystemSpec
from bot.domain import access
from bot.domain import staff_messages as sm
from bot.domain.access import Actor, OverwriteSpec, TargetType
from bot.domain.log_lines import LogKind
from bot.domain.tickets import (
    Ticket,
    TicketError,
    TicketStatus,
)
from bot.i18n.ids import message_id
from bot.services.port import PortError
from bot.services.staff_core import StaffCore, Stop, log_port_error, log_ticket
from bot.services.tickets import Done, Refused

# Statuses a claim moves to in_progress, and the one an unclaim moves back from.
_CLAIM_MOVES = frozenset({TicketStatus.OPEN, TicketStatus.ON_HOLD})


class StaffClaims(StaffCore):
    # --- claim -----------------------------------------------------------------------

    async def claim(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        """Take the ticket: it shows who handles it and moves to in_progress; with
        ``claim_hides`` only the claimer (and administrators) still see it."""
        try:
            ticket, system = await self._load_for_staff(server, ticket_id, actor, locale)
            ticket = await self._apply(
                locale, server, self._tickets.claim(ticket.id, actor.user_id)
            )
        except Stop as stop:
            return stop.refused
        if ticket.status in _CLAIM_MOVES:
            ticket = await self._move(ticket, TicketStatus.IN_PROGRESS, actor.user_id)
        complete = True
        if system.claim_hides:
            complete = await self._hide_for_claimer(server, system, ticket, actor.user_id)
        complete = await self._refresh_card(server, system, ticket) and complete
        if ticket.channel_id is not None:
            notice = sm.claimed_notice(self._translate, server, ticket, actor.user_id)
            complete = await self._send(ticket, notice) and complete
        await self._log(server, LogKind.CLAIMED, ticket, actor.user_id)
        log_ticket(logging.INFO, "ticket.claimed", ticket, actor_id=actor.user_id)
        return self._done(locale, server, ticket, complete, message_id("staff-claimed-reply"))

    async def unclaim(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        """Release the ticket: back to open, and handler roles see it again."""
        try:
            ticket, system = await self._load_for_staff(server, ticket_id, actor, locale)
            previous = ticket.claimed_by
            ticket = await self._apply(
                locale, server, self._tickets.unclaim(ticket.id, actor.user_id)
            )
        except Stop as stop:
            return stop.refused
        if ticket.status is TicketStatus.IN_PROGRESS:
            ticket = await self._move(ticket, TicketStatus.OPEN, actor.user_id)
        complete = True
        if system.claim_hides and previous is not None:
            complete = await self._restore_handlers(server, system, ticket, previous)
        complete = await self._refresh_card(server, system, ticket) and complete
        await self._log(server, LogKind.UNCLAIMED, ticket, actor.user_id)
        log_ticket(logging.INFO, "ticket.unclaimed", ticket, actor_id=actor.user_id)
        return self._done(locale, server, ticket, complete, message_id("staff-unclaimed-reply"))

    async def _move(self, ticket: Ticket, status: TicketStatus, actor_id: int) -> Ticket:
        """A status change that follows a claim/unclaim; a concurrent change wins quietly."""
        try:
            return await self._tickets.set_status(ticket.id, status, actor_id)
        except TicketError:
            return ticket

    async def _hide_for_claimer(
        self, server: ServerSpec, system: SystemSpec, ticket: Ticket, claimer: int
    ) -> bool:
        """Only the claimer (and administrators) keep seeing the ticket.

        Channel: handler-role overwrites give way to one member overwrite for the claimer
        (set first, so they never lose sight of it). Thread: a private thread is seen by its
        members (and by whoever holds Manage Threads or Administrator), so every member but
        the claimer, the opener, the members added to the ticket and the bot is removed.
        Listing thread members needs the Server Members intent enabled for the application
        (Discord's rule for that endpoint); without it the claim stands and staff hear
        that the channel could not be updated.
        """
        if ticket.channel_id is None:
            return True
        try:
            if ticket.style is Style.THREAD:
                await self._port.add_thread_member(ticket.channel_id, claimer)
                keep = await self._keepers(ticket) | {claimer}
                for user_id in await self._port.list_thread_members(ticket.channel_id):
                    if user_id not in keep:
                        await self._port.remove_thread_member(ticket.channel_id, user_id)
                return True
            # One change (the claimer's overwrite listed first: set first when done one by
            # one, so they never lose sight of the ticket).
            claimer_in = OverwriteSpec(claimer, TargetType.MEMBER, access.HANDLER_ALLOW, 0)
            await self._port.change_overwrites(
                ticket.channel_id, [claimer_in], list(server.handler_roles(system))
            )
        except PortError as error:
            log_port_error("ticket.claim_hide_failed", error, ticket)
            return False
        return True

    async def _keepers(self, ticket: Ticket) -> set[int]:
        """Who stays in a thread ticket whoever claims it: the bot, the opener, added members."""
        members = {m.user_id for m in await self._tickets.list_members(ticket.id)}
        return members | {self._port.bot_user_id, ticket.opener_id}

    async def _restore_handlers(
        self, server: ServerSpec, system: SystemSpec, ticket: Ticket, claimer: int
    ) -> bool:
        """Undo :meth:`_hide_for_claimer`.

        Channel: roles back first, then the claimer's overwrite goes (or becomes a plain
        member's, if they are the opener or an added member). Thread: the Join notice again
        where handlers look, and a silent message mentioning the handler roles (which brings
        them back where Discord honours a bot's role mention); the claimer stays a member.
        """
        if ticket.channel_id is None:
            return True
        if ticket.style is Style.THREAD:
            if self._join_notice is not None:
                await self._join_notice(server, ticket, released=True)
            notice = sm.handlers_back_notice(self._translate, server, system, ticket)
            return notice is None or await self._send(ticket, notice)
        members = {m.user_id for m in await self._tickets.list_members(ticket.id)}
        put = [
            OverwriteSpec(role_id, TargetType.ROLE, access.HANDLER_ALLOW, 0)
            for role_id in server.handler_roles(system)
        ]
        remove = []
        if claimer == ticket.opener_id or claimer in members:
            put.append(
                access.open_member_overwrite(claimer)
                if ticket.status is not TicketStatus.CLOSED
                else access.closed_member_overwrite(claimer)
            )
        else:
            remove.append(claimer)
        try:
            await self._port.change_overwrites(ticket.channel_id, put, remove)
        except PortError as error:
            log_port_error("ticket.claim_restore_failed", error, ticket)
            return False
        return True
