"""Staff tools on a ticket: claim, members, status, priority, notes, info, and the list.

Same shape as :class:`bot.services.tickets.TicketService`: the discord layer parses an
interaction, calls one method and sends back the reply it gets (:class:`Done`,
:class:`Shown` or :class:`Refused`); refusals and Discord failures never cross as
exceptions. Every method is staff only (:func:`bot.domain.access.is_staff`).

Storage is the truth and changes first where the change cannot fail on Discord's side
(claim, status, priority); where Discord must agree first (adding or removing a member),
the channel changes first and storage follows, so a refused overwrite stores nothing.
The ticket's first message shows its state and is edited in place after each change.

One class assembled from one module per concern: :mod:`bot.services.staff_core` (state,
results, shared helpers), :mod:`bot.services.staff_claims` (claim, unclaim) and this one
(members, status, priority, notes, info, the list).
"""

from __future__ import annotations

import logging
from typing import Any

from bot.config.specs import ServerSpec, Style, SystemSpec
from bot.domain import access
from bot.domain import block_messages as bm
from bot.domain import staff_messages as sm
from bot.domain import ticket_list as tl
from bot.domain.access import Actor
from bot.domain.log_lines import LogKind
from bot.domain.staff_messages import TicketDetails
from bot.domain.ticket_list import ListQuery
from bot.domain.ticket_messages import user_mention
from bot.domain.tickets import (
    Priority,
    Refusal,
    Ticket,
    TicketError,
    TicketStatus,
)
from bot.i18n.ids import message_id
from bot.services.port import PortError, PortErrorKind
from bot.services.staff_claims import StaffClaims
from bot.services.staff_core import InfoExtra, OpenerBlock, Shown, Stop, log_port_error, log_ticket
from bot.services.tickets import Done, Refused
from bot.storage import TicketFilter

__all__ = ["InfoExtra", "OpenerBlock", "Shown", "StaffService"]


