"""What every part of :class:`bot.services.staff.StaffService` shares: its state, the
results it returns, loading a ticket for staff, the ticket's card, and the replies, refusals
and log lines it makes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any, Protocol

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import access
from bot.domain import staff_messages as sm
from bot.domain.access import Actor
from bot.domain.block_messages import BlockView
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.ticket_messages import OutgoingMessage, Translate, user_mention
from bot.domain.tickets import (
    CreationState,
    Refusal,
    Ticket,
    TicketError,
)
from bot.i18n.ids import MessageId, message_id
from bot.services.event_log import EventLog
from bot.services.port import PortError, TicketPort
from bot.services.tickets import Done, JoinNotice, Refused
from bot.storage import TicketRepository

# The service's logger, whichever of its modules logs: operators filter on it.
log = logging.getLogger("bot.services.staff")

UNKNOWN_MESSAGE = 10008  # Discord: the message was deleted

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


class Stop(Exception):  # noqa: N818 - control flow inside the service, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


class StaffCore:
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
            log_port_error("ticket.card_failed", error, ticket)
            return False
        await self._tickets.set_first_message(ticket.id, new_id)
        return True

    async def _send(self, ticket: Ticket, message: OutgoingMessage) -> bool:
        if ticket.channel_id is None:
            return False
        try:
            await self._port.send_message(ticket.channel_id, message)
        except PortError as error:
            log_port_error("ticket.notice_failed", error, ticket)
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
    ) -> Stop:
        return Stop(self._refused(locale, server, reason, msg_id, **args))

    def _refusal(self, locale: str, server: ServerSpec, error: TicketError) -> Stop:
        msg_id = _REPLY_FOR_REFUSAL.get(error.code, message_id("tickets-retry-later"))
        args: dict[str, Any] = {}
        if error.code is Refusal.CLAIMED_BY_OTHER:
            args["staff"] = user_mention(int(error.details["claimed_by"]))
        return Stop(self._refused(locale, server, error.code.value, msg_id, **args))


def log_ticket(level: int, event: str, ticket: Ticket, **ids: Any) -> None:
    """One structured line per event: ids and codes only, never what members typed."""
    log.log(
        level,
        event,
        extra={"event": event, "guild_id": ticket.guild_id, "ticket_id": ticket.id, **ids},
    )


def log_port_error(event: str, error: PortError, ticket: Ticket) -> None:
    log_ticket(
        logging.WARNING,
        event,
        ticket,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
