"""Opening, closing, reopening and deleting tickets: storage + Discord port + messages.

The discord layer parses an interaction, calls one method here and sends the reply it gets
back. Every method returns a small result (:class:`Opened`, :class:`Done`, :class:`Prompt`,
:class:`Refused`) with a localized reply; refusals and Discord failures never cross as
exceptions.

No half ticket: the row is reserved first (number, limits, cooldown and request_key dedup in
one transaction), then the channel is created with its overwrites inline, the first message
is sent, and only then is the row activated. Any failure after the channel exists deletes the
channel and discards the still-pending row, so a member never sees a ticket without its
buttons and the database never lists a ticket without a channel. (Activating *after* the
first message is what makes discarding possible: ``discard_pending`` only removes pending
rows, and the message's custom_ids need only the ticket id, known since the reservation.)
The first message's id is stored too: staff tools edit that message in place.

Closing hands the ticket to an optional ``archiver`` (the transcript) after the permission
checks and the stored close, before the channel is locked or deleted: a refused close
archives nothing, and a deleted channel's history is already kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.config.specs import OnClose, ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain import access
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
from bot.domain.overflow import categories_to_try, ticket_categories
from bot.domain.staff_messages import LogEntry, LogKind
from bot.domain.ticket_messages import OutgoingMessage, Translate
from bot.domain.tickets import (
    FALLBACK_CHANNEL_NAME,
    CreationState,
    OpenLimits,
    Refusal,
    Ticket,
    TicketError,
    TicketStatus,
    check_open_limits,
    cooldown_remaining,
    render_channel_name,
)
from bot.i18n import format_list
from bot.i18n.ids import MessageId, message_id
from bot.services.cleanup import CleanupService
from bot.services.port import PortError, PortErrorKind, TicketPort
from bot.storage import (
    Cleanup,
    NewTicket,
    Opening,
    OpeningRepository,
    Owner,
    TicketFilter,
    TicketRepository,
)
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

# How long a ``/ticket close reason:`` waits for its Confirm click: an interaction token's
# lifetime, after which the prompt is stale anyway.
CLOSE_PROMPT_LIFETIME = timedelta(minutes=15)
MAX_CHANNEL_TOPIC = 1024

_OPEN_STATUSES = frozenset({TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD})
# Discord already dropped what we wanted to delete.
_GONE = frozenset({PortErrorKind.UNKNOWN_CHANNEL})
# The bot may not do it: retrying will not help until staff fix its permissions.
_NOT_ALLOWED = frozenset({PortErrorKind.MISSING_PERMISSIONS, PortErrorKind.MISSING_ACCESS})
# A create call that failed this way may still have made the channel (Discord's answer was
# lost): look for it.
_MAYBE_MADE = frozenset(
    {PortErrorKind.TIMEOUT, PortErrorKind.SERVER_ERROR, PortErrorKind.CANCELLED}
)

_REPLY_FOR_PORT_ERROR: dict[PortErrorKind, MessageId] = {
    PortErrorKind.CATEGORY_FULL: message_id("tickets-category-full"),
    PortErrorKind.GUILD_FULL: message_id("tickets-guild-full"),
    PortErrorKind.THREAD_LIMIT: message_id("tickets-thread-limit"),
}
# Too many open tickets: (a link to the newest, a cooldown also applies) -> reply.
_TOO_MANY: dict[tuple[bool, bool], MessageId] = {
    (True, False): message_id("tickets-too-many"),
    (False, False): message_id("tickets-too-many-no-link"),
    (True, True): message_id("tickets-too-many-cooldown"),
    (False, True): message_id("tickets-too-many-no-link-cooldown"),
}
_REPLY_FOR_REFUSAL: dict[Refusal, MessageId] = {
    Refusal.NOT_FOUND: message_id("tickets-unknown-ticket"),
    Refusal.DELETED: message_id("tickets-deleted"),
    Refusal.CLOSED: message_id("tickets-already-closed"),
    Refusal.NOT_CLOSED: message_id("tickets-not-closed"),
}


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Opened:
    ticket: Ticket
    channel_id: int
    reply: OutgoingMessage  # ephemeral, for the member (or staff) who asked
    existing: bool = False  # the request_key was seen before: no new channel


@dataclass(frozen=True, slots=True)
class Done:
    """A close / reopen / delete went through (in storage, and on Discord when ``complete``)."""

    ticket: Ticket
    reply: OutgoingMessage
    complete: bool = True  # False: stored, but Discord could not be fully updated


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question to answer first (the close confirmation)."""

    reply: OutgoingMessage


