"""What :class:`bot.services.approvals.ApprovalService` shares between asking and deciding:
its results, its state, loading a request for staff, deciding it once, the reception
message's update, and its replies, refusals and log lines."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import access
from bot.domain import approval_messages as am
from bot.domain import staff_messages as sm
from bot.domain.access import Actor
from bot.domain.approval_messages import Decision
from bot.domain.ticket_messages import OutgoingMessage, Translate, user_mention
from bot.domain.tickets import ApprovalRequest, ApprovalStatus, Refusal, Ticket, TicketError
from bot.i18n.ids import MessageId, message_id
from bot.services.event_log import EventLog
from bot.services.port import PortError, TicketPort
from bot.services.tickets import Refused, TicketService
from bot.storage import ApprovalRepository

# The service's logger, whichever of its modules logs: operators filter on it.
log = logging.getLogger("bot.services.approvals")


@dataclass(frozen=True, slots=True)
class Requested:
    request: ApprovalRequest
    reply: OutgoingMessage  # ephemeral, for the member: "your request was sent"
    reception: OutgoingMessage  # what was posted in the reception channel
    existing: bool = False  # the request_key was seen before: nothing new posted


@dataclass(frozen=True, slots=True)
class Decided:
    request: ApprovalRequest
    reply: OutgoingMessage  # ephemeral, for the staff member who decided
    ticket: Ticket | None = None  # accepted: the ticket opened
    member_notified: bool = True  # refused: False when the member's DMs are closed


class Stop(Exception):  # noqa: N818 - control flow inside the service, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


class ApprovalCore:
    def __init__(
        self,
        approvals: ApprovalRepository,
        tickets: TicketService,
        port: TicketPort,
        translate: Translate,
        *,
        event_log: EventLog | None = None,
    ) -> None:
        self._approvals = approvals
        self._tickets = tickets
        self._port = port
        self._translate = translate
        self._event_log = event_log

    # --- helpers ---------------------------------------------------------------------

    async def _load(
        self, server: ServerSpec, request_id: int, staff: Actor, locale: str
    ) -> tuple[ApprovalRequest, SystemSpec]:
        request = await self._approvals.get(request_id)
        if request is None or request.guild_id != server.guild:
            raise self._stop(locale, server, "not-found", message_id("approval-unknown"))
        system = server.system(request.system_id)
        if system is None:
            raise self._stop(locale, server, "unknown-topic", message_id("tickets-unknown-topic"))
        if not access.is_staff(staff, server, system):
            raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
        return request, system

    def _check_pending(self, request: ApprovalRequest, locale: str, server: ServerSpec) -> None:
        if request.status is not ApprovalStatus.PENDING:
            raise self._already_decided(locale, server, request.status, request.decided_by)

    async def _decide(self, locale: str, server: ServerSpec, change: Any) -> ApprovalRequest:
        try:
            return await change
        except TicketError as error:
            if error.code is Refusal.ALREADY_DECIDED:
                raise self._already_decided(
                    locale,
                    server,
                    ApprovalStatus(error.details["status"]),
                    error.details.get("decided_by"),
                ) from None
            raise self._stop(
                locale, server, error.code.value, message_id("approval-unknown")
            ) from None

    def _already_decided(
        self, locale: str, server: ServerSpec, status: ApprovalStatus, decided_by: int | None
    ) -> Stop:
        staff = user_mention(decided_by) if decided_by is not None else ""
        text = message_id("approval-already-decided")
        return self._stop(
            locale, server, Refusal.ALREADY_DECIDED, text, status=status.value, staff=staff
        )

    async def _edit_reception(
        self,
        server: ServerSpec,
        system: SystemSpec,
        request: ApprovalRequest,
        decision: Decision,
        *,
        staff_id: int | None = None,
        channel_id: int | None = None,
    ) -> None:
        """Show the decision in place of the buttons; a failure only costs the display."""
        if system.reception is None or request.reception_message_id is None:
            return
        message = am.reception_message(
            self._translate,
            server,
            request,
            decision=decision,
            staff_id=staff_id,
            channel_id=channel_id,
        )
        try:
            await self._port.edit_message(system.reception, request.reception_message_id, message)
        except PortError as error:
            log_port_error("approval.reception_edit_failed", error, request)

    def _reply(
        self, locale: str, server: ServerSpec, msg_id: MessageId, **args: Any
    ) -> OutgoingMessage:
        return sm.reply(self._translate, locale, server, msg_id, **args)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> Refused:
        return Refused(self._reply(locale, server, msg_id, **args), reason)

    def _stop(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: Any
    ) -> Stop:
        return Stop(self._refused(locale, server, reason, msg_id, **args))


def log_request(level: int, event: str, request: ApprovalRequest, **ids: Any) -> None:
    """Ids and codes only, never what the member typed."""
    log.log(
        level,
        event,
        extra={
            "event": event,
            "guild_id": request.guild_id,
            "request_id": request.id,
            "member_id": request.member_id,
            **ids,
        },
    )


def log_member(level: int, event: str, server: ServerSpec, member: Actor, refused: Refused) -> None:
    log.log(
        level,
        event,
        extra={
            "event": event,
            "guild_id": server.guild,
            "member_id": member.user_id,
            "reason": refused.reason,
        },
    )


def log_port_error(event: str, error: PortError, request: ApprovalRequest) -> None:
    log_request(
        logging.WARNING,
        event,
        request,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
