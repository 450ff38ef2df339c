"""Manual approval: a member's request waits in the reception channel for staff.

``request`` stores the request and posts it (server's locale) with Accept and Refuse
buttons; ``accept`` has :class:`TicketService` open the ticket for the member; ``refuse``
tells the member in their language by DM. Decisions are a conditional UPDATE in storage:
of two staff clicking at once, exactly one decides and the other hears "already decided".
The results, state and shared helpers are :mod:`bot.services.approval_core`.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.config.specs import Approval, ServerSpec, SystemSpec
from bot.domain import approval_messages as am
from bot.domain.access import Actor
from bot.domain.approval_messages import Decision
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.ticket_messages import channel_mention, user_mention
from bot.domain.tickets import ApprovalRequest, ApprovalStatus
from bot.i18n.ids import message_id
from bot.services.approval_core import (
    ApprovalCore,
    Decided,
    Requested,
    Stop,
    log_member,
    log_port_error,
    log_request,
)
from bot.services.port import PortError
from bot.services.tickets import Opened, Refused
from bot.storage import NewApproval

__all__ = ["ApprovalService", "Decided", "Requested"]

log = logging.getLogger(__name__)


class ApprovalService(ApprovalCore):
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
        except Stop as stop:
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
                log_member(logging.INFO, "approval.limit_refused", server, member, refused)
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
            log_port_error("approval.post_failed", error, request)
            return self._refused(
                locale, server, error.kind.value, message_id("approval-unavailable")
            )
        await self._approvals.set_message(request.id, posted)
        request = replace(request, reception_message_id=posted)
        log_request(logging.INFO, "approval.requested", request)
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
                    log_request(logging.INFO, "approval.member_at_limit", request)
                    return at_limit
                request = await self._decide(
                    locale, server, self._approvals.accept(request.id, staff.user_id)
                )
        except Stop as stop:
            return stop.refused
        opened = await self._open_for_member(server, request, staff, locale)
        if isinstance(opened, Refused):
            log_request(logging.WARNING, "approval.open_failed", request, reason=opened.reason)
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
        log_request(logging.INFO, "approval.accepted", request, ticket_id=ticket.id)
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
        except Stop as stop:
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
        log_request(logging.INFO, "approval.member_left", request)
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
        except Stop as stop:
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
            log_port_error("approval.dm_failed", error, request)
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
        log_request(logging.INFO, "approval.refused", request, notified=notified)
        text = message_id("approval-refused-reply" if notified else "approval-refused-no-dm")
        reply = self._reply(locale, server, text, member=user_mention(request.member_id))
        return Decided(request, reply, member_notified=notified)
