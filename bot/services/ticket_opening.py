"""Opening a ticket: the checks before storage, the reservation, and building it in Discord.

No half ticket (see :mod:`bot.services.tickets`): reserve, create the channel, fill it,
activate; any failure undoes what was made.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.config.specs import ServerSpec, Style
from bot.domain import access
from bot.domain import ticket_lifecycle as lifecycle
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.bot_permissions import (
    Missing,
    bits_of,
    describe,
    everything_for,
    missing_for,
    where_tickets_go,
)
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.tickets import CreationState, OpenLimits, Ticket, TicketError
from bot.i18n import format_list
from bot.i18n.ids import MessageId, message_id
from bot.services import urgency
from bot.services.log_queue import after_answer
from bot.services.port import PortError, PortErrorKind
from bot.services.ticket_channels import TicketChannels
from bot.services.ticket_limits import TicketLimits
from bot.services.ticket_results import (
    Opened,
    OpenRequest,
    Refused,
    Stop,
    log,
    log_event,
    log_port_error,
)
from bot.storage import NewTicket

# A create call that failed this way may still have made the channel (Discord's answer was
# lost): look for it.
_MAYBE_MADE = frozenset(
    {PortErrorKind.TIMEOUT, PortErrorKind.SERVER_ERROR, PortErrorKind.CANCELLED}
)
# From the click: 10 minutes of building, a minute to undo (``UNDO_GRACE``) and the answer,
# of the interaction token's 15 (a burst of several thousand openings at Discord's 50
# requests a second, or a Discord answering very slowly, meets it).
OPENING_DEADLINE = 600.0
_REPLY_FOR_PORT_ERROR: dict[PortErrorKind, MessageId] = {
    PortErrorKind.CATEGORY_FULL: message_id("tickets-category-full"),
    PortErrorKind.GUILD_FULL: message_id("tickets-guild-full"),
    PortErrorKind.THREAD_LIMIT: message_id("tickets-thread-limit"),
}


class TicketOpening(TicketLimits, TicketChannels):
    """Opening for a member (or by staff for them): checks, reservation, build."""

    async def open_ticket(
        self,
        server: ServerSpec,
        system_id: str,
        topic_id: str,
        opener: Actor,
        *,
        locale: str,
        request_key: str,
        reason: str | None = None,
        answers: tuple[tuple[str, str], ...] = (),
        opened_by: Actor | None = None,
        ticket_locale: str | None = None,
        enforce_max_open: bool = False,
    ) -> Opened | Refused:
        """Open a ticket for ``opener`` (``opened_by``: staff opening it on their behalf).

        ``locale`` is the acting member's: it picks the reply's language and, when the member
        opens for themselves, the ticket's. A ticket staff opens speaks ``ticket_locale`` when
        given (an accepted request: the member's language), else the server's locale.
        ``request_key`` (the interaction id) makes a redelivered request return the same
        ticket instead of a second channel. Staff opening for a member skip the member's
        limits, unless ``enforce_max_open`` (accepting a request: never past the maximum).
        """
        try:
            request = self._request(
                server,
                system_id,
                topic_id,
                opener,
                opened_by=opened_by,
                locale=locale,
                reason=reason,
            )
            request = replace(
                request, ticket_locale=ticket_locale, enforce_max_open=enforce_max_open
            )
            if not request.for_other and (refused := await self._gated(request)) is not None:
                return refused
            ticket, existing = await self._reserve(request, request_key, reason, answers)
        except Stop as stop:
            return stop.refused
        if existing:
            return self._opened(server, ticket, locale, request.actor, existing=True)
        # Queueing behind the rate limits is no failure (each request's own deadline starts
        # when it leaves), but the opening as a whole ends well inside the 15 minutes the
        # member's interaction can still be answered in: past it, undone and told to retry.
        with urgency.bounded(OPENING_DEADLINE):
            return await self._build(request, ticket)

    async def precheck(
        self, server: ServerSpec, system_id: str, topic_id: str, opener: Actor, *, locale: str
    ) -> Refused | None:
        """Before the questions dialog opens: the refusal an opening would meet now (system
        disabled, the bot's permissions, the member's limits), so a member never types
        answers only to be refused once they submit them. The reason is the dialog's to ask."""
        try:
            request = self._request(
                server,
                system_id,
                topic_id,
                opener,
                opened_by=None,
                locale=locale,
                reason=None,
                reason_in_dialog=True,
            )
        except Stop as stop:
            return stop.refused
        if (refused := await self._gated(request)) is not None:
            return refused
        return await self.opening_refusal(server, request.system, opener.user_id, locale=locale)

    async def _gated(self, request: OpenRequest) -> Refused | None:
        if self.gate is None:
            return None
        return await self.gate(
            request.server, request.system, request.opener, locale=request.locale
        )

    def _request(
        self,
        server: ServerSpec,
        system_id: str,
        topic_id: str,
        opener: Actor,
        *,
        opened_by: Actor | None,
        locale: str,
        reason: str | None,
        reason_in_dialog: bool = False,
    ) -> OpenRequest:
        """Everything checked before touching storage: topic, system enabled, who asks, the
        reason when the system needs one, and the bot's own permissions where the ticket
        would go."""
        system = server.system(system_id)
        topic = system.topic(topic_id) if system is not None else None
        if system is None or topic is None:
            raise self._stop(locale, server, "unknown-topic", message_id("tickets-unknown-topic"))
        if not system.enabled:
            raise self._stop(locale, server, "disabled", message_id("tickets-system-disabled"))
        actor = opened_by or opener
        for_other = actor.user_id != opener.user_id
        if for_other and not access.may_open_for_other(actor, server, system):
            text = message_id("tickets-not-allowed-open-for")
            raise self._stop(locale, server, "not-allowed", text)
        if system.require_open_reason and not reason_in_dialog and not (reason and reason.strip()):
            text = message_id("tickets-open-reason-required")
            raise self._stop(locale, server, "reason-required", text)
        # Where Discord wants each permission (see bot.domain.bot_permissions): the bot's
        # server role for a ticket channel's overwrites, the category or thread parent for
        # the rest.
        held = self._port.bot_permissions(server.guild, None)
        place = self._port.bot_permissions(server.guild, where_tickets_go(system))
        missing = missing_for(system, in_server=held, in_place=place)
        request = OpenRequest(server, system, topic, opener, actor, locale, held)
        parent = where_tickets_go(system)
        if parent is not None and self._port.channel_exists(server.guild, parent) is False:
            # The category (or channel) the file names was deleted: staff must fix the file.
            log_event(
                logging.WARNING, "ticket.parent_missing", guild_id=server.guild, system=system.id
            )
            text = message_id("tickets-setup-missing")
            refused = self._refused(locale, server, "missing-channel", text)
            raise Stop(replace(refused, staff_log=self._failure_entry(request, "missing-channel")))
        if missing:
            log_event(
                logging.WARNING,
                "ticket.bot_missing_permissions",
                guild_id=server.guild,
                system=system.id,
                missing=bits_of(missing),
                where=",".join(m.place.value for m in missing),
            )
            raise Stop(self._missing_permissions(request, missing))
        return request

    async def _reserve(
        self,
        request: OpenRequest,
        request_key: str,
        reason: str | None,
        answers: tuple[tuple[str, str], ...],
    ) -> tuple[Ticket, bool]:
        """The pending row, or the ticket this request_key already made (``True``)."""
        server, system = request.server, request.system
        new = NewTicket(
            guild_id=server.guild,
            system_id=system.id,
            topic_id=request.topic.id,
            opener_id=request.opener.user_id,
            style=system.style,
            locale=request.speaks,
            request_key=request_key,
            opened_by_id=request.actor.user_id if request.for_other else None,
            reason=reason.strip() if reason and reason.strip() else None,
            answers=tuple((q, a) for q, a in answers if a.strip()),
            owner=self.owner,
        )
        # Staff opening for a member decide for themselves: no limit, no cooldown (but an
        # accepted request never takes the member past the maximum).
        limits = None
        if not request.for_other:
            cooldown = timedelta(seconds=system.cooldown_seconds)
            limits = OpenLimits(max_open=system.max_open_per_member, cooldown=cooldown)
        elif request.enforce_max_open:
            limits = OpenLimits(max_open=system.max_open_per_member)
        try:
            reservation = await self._tickets.reserve(new, limits=limits)
        except TicketError as error:
            raise Stop(await self._limit_refusal(request, error)) from None
        ticket = reservation.ticket
        if reservation.created:
            return ticket, False
        if ticket.creation is CreationState.ACTIVE and ticket.channel_id is not None:
            return ticket, True
        # The first delivery of this request is still creating the channel.
        raise self._stop(request.locale, server, "in-progress", message_id("tickets-in-progress"))

    async def _build(self, request: OpenRequest, ticket: Ticket) -> Opened | Refused:
        """Create the channel, fill it, activate the row; undo everything on failure.

        Any failure or cancellation (a shutdown past its deadline) undoes the opening before
        it propagates: the row is dropped and what Discord may hold is queued for deletion in
        one transaction (the channel, or when its creation went unanswered, the search for
        it), then deleted at once when its id is known."""
        server, system, locale = request.server, request.system, request.locale
        channel_id: int | None = None
        try:
            channel_id = await self._create_channel(request, ticket)
            # Recorded at once: a crash from here on leaves a pending row naming its channel,
            # which the next start deletes.
            await self._tickets.attach_channel(ticket.id, channel_id)
            if system.style is Style.THREAD:
                # Private thread: the opener is invited explicitly; handlers through the Join
                # notice posted below (and the first message's role mention, where Discord
                # honours a bot's: see bot.domain.handler_notice).
                await self._port.add_thread_member(channel_id, ticket.opener_id)
            first = lifecycle.first_message(self._translate, server, system, request.topic, ticket)
            first_id = await self._port.send_message(channel_id, first)
            # Staff tools edit this message in place (status, priority, who handles it).
            await self._tickets.set_first_message(ticket.id, first_id)
            ticket = await self._tickets.activate(ticket.id, channel_id)
        except asyncio.CancelledError:
            await self._abandon(
                ticket, channel_id, self._parent(ticket, system), unsure=channel_id is None
            )
            raise
        except Exception as error:  # anything: the channel must not outlive a failed open
            unsure = channel_id is None and (
                not isinstance(error, PortError) or error.kind in _MAYBE_MADE
            )
            await self._abandon(ticket, channel_id, self._parent(ticket, system), unsure=unsure)
            if isinstance(error, PortError):
                event = "ticket.create_failed" if channel_id is None else "ticket.fill_failed"
                log_port_error(event, error, guild_id=server.guild, ticket=ticket)
                return self._port_refusal(request, error)
            log.exception(
                "ticket.fill_failed", extra={"event": "ticket.fill_failed", "ticket_id": ticket.id}
            )
            return self._refused(locale, server, "error", message_id("tickets-retry-later"))
        finally:
            self._asked.pop(ticket.id, None)
            self._parents.pop(ticket.id, None)
        if system.style is Style.THREAD and self._join_notice is not None:
            # Posted after the member's answer: a message elsewhere that the member never
            # sees (in a burst, a channel's 5 messages per 5 s would hold the answer back).
            notice, opened = self._join_notice, ticket
            await after_answer(lambda: notice(server, opened))  # never raises
        await self._became_active(server, ticket)
        log_event(
            logging.INFO,
            "ticket.opened",
            guild_id=server.guild,
            ticket_id=ticket.id,
            number=ticket.number,
            channel_id=channel_id,
            opener_id=ticket.opener_id,
            opened_by_id=ticket.opened_by_id,
        )
        return self._opened(server, ticket, locale, request.actor, existing=False)

    def _opened(
        self, server: ServerSpec, ticket: Ticket, locale: str, actor: Actor, *, existing: bool
    ) -> Opened:
        assert ticket.channel_id is not None  # active tickets have one
        channel = messages.channel_mention(ticket.channel_id)
        if actor.user_id != ticket.opener_id:
            text = message_id("tickets-created-for")
            args = {"channel": channel, "member": messages.user_mention(ticket.opener_id)}
        else:
            text, args = message_id("tickets-created"), {"channel": channel}
        reply = messages.reply(self._translate, locale, server, text, **args)
        return Opened(ticket, ticket.channel_id, reply, existing=existing)

    def _port_refusal(self, request: OpenRequest, error: PortError) -> Refused:
        server, locale = request.server, request.locale
        if error.kind in {PortErrorKind.MISSING_PERMISSIONS, PortErrorKind.MISSING_ACCESS}:
            # The cache saw nothing missing (else the request was never sent): name it all.
            return self._missing_permissions(request, everything_for(request.system))
        msg_id = _REPLY_FOR_PORT_ERROR.get(error.kind, message_id("tickets-retry-later"))
        refused = self._refused(locale, server, error.kind.value, msg_id)
        return replace(refused, staff_log=self._failure_entry(request, error.kind.value))

    def _missing_permissions(self, request: OpenRequest, missing: tuple[Missing, ...]) -> Refused:
        server, locale = request.server, request.locale

        def translate(msg_id: str, **args: Any) -> str:
            return self._translate(msg_id, locale, server_locale=server.locale, **args)

        listed = describe(missing, translate, lambda items: format_list(items, locale))
        text = message_id("tickets-bot-missing-permissions")
        refused = self._refused(locale, server, "missing-bot-permissions", text, permissions=listed)
        entry = self._failure_entry(request, "missing-permissions", missing=missing)
        return replace(refused, staff_log=entry)

    @staticmethod
    def _failure_entry(
        request: OpenRequest, problem: str, *, missing: tuple[Missing, ...] = ()
    ) -> LogEntry:
        """The log channel's line about an opening Discord stopped."""
        return LogEntry(
            kind=LogKind.OPEN_FAILED,
            system_id=request.system.id,
            topic_id=request.topic.id,
            actor_id=request.actor.user_id,
            member_id=request.opener.user_id,
            problem=problem,
            missing_permissions=missing,
        )