class StaffService(StaffClaims):
    """Staff tools on a ticket (claims and the shared parts in their own modules)."""

    # --- people ----------------------------------------------------------------------

    async def add_member(
        self, server: ServerSpec, ticket_id: int, actor: Actor, user_id: int, *, locale: str
    ) -> Done | Refused:
        """Let ``user_id`` into the ticket: a member overwrite (channel) or thread membership."""
        member = user_mention(user_id)
        try:
            ticket, _ = await self._load_for_staff(server, ticket_id, actor, locale)
            if ticket.status is TicketStatus.CLOSED:
                raise self._refusal(locale, server, TicketError(Refusal.CLOSED))
            if user_id == self._port.bot_user_id:
                raise self._stop(locale, server, "bot", message_id("staff-cannot-add-bot"))
            members = {m.user_id for m in await self._tickets.list_members(ticket.id)}
            if user_id == ticket.opener_id or user_id in members:
                text = message_id("staff-member-already-in")
                raise self._stop(locale, server, "already-member", text, member=member)
        except Stop as stop:
            return stop.refused
        if ticket.channel_id is not None:
            try:
                if ticket.style is Style.THREAD:
                    await self._port.add_thread_member(ticket.channel_id, user_id)
                else:
                    over = access.open_member_overwrite(user_id)
                    await self._port.set_member_overwrite(
                        ticket.channel_id, user_id, over.allow, over.deny
                    )
            except PortError as error:
                log_port_error("ticket.add_member_failed", error, ticket)
                return self._channel_failed(locale, server, ticket, error)
        # False: someone added them at the same moment; the outcome is the same.
        await self._tickets.add_member(ticket.id, user_id, actor.user_id)
        await self._log(server, LogKind.MEMBER_ADDED, ticket, actor.user_id, member_id=user_id)
        log_ticket(
            logging.INFO, "ticket.member_added", ticket, actor_id=actor.user_id, user_id=user_id
        )
        text = message_id("staff-member-added-reply")
        reply = sm.reply(self._translate, locale, server, text, member=member, number=ticket.number)
        return Done(ticket, reply)

    async def remove_member(
        self, server: ServerSpec, ticket_id: int, actor: Actor, user_id: int, *, locale: str
    ) -> Done | Refused:
        """Take an added member out; the member the ticket is for can never be removed."""
        member = user_mention(user_id)
        try:
            ticket, _ = await self._load_for_staff(server, ticket_id, actor, locale)
            if user_id == ticket.opener_id:
                text = message_id("staff-cannot-remove-opener")
                raise self._stop(locale, server, "opener", text, member=member)
            members = {m.user_id for m in await self._tickets.list_members(ticket.id)}
            if user_id not in members:
                text = message_id("staff-member-not-in")
                raise self._stop(locale, server, "not-member", text, member=member)
        except Stop as stop:
            return stop.refused
        if ticket.channel_id is not None:
            try:
                if ticket.style is Style.THREAD:
                    await self._port.remove_thread_member(ticket.channel_id, user_id)
                else:
                    await self._port.delete_overwrite(ticket.channel_id, user_id)
            except PortError as error:
                # A member who left the guild is out of the thread already.
                if error.kind is not PortErrorKind.UNKNOWN_MEMBER:
                    log_port_error("ticket.remove_member_failed", error, ticket)
                    return self._channel_failed(locale, server, ticket, error)
        await self._tickets.remove_member(ticket.id, user_id, actor.user_id)
        await self._log(server, LogKind.MEMBER_REMOVED, ticket, actor.user_id, member_id=user_id)
        log_ticket(
            logging.INFO, "ticket.member_removed", ticket, actor_id=actor.user_id, user_id=user_id
        )
        text = message_id("staff-member-removed-reply")
        reply = sm.reply(self._translate, locale, server, text, member=member, number=ticket.number)
        return Done(ticket, reply)

    # --- status and priority ---------------------------------------------------------

    async def set_status(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        status: TicketStatus,
        *,
        locale: str,
    ) -> Done | Refused:
        """open / in_progress / on_hold; closing goes through the Close button (reason,
        locking, on_close), so ``closed`` is refused here."""
        name = sm.status_name(self._translate, locale, server, status)
        try:
            ticket, system = await self._load_for_staff(server, ticket_id, actor, locale)
            if status is TicketStatus.CLOSED:
                text = message_id("staff-status-use-close")
                raise self._stop(locale, server, "use-close", text)
            if ticket.status is status:
                text = message_id("staff-status-unchanged")
                raise self._stop(
                    locale, server, Refusal.UNCHANGED, text, number=ticket.number, status=name
                )
            before = ticket.status
            ticket = await self._apply(
                locale, server, self._tickets.set_status(ticket.id, status, actor.user_id)
            )
        except Stop as stop:
            return stop.refused
        complete = await self._refresh_card(server, system, ticket)
        if self.on_status is not None:  # timers that depend on the status (issue 15)
            await self.on_status(server, ticket)
        await self._log(
            server, LogKind.STATUS, ticket, actor.user_id, before=before.value, after=status.value
        )
        log_ticket(
            logging.INFO, "ticket.status", ticket, actor_id=actor.user_id, status=status.value
        )
        text = message_id("staff-status-reply")
        return self._done(locale, server, ticket, complete, text, status=name)

    async def set_priority(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        priority: Priority,
        *,
        locale: str,
    ) -> Done | Refused:
        name = sm.priority_name(self._translate, locale, server, priority)
        try:
            ticket, system = await self._load_for_staff(server, ticket_id, actor, locale)
            if ticket.priority is priority and ticket.status is not TicketStatus.CLOSED:
                text = message_id("staff-priority-unchanged")
                raise self._stop(
                    locale, server, Refusal.UNCHANGED, text, number=ticket.number, priority=name
                )
            before = ticket.priority
            ticket = await self._apply(
                locale, server, self._tickets.set_priority(ticket.id, priority, actor.user_id)
            )
        except Stop as stop:
            return stop.refused
        complete = await self._refresh_card(server, system, ticket)
        await self._log(
            server,
            LogKind.PRIORITY,
            ticket,
            actor.user_id,
            before=before.value,
            after=priority.value,
        )
        log_ticket(
            logging.INFO, "ticket.priority", ticket, actor_id=actor.user_id, priority=priority
        )
        text = message_id("staff-priority-reply")
        return self._done(locale, server, ticket, complete, text, priority=name)

    # --- notes and info --------------------------------------------------------------

    async def note(
        self, server: ServerSpec, ticket_id: int, actor: Actor, text: str, *, locale: str
    ) -> Done | Refused:
        """Store an internal note. It is never posted anywhere: ``info`` shows it to staff."""
        body = text.strip()
        try:
            ticket, _ = await self._load_for_staff(
                server, ticket_id, actor, locale, allow_deleted=True
            )
            if not body:
                raise self._stop(locale, server, "empty", message_id("staff-note-empty"))
        except Stop as stop:
            return stop.refused
        note = await self._tickets.add_note(ticket.id, actor.user_id, body)
        # Ids only: what staff wrote stays out of the process logs.
        log_ticket(logging.INFO, "ticket.note", ticket, actor_id=actor.user_id, note_id=note.id)
        reply = sm.reply(
            self._translate,
            locale,
            server,
            message_id("staff-note-saved"),
            number=ticket.number,
        )
        return Done(ticket, reply)

    async def info(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Shown | Refused:
        """Everything about a ticket, deleted ones included (their history stays useful)."""
        try:
            ticket, _ = await self._load_for_staff(
                server, ticket_id, actor, locale, allow_deleted=True
            )
        except Stop as stop:
            return stop.refused
        members = await self._tickets.list_members(ticket.id)
        details = TicketDetails(
            ticket=ticket,
            members=tuple(m.user_id for m in members if m.user_id != ticket.opener_id),
            events=tuple(await self._tickets.list_events(ticket.id)),
            notes=tuple(await self._tickets.list_notes(ticket.id)),
        )
        shown = sm.ticket_info(self._translate, locale, server, details, tz=self._tz)
        if self._opener_block is not None:
            block = await self._opener_block(server.guild, ticket.opener_id)
            if block is not None:
                field = bm.info_field(self._translate, locale, server, block)
                shown = bm.with_field(shown, field)
        if self.info_extra is not None:
            shown = await self.info_extra(server, ticket, shown, locale=locale, tz=self._tz)
        return Shown(shown)

    # --- the list --------------------------------------------------------------------

    async def list_tickets(
        self, server: ServerSpec, actor: Actor, query: ListQuery, *, locale: str
    ) -> Shown | Refused:
        """One page (10 tickets, newest first) of the systems ``actor`` handles."""
        systems = [s.id for s in server.systems if access.is_staff(actor, server, s)]
        if not systems:
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        every = len(systems) == len(server.systems)
        filters = TicketFilter(
            statuses=query.statuses,
            priorities=query.priorities,
            topic_id=query.topic_id,
            opener_id=query.member_id,
            system_ids=frozenset() if every else frozenset(systems),
        )
        total = await self._tickets.count(server.guild, filters)
        page = min(max(query.page, 0), tl.page_count(total) - 1)
        query = ListQuery(
            query.statuses, query.priorities, query.topic_id, query.member_id, page=page
        )
        tickets = await self._tickets.find(
            server.guild, filters, limit=tl.PAGE_SIZE, offset=page * tl.PAGE_SIZE
        )
        page_message = tl.ticket_list(
            self._translate, locale, server, tickets, query=query, total=total, tz=self._tz
        )
        return Shown(page_message)

    async def turn_page(
        self, server: ServerSpec, actor: Actor, custom_id: str, *, locale: str
    ) -> Shown | Refused:
        """A Previous/Next click: rebuild the query from the button's custom_id."""
        query = tl.decode_page(custom_id)
        if query is None:
            return self._refused(locale, server, "bad-page", message_id("tickets-retry-later"))
        return await self.list_tickets(server, actor, query, locale=locale)

    # --- for the other staff tools (bot.services.staff_tools) -------------------------

    async def staff_ticket(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> tuple[Ticket, SystemSpec] | Refused:
        """The ticket and its system when ``actor`` may act on it as staff, else the refusal
        every staff command gives (not staff, unknown, deleted, still opening)."""
        try:
            return await self._load_for_staff(server, ticket_id, actor, locale)
        except Stop as stop:
            return stop.refused

    async def log_event(
        self, server: ServerSpec, kind: LogKind, ticket: Ticket, actor_id: int, **details: Any
    ) -> None:
        await self._log(server, kind, ticket, actor_id, **details)

    async def refresh_card(self, server: ServerSpec, system: SystemSpec, ticket: Ticket) -> bool:
        return await self._refresh_card(server, system, ticket)