@dataclass(frozen=True, slots=True)
class Refused:
    reply: OutgoingMessage
    reason: str  # stable code for logs and tests: a Refusal value, a port error kind...
    # Discord stopped an opening (the bot's permissions, a full category...): the line staff
    # read in the log channel, since only they can fix it. None for the member's own limits.
    staff_log: LogEntry | None = None


@dataclass(frozen=True, slots=True)
class _OpenRequest:
    server: ServerSpec
    system: SystemSpec
    topic: TopicSpec
    opener: Actor
    actor: Actor  # the opener, or staff opening for them
    locale: str  # the actor's
    held: int | None  # the bot's server-wide permissions (its roles), when known
    ticket_locale: str | None = None  # the ticket's language when the caller chose it
    enforce_max_open: bool = False  # staff opening for a member still respect max_open

    @property
    def speaks(self) -> str:
        """The ticket's language: chosen, else the member's own, else (staff opening for a
        member, who did not say which language they read) the server's."""
        if self.ticket_locale is not None:
            return self.ticket_locale
        return self.server.locale if self.for_other else self.locale

    @property
    def for_other(self) -> bool:
        return self.actor.user_id != self.opener.user_id


class _Stop(Exception):  # noqa: N818 - control flow inside this module, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


# --- the service -------------------------------------------------------------------------


class Archiver(Protocol):
    """Keeps a ticket's conversation before its channel is locked or deleted (transcripts).

    Called once per close, after the permission checks and the stored close, while the
    channel still holds the whole history. Its failures are logged, never shown: closing
    goes on.
    """

    async def __call__(
        self, server: ServerSpec, ticket: Ticket, *, closed_by: int, reason: str | None
    ) -> object: ...


ActiveHook = Callable[[ServerSpec, Ticket], Awaitable[None]]


class JoinNotice(Protocol):
    """Posts a thread ticket's Join notice (``released``: again, after a claim); never raises."""

    async def __call__(
        self, server: ServerSpec, ticket: Ticket, *, released: bool = ...
    ) -> bool: ...


