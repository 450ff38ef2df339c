"""Staff tools on a ticket: claim, members, status, priority, notes, info, and the list.

Same shape as :class:`bot.services.tickets.TicketService`: the discord layer parses an
interaction, calls one method and sends back the reply it gets (:class:`Done`,
:class:`Shown` or :class:`Refused`); refusals and Discord failures never cross as
exceptions. Every method is staff only (:func:`bot.domain.access.is_staff`).

Storage is the truth and changes first where the change cannot fail on Discord's side
(claim, status, priority); where Discord must agree first (adding or removing a member),
the channel changes first and storage follows, so a refused overwrite stores nothing.
The ticket's first message shows its state and is edited in place after each change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any, Protocol

from bot.config.specs import ServerSpec, Style, SystemSpec
from bot.domain import access
from bot.domain import block_messages as bm
from bot.domain import staff_messages as sm
from bot.domain import ticket_list as tl
from bot.domain.access import Actor, OverwriteSpec, TargetType
from bot.domain.block_messages import BlockView
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.staff_messages import TicketDetails
from bot.domain.ticket_list import ListQuery
from bot.domain.ticket_messages import OutgoingMessage, Translate, user_mention
from bot.domain.tickets import (
    CreationState,
    Priority,
    Refusal,
    Ticket,
    TicketError,
    TicketStatus,
)
from bot.i18n.ids import MessageId, message_id
from bot.services.event_log import EventLog
from bot.services.port import PortError, PortErrorKind, TicketPort
from bot.services.tickets import Done, JoinNotice, Refused
from bot.storage import TicketFilter, TicketRepository

log = logging.getLogger(__name__)

UNKNOWN_MESSAGE = 10008  # Discord: the message was deleted
# Statuses a claim moves to in_progress, and the one an unclaim moves back from.
_CLAIM_MOVES = frozenset({TicketStatus.OPEN, TicketStatus.ON_HOLD})

_REPLY_FOR_REFUSAL: dict[Refusal, MessageId] = {
    Refusal.NOT_FOUND: message_id("tickets-unknown-ticket"),
    Refusal.DELETED: message_id("tickets-deleted"),
    Refusal.CLOSED: message_id("tickets-already-closed"),
    Refusal.ALREADY_CLAIMED: message_id("staff-already-claimed"),
    Refusal.CLAIMED_BY_OTHER: message_id("staff-claimed-by-other"),
    Refusal.NOT_CLAIMED: message_id("staff-not-claimed"),
}


@dataclass(frozen=True, slots=True)
class Shown:
    """Something to show the staff member who asked (info, a list page): ephemeral."""

    reply: OutgoingMessage


# (guild, member) -> their active block, if any (``BlockService.active_block``).
OpenerBlock = Callable[[int, int], Awaitable[BlockView | None]]


class InfoExtra(Protocol):
    async def __call__(
        self, server: ServerSpec, ticket: Ticket, shown: OutgoingMessage, *, locale: str, tz: tzinfo
    ) -> OutgoingMessage: ...


class _Stop(Exception):  # noqa: N818 - control flow inside this module, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


class StaffService:
    # Told of every status change (the on-hold reminder arms on it); set by the client.
    on_status: Callable[[ServerSpec, Ticket], Awaitable[None]] | None = None
    # Adds to ``info`` (the member left, their summary and rating: FeedbackService.info).
    info_extra: InfoExtra | None = None

    def __init__(
        self,
        tickets: TicketRepository,
        port: TicketPort,
        translate: Translate,
        *,
        event_log: EventLog | None = None,
        tz: tzinfo = UTC,
        join_notice: JoinNotice | None = None,
        opener_block: OpenerBlock | None = None,
    ) -> None:
        """``tz``: the time zone dates are shown in (Discord does not tell us the viewer's).
        ``join_notice``: posts a thread ticket's Join notice again when a claim that hid it
        ends. ``opener_block``: the opener's block, shown by ``info``."""
        self._tickets = tickets
        self._port = port
        self._translate = translate
        self._event_log = event_log
        self._tz = tz
        self._join_notice = join_notice
        self._opener_block = opener_block

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
        except _Stop as stop:
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
        _log(logging.INFO, "ticket.claimed", ticket, actor_id=actor.user_id)
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
        except _Stop as stop:
            return stop.refused
        if ticket.status is TicketStatus.IN_PROGRESS:
            ticket = await self._move(ticket, TicketStatus.OPEN, actor.user_id)
        complete = True
        if system.claim_hides and previous is not None:
            complete = await self._restore_handlers(server, system, ticket, previous)
        complete = await self._refresh_card(server, system, ticket) and complete
        await self._log(server, LogKind.UNCLAIMED, ticket, actor.user_id)
        _log(logging.INFO, "ticket.unclaimed", ticket, actor_id=actor.user_id)
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
            _log_port_error("ticket.claim_hide_failed", error, ticket)
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
            _log_port_error("ticket.claim_restore_failed", error, ticket)
            return False
        return True

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
        except _Stop as stop:
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
                _log_port_error("ticket.add_member_failed", error, ticket)
                return self._channel_failed(locale, server, ticket, error)
        # False: someone added them at the same moment; the outcome is the same.
        await self._tickets.add_member(ticket.id, user_id, actor.user_id)
        await self._log(server, LogKind.MEMBER_ADDED, ticket, actor.user_id, member_id=user_id)
        _log(logging.INFO, "ticket.member_added", ticket, actor_id=actor.user_id, user_id=user_id)
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
        except _Stop as stop:
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
                    _log_port_error("ticket.remove_member_failed", error, ticket)
                    return self._channel_failed(locale, server, ticket, error)
        await self._tickets.remove_member(ticket.id, user_id, actor.user_id)
        await self._log(server, LogKind.MEMBER_REMOVED, ticket, actor.user_id, member_id=user_id)
        _log(logging.INFO, "ticket.member_removed", ticket, actor_id=actor.user_id, user_id=user_id)
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
        except _Stop as stop:
            return stop.refused
        complete = await self._refresh_card(server, system, ticket)
        if self.on_status is not None:  # timers that depend on the status (issue 15)
            await self.on_status(server, ticket)
        await self._log(
            server, LogKind.STATUS, ticket, actor.user_id, before=before.value, after=status.value
        )
        _log(logging.INFO, "ticket.status", ticket, actor_id=actor.user_id, status=status.value)
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
        except _Stop as stop:
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
        _log(logging.INFO, "ticket.priority", ticket, actor_id=actor.user_id, priority=priority)
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
        except _Stop as stop:
            return stop.refused
        note = await self._tickets.add_note(ticket.id, actor.user_id, body)
        # Ids only: what staff wrote stays out of the process logs.
        _log(logging.INFO, "ticket.note", ticket, actor_id=actor.user_id, note_id=note.id)
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
        except _Stop as stop:
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
        except _Stop as stop:
            return stop.refused

    async def log_event(
        self, server: ServerSpec, kind: LogKind, ticket: Ticket, actor_id: int, **details: Any
    ) -> None:
        await self._log(server, kind, ticket, actor_id, **details)

    async def refresh_card(self, server: ServerSpec, system: SystemSpec, ticket: Ticket) -> bool:
        return await self._refresh_card(server, system, ticket)

    # --- helpers ---------------------------------------------------------------------

    async def _load_for_staff(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        locale: str,
        *,
        allow_deleted: bool = False,
    ) -> tuple[Ticket, SystemSpec]:
        ticket = await self._tickets.get(ticket_id)
        if ticket is None or ticket.guild_id != server.guild:
            raise self._refusal(locale, server, TicketError(Refusal.NOT_FOUND))
        system = server.system(ticket.system_id)
        if system is None:  # the system was removed from the configuration
            raise self._stop(locale, server, "unknown-topic", message_id("tickets-unknown-topic"))
        # Permission before anything else about the ticket: members learn nothing from it.
        if not access.is_staff(actor, server, system):
            raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
        if ticket.creation is not CreationState.ACTIVE:
            raise self._stop(locale, server, "in-progress", message_id("tickets-in-progress"))
        if ticket.is_deleted and not allow_deleted:
            raise self._refusal(locale, server, TicketError(Refusal.DELETED))
        return ticket, system

    async def _refresh_card(self, server: ServerSpec, system: SystemSpec, ticket: Ticket) -> bool:
        """Edit the first message to show the ticket's state.

        Tickets whose first message id is unknown (opened before it was recorded) or whose
        first message was deleted get a fresh one, remembered for the next edit.
        """
        topic = system.topic(ticket.topic_id)
        if topic is None or ticket.channel_id is None:
            return topic is not None
        card = sm.ticket_card(self._translate, server, system, topic, ticket)
        known = await self._tickets.first_message_id(ticket.id)
        try:
            if known is not None:
                try:
                    await self._port.edit_message(ticket.channel_id, known, card)
                except PortError as error:
                    if error.code != UNKNOWN_MESSAGE:
                        raise
                else:
                    return True
            new_id = await self._port.send_message(ticket.channel_id, card)
        except PortError as error:
            _log_port_error("ticket.card_failed", error, ticket)
            return False
        await self._tickets.set_first_message(ticket.id, new_id)
        return True

    async def _send(self, ticket: Ticket, message: OutgoingMessage) -> bool:
        if ticket.channel_id is None:
            return False
        try:
            await self._port.send_message(ticket.channel_id, message)
        except PortError as error:
            _log_port_error("ticket.notice_failed", error, ticket)
            return False
        return True

    async def _log(
        self,
        server: ServerSpec,
        kind: LogKind,
        ticket: Ticket,
        actor_id: int,
        **details: Any,
    ) -> None:
        if self._event_log is not None:
            await self._event_log.post(
                server, LogEntry.for_ticket(kind, ticket, actor_id, **details)
            )

    async def _apply(self, locale: str, server: ServerSpec, change: Awaitable[Ticket]) -> Ticket:
        try:
            return await change
        except TicketError as error:
            raise self._refusal(locale, server, error) from None

    def _done(
        self,
        locale: str,
        server: ServerSpec,
        ticket: Ticket,
        complete: bool,
        msg_id: MessageId,
        **args: Any,
    ) -> Done:
        if not complete:
            msg_id, args = message_id("staff-channel-not-updated"), {}
        reply = sm.reply(self._translate, locale, server, msg_id, number=ticket.number, **args)
        return Done(ticket, reply, complete)

    def _channel_failed(
        self, locale: str, server: ServerSpec, ticket: Ticket, error: PortError
    ) -> Refused:
        text = message_id("staff-channel-failed")
        return self._refused(locale, server, error.kind.value, text, number=ticket.number)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> Refused:
        return Refused(sm.reply(self._translate, locale, server, msg_id, **args), reason)

    def _stop(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> _Stop:
        return _Stop(self._refused(locale, server, reason, msg_id, **args))

    def _refusal(self, locale: str, server: ServerSpec, error: TicketError) -> _Stop:
        msg_id = _REPLY_FOR_REFUSAL.get(error.code, message_id("tickets-retry-later"))
        args: dict[str, Any] = {}
        if error.code is Refusal.CLAIMED_BY_OTHER:
            args["staff"] = user_mention(int(error.details["claimed_by"]))
        return _Stop(self._refused(locale, server, error.code.value, msg_id, **args))


def _log(level: int, event: str, ticket: Ticket, **ids: Any) -> None:
    """One structured line per event: ids and codes only, never what members typed."""
    log.log(
        level,
        event,
        extra={"event": event, "guild_id": ticket.guild_id, "ticket_id": ticket.id, **ids},
    )


def _log_port_error(event: str, error: PortError, ticket: Ticket) -> None:
    _log(
        logging.WARNING,
        event,
        ticket,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
