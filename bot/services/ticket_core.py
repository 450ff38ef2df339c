"""State and helpers shared by every part of the ticket service (:mod:`bot.services.tickets`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import access
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import CreationState, Refusal, Ticket, TicketError, TicketStatus
from bot.i18n.ids import MessageId, message_id
from bot.services.cleanup import CleanupService
from bot.services.port import PortErrorKind, TicketPort
from bot.services.ticket_results import (
    ActiveHook,
    Archiver,
    JoinNotice,
    OpeningGate,
    Refused,
    Stop,
    log,
)
from bot.storage import OpeningRepository, Owner, TicketRepository
from bot.storage.database import utc_now

# Discord already dropped what we wanted to delete.
GONE = frozenset({PortErrorKind.UNKNOWN_CHANNEL})
# The bot may not do it: retrying will not help until staff fix its permissions.
NOT_ALLOWED = frozenset({PortErrorKind.MISSING_PERMISSIONS, PortErrorKind.MISSING_ACCESS})

_REPLY_FOR_REFUSAL: dict[Refusal, MessageId] = {
    Refusal.NOT_FOUND: message_id("tickets-unknown-ticket"),
    Refusal.DELETED: message_id("tickets-deleted"),
    Refusal.CLOSED: message_id("tickets-already-closed"),
    Refusal.NOT_CLOSED: message_id("tickets-not-closed"),
}


class TicketCore:
    """The repositories, the port and the translator, and the helpers each part uses."""

    # Told of every close once it is stored, before its transcript and channel changes (the
    # member's summary arms on it: bot.services.close_summary); set by the client.
    on_closed: ActiveHook | None = None

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

    async def _became_active(self, server: ServerSpec, ticket: Ticket) -> None:
        if self.on_active is None:
            return
        try:
            await self.on_active(server, ticket)
        except Exception:  # a timer not armed now is armed at the next start or reload
            log.exception("ticket.arm_failed", extra={"ticket_id": ticket.id})

    async def _was_closed(self, server: ServerSpec, ticket: Ticket) -> None:
        if self.on_closed is None:
            return
        try:
            await self.on_closed(server, ticket)
        except Exception:  # the member's summary never blocks a close
            log.exception("ticket.closed_hook_failed", extra={"ticket_id": ticket.id})

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

    def _stop(self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId) -> Stop:
        return Stop(self._refused(locale, server, reason, msg_id))

    def _refusal(self, locale: str, server: ServerSpec, error: TicketError) -> Stop:
        msg_id = _REPLY_FOR_REFUSAL.get(error.code, message_id("tickets-retry-later"))
        return Stop(self._refused(locale, server, error.code.value, msg_id))