class OpeningGate(Protocol):
    """Whether a member may open a ticket of ``system`` for themselves (blocks, the roles
    a system lets open: :class:`bot.services.blocks.BlockService`); ``None`` when they may."""

    async def __call__(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None: ...


class TicketService:
    def __init__(
        self,
        tickets: TicketRepository,
        port: TicketPort,
        translate: Translate,
        *,
        clock: Callable[[], datetime] = utc_now,
        archiver: Archiver | None = None,
        join_notice: JoinNotice | None = None,
        owner: Owner | None = None,
        gate: OpeningGate | None = None,
        on_active: ActiveHook | None = None,
    ) -> None:
        """``join_notice``: posts a thread ticket's Join notice for its handlers once it is
        open (``HandlerAccess.post_notice``). ``gate``: who may open for themselves."""
        self._tickets = tickets
        self._port = port
        self._translate = translate
        self._clock = clock
        self._archiver = archiver
        self._join_notice = join_notice
        self.gate = gate
        # Told of every ticket that became open (opened or reopened): timers arm on it.
        self.on_active = on_active
        # The process opening tickets: its reservations carry it, so a restart (or another
        # process) knows at once which openings were left by a process that is gone.
        self.owner = owner
        self._openings = OpeningRepository(tickets.db)
        self.cleanups = CleanupService(tickets, port, clock=clock)
        self._asked: dict[int, str] = {}  # ticket id -> the channel name last asked for
        self._parents: dict[int, int | None] = {}  # ticket id -> where it was asked for

    # --- opening ---------------------------------------------------------------------

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
        except _Stop as stop:
            return stop.refused
        if existing:
            return self._opened(server, ticket, locale, request.actor, existing=True)
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
        except _Stop as stop:
            return stop.refused
        if (refused := await self._gated(request)) is not None:
            return refused
        return await self.opening_refusal(server, request.system, opener.user_id, locale=locale)

    async def _gated(self, request: _OpenRequest) -> Refused | None:
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
    ) -> _OpenRequest:
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
        request = _OpenRequest(server, system, topic, opener, actor, locale, held)
        parent = where_tickets_go(system)
        if parent is not None and self._port.channel_exists(server.guild, parent) is False:
            # The category (or channel) the file names was deleted: staff must fix the file.
            _log(logging.WARNING, "ticket.parent_missing", guild_id=server.guild, system=system.id)
            text = message_id("tickets-setup-missing")
            refused = self._refused(locale, server, "missing-channel", text)
            raise _Stop(replace(refused, staff_log=self._failure_entry(request, "missing-channel")))
        if missing:
            _log(
                logging.WARNING,
                "ticket.bot_missing_permissions",
                guild_id=server.guild,
                system=system.id,
                missing=bits_of(missing),
                where=",".join(m.place.value for m in missing),
            )
            raise _Stop(self._missing_permissions(request, missing))
        return request

    async def _reserve(
        self,
        request: _OpenRequest,
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
            raise _Stop(await self._limit_refusal(request, error)) from None
        ticket = reservation.ticket
        if reservation.created:
            return ticket, False
        if ticket.creation is CreationState.ACTIVE and ticket.channel_id is not None:
            return ticket, True
        # The first delivery of this request is still creating the channel.
        raise self._stop(request.locale, server, "in-progress", message_id("tickets-in-progress"))

    async def _limit_refusal(self, request: _OpenRequest, error: TicketError) -> Refused:
        server, system = request.server, request.system
        _log(
            logging.INFO,
            "ticket.open_refused",
            guild_id=server.guild,
            system=system.id,
            member_id=request.opener.user_id,
            reason=error.code.value,
        )
        if request.for_other:  # staff accepting a request: the member has too many open
            return await self._member_at_limit(server, system, request.opener.user_id, request)
        return await self._limits_reply(
            server, system, request.opener.user_id, request.locale, error.code
        )

    async def opening_refusal(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        *,
        locale: str,
        pending: int = 0,
    ) -> Refused | None:
        """Whether ``member_id`` may open a ticket in ``system`` now (manual approval asks
        before storing a request): ``None`` when they may, else the same refusal as a direct
        opening. ``pending``: their requests still waiting, which count as open tickets."""
        guild = server.guild
        try:
            check_open_limits(
                OpenLimits(
                    max_open=system.max_open_per_member,
                    cooldown=timedelta(seconds=system.cooldown_seconds),
                ),
                open_count=await self._tickets.count_open(guild, system.id, member_id) + pending,
                last_opened_at=await self._tickets.last_opened(guild, system.id, member_id),
                now=self._clock(),
            )
        except TicketError as error:
            return await self._limits_reply(server, system, member_id, locale, error.code)
        return None

    async def max_open_refusal(
        self, server: ServerSpec, system: SystemSpec, member_id: int, *, locale: str
    ) -> Refused | None:
        """For staff about to accept a request: ``None`` when the member is under the
        maximum, else the staff-facing refusal (the request stays pending)."""
        count = await self._tickets.count_open(server.guild, system.id, member_id)
        if count < system.max_open_per_member:
            return None
        return await self._member_at_limit(server, system, member_id, None, locale=locale)

    async def _member_at_limit(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        request: _OpenRequest | None,
        *,
        locale: str | None = None,
    ) -> Refused:
        locale = request.locale if request is not None else locale or server.locale
        member = messages.user_mention(member_id)
        max_open = system.max_open_per_member
        latest = await self._latest_open(server, system, member_id)
        if latest is not None:
            text = message_id("approval-member-too-many")
            return self._refused(
                locale,
                server,
                Refusal.TOO_MANY_OPEN,
                text,
                member=member,
                max=max_open,
                channel=messages.channel_mention(latest),
            )
        text = message_id("approval-member-too-many-no-link")
        return self._refused(
            locale, server, Refusal.TOO_MANY_OPEN, text, member=member, max=max_open
        )

    async def _limits_reply(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        locale: str,
        code: Refusal,
    ) -> Refused:
        """The member's refusal: when they may open again, and a link to their open ticket."""
        last = await self._tickets.last_opened(server.guild, system.id, member_id)
        now = self._clock()
        wait = cooldown_remaining(last, now, timedelta(seconds=system.cooldown_seconds))
        when = messages.relative_time(now + wait) if wait > timedelta(0) else None
        latest = await self._latest_open(server, system, member_id)
        channel = messages.channel_mention(latest) if latest is not None else None
        args: dict[str, Any] = {}
        if code is Refusal.COOLDOWN:
            text = message_id("tickets-cooldown" if channel is None else "tickets-cooldown-link")
            args = {"when": when or messages.relative_time(now)}
        else:
            text = _TOO_MANY[channel is not None, when is not None]
            args = {"max": system.max_open_per_member}
            if when is not None:
                args["when"] = when
        if channel is not None:
            args["channel"] = channel
        return self._refused(locale, server, code, text, **args)

    async def _latest_open(
        self, server: ServerSpec, system: SystemSpec, member_id: int
    ) -> int | None:
        """The channel of the member's newest open ticket in ``system``, if any."""
        mine = TicketFilter(statuses=_OPEN_STATUSES, system_id=system.id, opener_id=member_id)
        latest = await self._tickets.find(server.guild, mine, limit=1)
        return latest[0].channel_id if latest else None

    async def _build(self, request: _OpenRequest, ticket: Ticket) -> Opened | Refused:
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
            first = messages.first_message(self._translate, server, system, request.topic, ticket)
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
                _log_port_error(event, error, guild_id=server.guild, ticket=ticket)
                return self._port_refusal(request, error)
            log.exception(
                "ticket.fill_failed", extra={"event": "ticket.fill_failed", "ticket_id": ticket.id}
            )
            return self._refused(locale, server, "error", message_id("tickets-retry-later"))
        finally:
            self._asked.pop(ticket.id, None)
            self._parents.pop(ticket.id, None)
        if system.style is Style.THREAD and self._join_notice is not None:
            await self._join_notice(server, ticket)  # never raises: a side effect of opening
        await self._became_active(server, ticket)
        _log(
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

    async def _create_channel(self, request: _OpenRequest, ticket: Ticket) -> int:
        """The channel or thread, retried once under ``ticket-<n>`` if Discord refuses the name."""
        server, system = request.server, request.system
        # Channel names follow the server's language (staff browse them), not the opener's.
        label = messages.topic_label(self._translate, server, request.topic, server.locale)
        name = render_channel_name(
            system.channel_name, number=ticket.number, member=request.opener.name, topic=label
        )
        fallback = FALLBACK_CHANNEL_NAME.format(number=ticket.number)
        try:
            return await self._create_named(request, ticket, name)
        except PortError as error:
            if error.kind is not PortErrorKind.NAME_REFUSED or name == fallback:
                raise
            _log(logging.INFO, "ticket.name_refused", guild_id=server.guild, ticket_id=ticket.id)
            return await self._create_named(request, ticket, fallback)

    async def _create_named(self, request: _OpenRequest, ticket: Ticket, name: str) -> int:
        server, system = request.server, request.system
        if system.style is Style.THREAD:
            if system.channel is None:  # validation requires it; a clear failure if not
                raise PortError(PortErrorKind.UNKNOWN_CHANNEL)
            await self._asking(ticket, name, system.channel)
            return await self._port.create_private_thread(system.channel, name)
        # The system's category, then its overflow categories, skipping those the cache
        # knows are full; one Discord finds full (the cache lagged) passes to the next.
        if not ticket_categories(system):  # none named (or not bound yet): as Discord puts it
            return await self._create_text(request, ticket, name, None)
        tried = categories_to_try(system, lambda c: self._port.channels_in(server.guild, c))
        if not tried:  # every category is full: said without asking Discord
            raise PortError(PortErrorKind.CATEGORY_FULL)
        for index, parent in enumerate(tried):
            try:
                return await self._create_text(request, ticket, name, parent)
            except PortError as error:
                if error.kind is not PortErrorKind.CATEGORY_FULL or index == len(tried) - 1:
                    raise
                _log(logging.INFO, "ticket.category_full", guild_id=server.guild, parent=parent)
        raise AssertionError("unreachable: the loop returns or raises")

    async def _asking(self, ticket: Ticket, name: str, parent: int | None) -> None:
        # Written before asking: if Discord makes it and the answer never comes (a crash,
        # the deadline), this is how the channel is found and deleted.
        await self._openings.asking(ticket.id, name, parent)
        self._asked[ticket.id] = name
        self._parents[ticket.id] = parent

    async def _create_text(
        self, request: _OpenRequest, ticket: Ticket, name: str, parent: int | None
    ) -> int:
        server, system = request.server, request.system
        await self._asking(ticket, name, parent)
        # A role deleted since the file named it would make Discord refuse the whole call.
        roles = server.handler_roles(system)
        handlers = tuple(r for r in roles if self._port.role_exists(server.guild, r) is not False)
        overwrites = access.ticket_overwrites(
            guild_id=server.guild,
            opener_id=ticket.opener_id,
            handler_roles=handlers,
            bot_id=self._port.bot_user_id,
            bot_permissions=request.held,
        )
        topic = self._translate(
            "tickets-channel-topic",
            ticket.locale,
            server_locale=server.locale,
            number=ticket.number,
            topic=messages.topic_label(self._translate, server, request.topic, ticket.locale),
        )
        return await self._port.create_text_channel(
            server.guild, name, parent, overwrites, messages.fit(topic, MAX_CHANNEL_TOPIC)
        )

    def _parent(self, ticket: Ticket, system: SystemSpec) -> int | None:
        """Where the channel was last asked for (an overflow category, maybe)."""
        return self._parents.get(ticket.id, where_tickets_go(system))

    async def _abandon(
        self, ticket: Ticket, channel_id: int | None, parent_id: int | None, *, unsure: bool
    ) -> None:
        """Drop the pending row and queue what it left in Discord, in one transaction; then
        delete the channel now when its id is known (the queue retries if Discord refuses).
        ``unsure``: the create call may have made a channel whose id never came back."""
        name = self._asked.get(ticket.id)
        opening = Opening(
            ticket.id,
            ticket.guild_id,
            ticket.system_id,
            ticket.opener_id,
            channel_id,
            name if unsure or channel_id is not None else None,
            parent_id,
            ticket.created_at,
        )
        cleanup = self.cleanups.left_behind(opening)
        if not await self._openings.abandon(ticket.id, cleanup) and cleanup is not None:
            # Another process recovered the row meanwhile: the channel is still ours to clean.
            await self.cleanups.add(cleanup)
        if cleanup is not None and cleanup.channel_id is not None:
            await self._delete_queued(ticket, cleanup)

    async def _delete_queued(self, ticket: Ticket, cleanup: Cleanup) -> bool:
        """Delete a queued channel now; on failure the queue keeps it and retries (False)."""
        assert cleanup.channel_id is not None
        try:
            await self._port.delete_channel(cleanup.channel_id)
        except PortError as error:
            if error.kind not in _GONE:
                _log_port_error(
                    "ticket.delete_queued", error, guild_id=ticket.guild_id, ticket=ticket
                )
                return False
        await self.cleanups.done(cleanup.key)
        return True

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

    # --- closing ---------------------------------------------------------------------

    async def request_close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        reason: str | None = None,
    ) -> Prompt | Refused:
        """The Close button or ``/ticket close [reason]``: ask for confirmation first.

        Without a reason the prompt offers Confirm and "Close with a reason" (only the latter
        when the system requires a reason). A reason given with the command waits in storage
        until Confirm is clicked: the button carries its id (a custom_id has no room for
        text), and only this member can use it, for a limited time.
        """
        reason = reason.strip() if reason and reason.strip() else None
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            self._check_may_close(server, system, ticket, actor, locale)
        except _Stop as stop:
            return stop.refused
        held = None
        if reason is not None:
            held = await self._tickets.hold_close_reason(
                ticket.id,
                actor.user_id,
                reason,
                purge_before=self._clock() - CLOSE_PROMPT_LIFETIME,
            )
        prompt = messages.close_prompt(
            self._translate, locale, server, system, ticket, reason=reason, held=held
        )
        return Prompt(prompt)

    async def confirm_close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        held: int | None = None,
    ) -> Done | Refused:
        """Confirm on a close prompt; ``held`` is the id of the reason the prompt carries."""
        reason = None
        if held is not None:
            reason = await self._tickets.take_close_reason(
                held,
                ticket_id,
                actor.user_id,
                not_before=self._clock() - CLOSE_PROMPT_LIFETIME,
            )
            if reason is None:  # expired, already used, or another member's prompt
                text = message_id("tickets-close-prompt-expired")
                return self._refused(locale, server, "prompt-expired", text)
        return await self.close(server, ticket_id, actor, locale=locale, reason=reason)

    async def close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        reason: str | None = None,
    ) -> Done | Refused:
        """Close, then keep (locked, reopenable) or delete the channel per ``on_close``.

        With deletion, the discord layer should answer the interaction before calling this:
        the channel the interaction came from disappears.
        """
        reason = reason.strip() if reason and reason.strip() else None
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            self._check_may_close(server, system, ticket, actor, locale)
            if system.require_reason and reason is None:
                raise self._stop(
                    locale, server, "reason-required", message_id("tickets-reason-required")
                )
            ticket = await self._apply(
                locale, server, self._tickets.close(ticket.id, actor.user_id, reason)
            )
        except _Stop as stop:
            return stop.refused
        staff = access.is_staff(actor, server, system)
        return await self._closed(
            server, system, ticket, actor=actor, locale=locale, reason=reason, staff=staff
        )

    async def close_automatically(
        self, server: ServerSpec, ticket_id: int, *, reason: str, closer_id: int | None = None
    ) -> Done | Refused:
        """A timer closes the ticket (auto-close, a close request): nobody acted, so no
        access check; the bot is the closer (or ``closer_id``: an opener accepting a close
        request) and it closes as staff would (transcript, log, ``on_close``). Refused
        (nothing done) when it is closed already or gone."""
        locale = server.locale
        closer = Actor(closer_id if closer_id is not None else self._port.bot_user_id)
        staff = closer_id is None  # an opener's accepted request keeps the channel, as theirs
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if ticket.status is TicketStatus.CLOSED:
                raise self._refusal(locale, server, TicketError(Refusal.CLOSED))
            ticket = await self._apply(
                locale, server, self._tickets.close(ticket.id, closer.user_id, reason)
            )
        except _Stop as stop:
            return stop.refused
        return await self._closed(
            server, system, ticket, actor=closer, locale=locale, reason=reason, staff=staff
        )

    async def _closed(
        self,
        server: ServerSpec,
        system: SystemSpec,
        ticket: Ticket,
        *,
        actor: Actor,
        locale: str,
        reason: str | None,
        staff: bool,
    ) -> Done:
        """What follows a close: the transcript, then the channel kept locked or deleted."""
        await self._archive(server, ticket, actor.user_id, reason)
        delete = system.on_close is OnClose.DELETE or (
            system.on_close is OnClose.DELETE_IF_ADMIN and staff
        )
        _log(
            logging.INFO,
            "ticket.closed",
            guild_id=server.guild,
            ticket_id=ticket.id,
            actor_id=actor.user_id,
            delete=delete,
        )
        if delete:
            return await self._delete_closed(server, ticket, actor, locale)
        complete = await self._lock(server, ticket, actor.user_id, reason)
        text = message_id("tickets-closed-reply" if complete else "tickets-close-incomplete")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete)

    async def _lock(
        self, server: ServerSpec, ticket: Ticket, closer: int, reason: str | None
    ) -> bool:
        """Keep mode: the opener and added members can read, not write; Reopen/Delete posted."""
        if ticket.channel_id is None:
            return False
        notice = messages.closed_message(
            self._translate, server, ticket, closed_by=closer, reason=reason, reopenable=True
        )
        try:
            if ticket.style is Style.THREAD:
                await self._port.send_message(ticket.channel_id, notice)  # before archiving
                await self._port.archive_thread(ticket.channel_id, locked=True)
            else:
                for user_id in await self._participants(ticket):
                    over = access.closed_member_overwrite(user_id)
                    await self._port.set_member_overwrite(
                        ticket.channel_id, user_id, over.allow, over.deny
                    )
                await self._port.send_message(ticket.channel_id, notice)
        except PortError as error:
            _log_port_error("ticket.lock_failed", error, guild_id=server.guild, ticket=ticket)
            return False
        return True

    async def _delete_closed(
        self, server: ServerSpec, ticket: Ticket, actor: Actor, locale: str
    ) -> Done:
        gone = await self._delete_channel(ticket)
        if gone is None:  # staff must fix the bot's permissions first
            text = message_id("tickets-delete-failed")
            reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
            return Done(ticket, reply, complete=False)
        ticket = await self._tickets.mark_deleted(ticket.id, actor.user_id)
        text = message_id("tickets-closed-deleting" if gone else "tickets-delete-queued")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete=gone)

    # --- reopening and deleting ------------------------------------------------------

    async def reopen(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if not access.may_reopen(actor, server, system):
                raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
            ticket = await self._apply(
                locale, server, self._tickets.reopen(ticket.id, actor.user_id)
            )
        except _Stop as stop:
            return stop.refused
        complete = ticket.channel_id is not None
        try:
            if ticket.channel_id is not None:
                if ticket.style is Style.THREAD:
                    await self._port.unarchive_thread(ticket.channel_id)
                else:
                    for user_id in await self._participants(ticket):
                        over = access.open_member_overwrite(user_id)
                        await self._port.set_member_overwrite(
                            ticket.channel_id, user_id, over.allow, over.deny
                        )
                notice = messages.reopened_message(
                    self._translate, server, ticket, reopened_by=actor.user_id
                )
                await self._port.send_message(ticket.channel_id, notice)
        except PortError as error:
            _log_port_error("ticket.unlock_failed", error, guild_id=server.guild, ticket=ticket)
            complete = False
        await self._became_active(server, ticket)
        _log(
            logging.INFO,
            "ticket.reopened",
            guild_id=server.guild,
            ticket_id=ticket.id,
            actor_id=actor.user_id,
        )
        text = message_id("tickets-reopened-reply" if complete else "tickets-reopen-incomplete")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete)

    async def delete(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        """Staff only: close if needed, delete the channel, mark the row deleted (kept for
        history and numbering)."""
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if not access.may_delete(actor, server, system):
                raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
            if ticket.is_deleted:
                raise self._refusal(locale, server, TicketError(Refusal.DELETED))
            was_open = ticket.status is not TicketStatus.CLOSED
            if was_open:
                ticket = await self._apply(
                    locale, server, self._tickets.close(ticket.id, actor.user_id)
                )
        except _Stop as stop:
            return stop.refused
        if was_open:  # a closed ticket was archived when it closed
            await self._archive(server, ticket, actor.user_id, None)
        gone = await self._delete_channel(ticket)
        if gone is None:  # staff must fix the bot's permissions first
            text = message_id("tickets-delete-failed")
            reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
            return Done(ticket, reply, complete=False)
        ticket = await self._tickets.mark_deleted(ticket.id, actor.user_id)
        _log(
            logging.INFO,
            "ticket.deleted",
            guild_id=server.guild,
            ticket_id=ticket.id,
            actor_id=actor.user_id,
        )
        text = message_id("tickets-deleted-reply" if gone else "tickets-delete-queued")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete=gone)

    async def _delete_channel(self, ticket: Ticket) -> bool | None:
        """True when the channel is gone (deleted now or already). When Discord fails for
        now (5xx, 429, no answer) it is left to the clean-up queue, which retries until it
        is gone: False, and the ticket counts as deleted all the same. ``None`` when the bot
        may not delete it (its permissions): staff are told, nothing is queued."""
        if ticket.channel_id is None:
            return True
        cleanup = Cleanup.delete(ticket.guild_id, ticket.channel_id, ticket.id)
        # Queued first: if the process dies during the call, the next start finishes it.
        await self.cleanups.add(cleanup)
        try:
            await self._port.delete_channel(ticket.channel_id)
        except PortError as error:
            if error.kind not in _GONE:
                _log_port_error(
                    "ticket.delete_failed", error, guild_id=ticket.guild_id, ticket=ticket
                )
                if error.kind not in _NOT_ALLOWED:
                    return False  # the queue retries
                await self.cleanups.done(cleanup.key)
                return None
        await self.cleanups.done(cleanup.key)
        return True

    async def _became_active(self, server: ServerSpec, ticket: Ticket) -> None:
        if self.on_active is None:
            return
        try:
            await self.on_active(server, ticket)
        except Exception:  # a timer not armed now is armed at the next start or reload
            log.exception("ticket.arm_failed", extra={"ticket_id": ticket.id})

    async def _archive(
        self, server: ServerSpec, ticket: Ticket, closer: int, reason: str | None
    ) -> None:
        """Hand the just-closed ticket to the archiver while its channel still exists."""
        if self._archiver is None or ticket.channel_id is None:
            return
        try:
            await self._archiver(server, ticket, closed_by=closer, reason=reason)
        except Exception:  # a transcript never blocks a close
            log.exception(
                "ticket.archive_failed",
                extra={"event": "ticket.archive_failed", "ticket_id": ticket.id},
            )

    # --- Discord events and start-up -------------------------------------------------

    async def ticket_in_channel(self, channel_id: int) -> Ticket | None:
        """The ticket a channel or thread belongs to (for slash commands run inside it)."""
        return await self._tickets.get_by_channel(channel_id)

    async def on_channel_deleted(self, channel_id: int) -> Ticket | None:
        """Someone deleted a ticket channel by hand: the ticket is closed (if it was not),
        then marked deleted, so it stops counting toward the member's limit and its history
        says when it ended. ``None`` when it was no (live) ticket."""
        ticket = await self._tickets.get_by_channel(channel_id)
        if ticket is None or ticket.is_deleted:
            return None
        # No member acted (the audit log would say who; not worth a request): actor None.
        if ticket.status is not TicketStatus.CLOSED:
            with contextlib.suppress(TicketError):  # closed meanwhile by someone: fine
                ticket = await self._tickets.close(ticket.id, None)
        ticket = await self._tickets.mark_deleted(ticket.id, None)
        _log(logging.INFO, "ticket.channel_deleted", guild_id=ticket.guild_id, ticket_id=ticket.id)
        return ticket

    async def recover_abandoned(self, guild_ids: Iterable[int] | None = None) -> int:
        """At start (and now and then): drop the openings of processes that are gone,
        however recent, and queue what they left in Discord; returns how many."""
        return await self.cleanups.recover_abandoned(guild_ids)

    # --- helpers ---------------------------------------------------------------------

    async def _load(
        self, server: ServerSpec, ticket_id: int, locale: str
    ) -> tuple[Ticket, SystemSpec]:
        ticket = await self._tickets.get(ticket_id)
        if ticket is None or ticket.guild_id != server.guild:
            raise self._refusal(locale, server, TicketError(Refusal.NOT_FOUND))
        if ticket.creation is not CreationState.ACTIVE:
            raise self._stop(locale, server, "in-progress", message_id("tickets-in-progress"))
        if ticket.is_deleted:
            raise self._refusal(locale, server, TicketError(Refusal.DELETED))
        system = server.system(ticket.system_id)
        if system is None:  # the system was removed from the configuration
            raise self._stop(locale, server, "unknown-topic", message_id("tickets-unknown-topic"))
        return ticket, system

    def _check_may_close(
        self, server: ServerSpec, system: SystemSpec, ticket: Ticket, actor: Actor, locale: str
    ) -> None:
        if not access.may_close(actor, server, system, ticket):
            raise self._stop(locale, server, "not-allowed", message_id("tickets-not-allowed-close"))
        if ticket.status is TicketStatus.CLOSED:
            raise self._refusal(locale, server, TicketError(Refusal.CLOSED))

    async def _apply(self, locale: str, server: ServerSpec, change: Awaitable[Ticket]) -> Ticket:
        """Await a repository change; its :class:`TicketError` becomes a refusal."""
        try:
            return await change
        except TicketError as error:
            raise self._refusal(locale, server, error) from None

    async def _participants(self, ticket: Ticket) -> list[int]:
        members = await self._tickets.list_members(ticket.id)
        return [ticket.opener_id, *(m.user_id for m in members if m.user_id != ticket.opener_id)]

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> Refused:
        return Refused(messages.reply(self._translate, locale, server, msg_id, **args), reason)

    def _stop(self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId) -> _Stop:
        return _Stop(self._refused(locale, server, reason, msg_id))

    def _refusal(self, locale: str, server: ServerSpec, error: TicketError) -> _Stop:
        msg_id = _REPLY_FOR_REFUSAL.get(error.code, message_id("tickets-retry-later"))
        return _Stop(self._refused(locale, server, error.code.value, msg_id))

    def _port_refusal(self, request: _OpenRequest, error: PortError) -> Refused:
        server, locale = request.server, request.locale
        if error.kind in {PortErrorKind.MISSING_PERMISSIONS, PortErrorKind.MISSING_ACCESS}:
            # The cache saw nothing missing (else the request was never sent): name it all.
            return self._missing_permissions(request, everything_for(request.system))
        msg_id = _REPLY_FOR_PORT_ERROR.get(error.kind, message_id("tickets-retry-later"))
        refused = self._refused(locale, server, error.kind.value, msg_id)
        return replace(refused, staff_log=self._failure_entry(request, error.kind.value))

    def _missing_permissions(self, request: _OpenRequest, missing: tuple[Missing, ...]) -> Refused:
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
        request: _OpenRequest, problem: str, *, missing: tuple[Missing, ...] = ()
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


def _log(level: int, event: str, **ids: Any) -> None:
    """One structured line per event: ids and codes only, never what members typed."""
    log.log(level, event, extra={"event": event, **ids})


def _log_port_error(event: str, error: PortError, *, guild_id: int, ticket: Ticket) -> None:
    _log(
        logging.WARNING,
        event,
        guild_id=guild_id,
        ticket_id=ticket.id,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
