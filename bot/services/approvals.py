"""Manual approval: a member's request waits in the reception channel for staff.

``request`` stores the request and posts it (server's locale) with Accept and Refuse
buttons; ``accept`` has :class:`TicketService` open the ticket for the member; ``refuse``
tells the member in their language by DM. Decisions are a conditional UPDATE in storage:
of two staff clicking at once, exactly one decides and the other hears "already decided".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from bot.config.specs import Approval, ServerSpec, SystemSpec
from bot.domain import access
from bot.domain import approval_messages as am
from bot.domain import staff_messages as sm
from bot.domain.access import Actor
from bot.domain.approval_messages import Decision
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.ticket_messages import OutgoingMessage, Translate, channel_mention, user_mention
from bot.domain.tickets import ApprovalRequest, ApprovalStatus, Refusal, Ticket, TicketError
from bot.i18n.ids import MessageId, message_id
from bot.services.event_log import EventLog
from bot.services.port import PortError, TicketPort
from bot.services.tickets import Opened, Refused, TicketService
from bot.storage import ApprovalRepository, NewApproval

log = logging.getLogger(__name__)


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


class _Stop(Exception):  # noqa: N818 - control flow inside this module, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


class ApprovalService:
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

    # --- asking ----------------------------------------------------------------------

    async def request(
        self,
        server: ServerSpec,
        system_id: str,
        topic_id: str,
        member: Actor,
        *,
        locale: str,
        request_key: str,
        reason: str | None = None,
        answers: tuple[tuple[str, str], ...] = (),
    ) -> Requested | Refused:
        """Store the request and post it in the system's reception channel.

        One pending request per member and system; ``request_key`` (the interaction id)
        makes a redelivered submission return the first one. The member's limits apply as
        to a direct opening (open tickets and waiting requests against
        ``max_open_per_member``, and the cooldown), with the same answer.
        """
        try:
            system = self._manual_system(server, system_id, topic_id, locale, reason)
        except _Stop as stop:
            return stop.refused
        assert system.reception is not None  # checked by _manual_system
        waiting = await self._approvals.count_pending_for_member(
            server.guild, system.id, member.user_id
        )
        if not waiting:  # a waiting request has its own answer (one at a time), below
            refused = await self._gate(server, system, member, locale)
            refused = refused or await self._tickets.opening_refusal(
                server, system, member.user_id, locale=locale
            )
            if refused is not None:
                _log_member(logging.INFO, "approval.limit_refused", server, member, refused)
                return refused
        new = NewApproval(
            guild_id=server.guild,
            system_id=system.id,
            topic_id=topic_id,
            member_id=member.user_id,
            locale=locale,
            request_key=request_key,
            reason=reason.strip() if reason and reason.strip() else None,
            answers=tuple((q, a) for q, a in answers if a.strip()),
        )
        request, created = await self._approvals.create(new)
        reception = am.reception_message(self._translate, server, request)
        sent = self._reply(locale, server, message_id("approval-sent"))
        if not created:
            return Requested(request, sent, reception, existing=True)
        if waiting:
            await self._approvals.discard(request.id)
            text = message_id("approval-already-pending")
            return self._refused(locale, server, "already-pending", text)
        try:
            posted = await self._port.send_message(system.reception, reception)
        except PortError as error:
            await self._approvals.discard(request.id)
            _log_port_error("approval.post_failed", error, request)
            return self._refused(
                locale, server, error.kind.value, message_id("approval-unavailable")
            )
        await self._approvals.set_message(request.id, posted)
        request = replace(request, reception_message_id=posted)
        _log(logging.INFO, "approval.requested", request)
        return Requested(request, sent, reception)

    async def precheck(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None:
        """Before the dialog opens: the refusal :meth:`request` would give now (a request
        already waiting, the member's limits), so nobody types answers only to be refused."""
        waiting = await self._approvals.count_pending_for_member(
            server.guild, system.id, member.user_id
        )
        if waiting:
            text = message_id("approval-already-pending")
            return self._refused(locale, server, "already-pending", text)
        if (refused := await self._gate(server, system, member, locale)) is not None:
            return refused
        return await self._tickets.opening_refusal(server, system, member.user_id, locale=locale)

    async def _gate(
        self, server: ServerSpec, system: SystemSpec, member: Actor, locale: str
    ) -> Refused | None:
        """Blocks and a system's open/blocked roles stop a request as they stop an opening."""
        gate = self._tickets.gate
        return None if gate is None else await gate(server, system, member, locale=locale)

    def _manual_system(
        self, server: ServerSpec, system_id: str, topic_id: str, locale: str, reason: str | None
    ) -> SystemSpec:
        system = server.system(system_id)
        if system is None or system.topic(topic_id) is None:
            raise self._stop(locale, server, "unknown-topic", message_id("tickets-unknown-topic"))
        if not system.enabled:
            raise self._stop(locale, server, "disabled", message_id("tickets-system-disabled"))
        if system.require_open_reason and not (reason and reason.strip()):
            text = message_id("tickets-open-reason-required")
            raise self._stop(locale, server, "reason-required", text)
        if system.approval is not Approval.MANUAL or system.reception is None:
            # Validation requires a reception for manual systems: a caller's mistake.
            log.warning(
                "approval.not_manual",
                extra={"event": "approval.not_manual", "guild_id": server.guild},
            )
            raise self._stop(locale, server, "not-manual", message_id("approval-unavailable"))
        return system

    # --- deciding --------------------------------------------------------------------

    async def accept(
        self, server: ServerSpec, request_id: int, staff: Actor, *, locale: str
    ) -> Decided | Refused:
        """Open the ticket for the member, in their language, opened by ``staff``.

        If opening fails after the decision was stored (Discord refused the channel), the
        same staff member may click Accept again: the ticket's request_key is derived from
        the request, so a retry never makes two tickets.
        """
        try:
            request, system = await self._load(server, request_id, staff, locale)
            retry = (
                request.status is ApprovalStatus.ACCEPTED
                and request.ticket_id is None
                and request.decided_by == staff.user_id
            )
            if not retry:
                self._check_pending(request, locale, server)
                if not await self._port.member_exists(server.guild, request.member_id):
                    return await self._member_left(server, request, staff, locale)
                # Accepting must not take the member past the maximum (they may have opened
                # tickets since asking): the request stays pending, staff are told why.
                at_limit = await self._tickets.max_open_refusal(
                    server, system, request.member_id, locale=locale
                )
                if at_limit is not None:
                    _log(logging.INFO, "approval.member_at_limit", request)
                    return at_limit
                request = await self._decide(
                    locale, server, self._approvals.accept(request.id, staff.user_id)
                )
        except _Stop as stop:
            return stop.refused
        opened = await self._open_for_member(server, request, staff, locale)
        if isinstance(opened, Refused):
            _log(logging.WARNING, "approval.open_failed", request, reason=opened.reason)
            if opened.staff_log is not None and self._event_log is not None:
                await self._event_log.post(server, opened.staff_log)
            return opened
        ticket = opened.ticket
        await self._approvals.set_ticket(request.id, ticket.id)
        request = replace(request, ticket_id=ticket.id)
        await self._edit_reception(
            server,
            system,
            request,
            Decision.ACCEPTED,
            staff_id=staff.user_id,
            channel_id=ticket.channel_id,
        )
        if self._event_log is not None:
            entry = LogEntry.for_ticket(LogKind.APPROVED, ticket, staff.user_id)
            await self._event_log.post(server, entry)
        _log(logging.INFO, "approval.accepted", request, ticket_id=ticket.id)
        reply = self._reply(
            locale,
            server,
            message_id("approval-accepted-reply"),
            channel=channel_mention(opened.channel_id),
            member=user_mention(request.member_id),
        )
        return Decided(request, reply, ticket=ticket)

    async def may_decide(
        self, server: ServerSpec, request_id: int, staff: Actor, *, locale: str
    ) -> Refused | None:
        """Whether ``staff`` may still decide (before asking them for a refusal reason):
        ``None`` when they may, else the refusal to show."""
        try:
            request, _ = await self._load(server, request_id, staff, locale)
            self._check_pending(request, locale, server)
        except _Stop as stop:
            return stop.refused
        return None

    async def _open_for_member(
        self, server: ServerSpec, request: ApprovalRequest, staff: Actor, locale: str
    ) -> Opened | Refused:
        """Tickets staff open speak the server's locale by default; an accepted request speaks
        the member's (the locale they asked in)."""
        return await self._tickets.open_ticket(
            server,
            request.system_id,
            request.topic_id,
            Actor(request.member_id),
            locale=locale,
            request_key=f"approval-{request.id}",
            reason=request.reason,
            answers=request.answers,
            opened_by=staff,
            ticket_locale=request.locale,
            enforce_max_open=True,
        )

    async def _member_left(
        self, server: ServerSpec, request: ApprovalRequest, staff: Actor, locale: str
    ) -> Refused:
        """The member is gone: close the request so it stops waiting, and say why."""
        request = await self._decide(
            locale, server, self._approvals.refuse(request.id, staff.user_id, None)
        )
        system = server.system(request.system_id)
        if system is not None:
            await self._edit_reception(server, system, request, Decision.MEMBER_LEFT)
        _log(logging.INFO, "approval.member_left", request)
        text = message_id("approval-member-left")
        return self._refused(
            locale, server, "member-left", text, member=user_mention(request.member_id)
        )

    async def refuse(
        self,
        server: ServerSpec,
        request_id: int,
        staff: Actor,
        *,
        locale: str,
        reason: str | None = None,
    ) -> Decided | Refused:
        """Refuse, update the reception message, and tell the member by DM (their locale)."""
        reason = reason.strip() if reason and reason.strip() else None
        try:
            request, system = await self._load(server, request_id, staff, locale)
            self._check_pending(request, locale, server)
            request = await self._decide(
                locale, server, self._approvals.refuse(request.id, staff.user_id, reason)
            )
        except _Stop as stop:
            return stop.refused
        await self._edit_reception(
            server, system, request, Decision.REFUSED, staff_id=staff.user_id
        )
        notified = True
        try:
            await self._port.send_dm(
                request.member_id, am.refused_dm(self._translate, server, request)
            )
        except PortError as error:
            # DMs closed (50007) or the member left: the decision stands, staff are told.
            notified = False
            _log_port_error("approval.dm_failed", error, request)
        if self._event_log is not None:
            entry = LogEntry(
                kind=LogKind.REFUSED,
                system_id=request.system_id,
                topic_id=request.topic_id,
                actor_id=staff.user_id,
                member_id=request.member_id,
                text=reason,
            )
            await self._event_log.post(server, entry)
        _log(logging.INFO, "approval.refused", request, notified=notified)
        text = message_id("approval-refused-reply" if notified else "approval-refused-no-dm")
        reply = self._reply(locale, server, text, member=user_mention(request.member_id))
        return Decided(request, reply, member_notified=notified)

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
    ) -> _Stop:
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
            _log_port_error("approval.reception_edit_failed", error, request)

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
    ) -> _Stop:
        return _Stop(self._refused(locale, server, reason, msg_id, **args))


def _log(level: int, event: str, request: ApprovalRequest, **ids: Any) -> None:
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


def _log_member(
    level: int, event: str, server: ServerSpec, member: Actor, refused: Refused
) -> None:
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


def _log_port_error(event: str, error: PortError, request: ApprovalRequest) -> None:
    _log(
        logging.WARNING,
        event,
        request,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
