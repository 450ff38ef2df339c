"""What the timer-driven services (auto-close, close requests) share: their dependencies and
the close they end with, logged as a member's close would be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.config.specs import ServerSpec
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import Ticket
from bot.services.event_log import EventLog
from bot.services.port import TicketPort
from bot.services.tickets import Done, TicketService
from bot.storage import TicketRepository
from bot.storage.timers import TimerRepository


@dataclass(frozen=True, slots=True)
class TimerContext:
    timers: TimerRepository
    tickets: TicketRepository
    service: TicketService
    port: TicketPort
    translate: Translate
    event_log: EventLog
    server_for: Callable[[int], ServerSpec | None]  # at call time: a reload swaps the specs
    clock: Callable[[], datetime]

    async def close(
        self, server: ServerSpec, ticket_id: int, *, reason: str, closer_id: int | None = None
    ) -> Ticket | None:
        """Close as a timer does (see ``TicketService.close_automatically``), then the log
        channel's line(s); the closed ticket, or None when it was closed already or gone."""
        result = await self.service.close_automatically(
            server, ticket_id, reason=reason, closer_id=closer_id
        )
        if not isinstance(result, Done):
            return None
        actor = closer_id if closer_id is not None else self.port.bot_user_id
        closed = result.ticket
        await self.event_log.ticket_event(
            server, LogKind.CLOSED, closed, actor, text=closed.close_reason
        )
        if closed.is_deleted:
            await self.event_log.ticket_event(server, LogKind.DELETED, closed, actor)
        return closed


class TimerService:
    """Base of the services a timer drives: their context's parts, by the names they use."""

    def __init__(self, context: TimerContext) -> None:
        self._timers = context.timers
        self._tickets = context.tickets
        self._port = context.port
        self._translate = context.translate
        self._server_for = context.server_for
        self._clock = context.clock
        self._context = context
