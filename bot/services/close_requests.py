"""Close requests: staff ask, the opener accepts or keeps the ticket open, or it closes itself.

``/ticket close-request [reason] [delay]`` posts a prompt in the ticket (the opener's
language, the opener pinged) with *Close it* and *Keep it open*, which only the opener may
click, and arms a durable timer (kind ``close_request``) due after ``delay``. The timer is
armed *before* the prompt is posted and only fires once the prompt is recorded, so a crash in
between drops the request instead of closing a ticket nobody was asked about. Accept closes
the ticket (closed by the opener, with the staff's reason); Keep open cancels; no answer
closes it when the timer comes due, as a staff close would. A ticket closed meanwhile, or a
request already answered, makes every later step a no-op.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.config.build import parse_duration
from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain import close_request_messages as texts
from bot.domain.access import Actor
from bot.domain.ticket_messages import OutgoingMessage, reply
from bot.domain.tickets import Ticket, TicketStatus
from bot.i18n.ids import message_id
from bot.scheduler import Done, Outcome
from bot.services.port import PortError
from bot.services.timer_context import TimerService
from bot.storage.timers import Timer

log = logging.getLogger(__name__)

KIND = "close_request"
DEFAULT_DELAY = timedelta(hours=24)
MIN_DELAY, MAX_DELAY = timedelta(minutes=1), timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Answered:
    """The prompt as it now reads (the click edits it), and whether to close afterwards."""

    prompt: OutgoingMessage
    close: bool
    reason: str | None = None  # the staff's, for the close


@dataclass(frozen=True, slots=True)
class Told:
    """An ephemeral reply to whoever acted (a refusal, or the staff's confirmation)."""

    reply: OutgoingMessage


class CloseRequestService(TimerService):
    """Prompts, answers and the timeout of close requests (see the module docstring)."""

    def _told(self, locale: str, server: ServerSpec, msg_id: str, **args: object) -> Told:
        return Told(reply(self._translate, locale, server, message_id(msg_id), **args))

    async def request(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        reason: str | None,
        delay: str | None,
    ) -> Told:
        """Staff only, on an open ticket: post the prompt and arm its timer."""
        ticket = await self._tickets.get(ticket_id)
        system = server.system(ticket.system_id) if ticket is not None else None
        if ticket is None or system is None or ticket.channel_id is None or ticket.is_deleted:
            return self._told(locale, server, "tickets-not-a-ticket")
        if not access.is_staff(actor, server, system):
            return self._told(locale, server, "close-request-staff-only")
        if ticket.status is TicketStatus.CLOSED:
            return self._told(locale, server, "close-request-closed", number=ticket.number)
        wait = _delay(delay)
        if wait is None:
            return self._told(locale, server, "close-request-bad-delay", delay=delay or "")
        reason = reason.strip() if reason and reason.strip() else None
        closes_at = self._clock() + wait
        timer = Timer(
            ticket.id, KIND, ticket.guild_id, closes_at, actor_id=actor.user_id, reason=reason
        )
        await self._timers.arm(timer, replace_existing=True)  # a new request replaces one
        prompt = texts.prompt(
            self._translate, server, ticket, staff=actor.user_id, reason=reason, closes_at=closes_at
        )
        prompt_id = await self._port.send_message(ticket.channel_id, prompt)
        armed = await self._timers.get(ticket.id, KIND)
        if armed is not None and armed.message_id is None:  # from now on it may fire
            await self._timers.update(armed, replace(armed, message_id=prompt_id))
        log.info(
            "close_request.asked",
            extra={"event": "close_request.asked", "ticket_id": ticket.id, "by": actor.user_id},
        )
        return self._told(
            locale,
            server,
            "close-request-posted",
            member=f"<@{ticket.opener_id}>",
            when=texts.timestamp(closes_at),
        )

    async def answer(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str, accept: bool
    ) -> Answered | Told:
        """A click on the prompt: the opener only, once."""
        ticket = await self._tickets.get(ticket_id)
        if ticket is None or ticket.guild_id != server.guild:
            return self._told(locale, server, "tickets-not-a-ticket")
        if actor.user_id != ticket.opener_id:
            return self._told(
                locale, server, "close-request-not-opener", member=f"<@{ticket.opener_id}>"
            )
        pending = await self._timers.get(ticket.id, KIND)
        if pending is None or pending.message_id is None or ticket.status is TicketStatus.CLOSED:
            return self._told(locale, server, "close-request-not-pending")
        cancelled = await self._timers.cancel(ticket.id, KIND)
        if cancelled is None:  # the other click won
            return self._told(locale, server, "close-request-not-pending")
        kind = "close-request-accepted" if accept else "close-request-kept"
        prompt = texts.outcome(self._translate, server, ticket, kind, actor.user_id)
        return Answered(prompt, accept, cancelled.reason)

    async def close_accepted(
        self, server: ServerSpec, ticket_id: int, opener: int, reason: str | None
    ) -> None:
        """After the prompt says so: the ticket closes, by the opener, with the reason."""
        ticket = await self._tickets.get(ticket_id)
        if ticket is None:
            return
        reason = reason or texts.accepted_reason(self._translate, server, ticket)
        await self._close(server, ticket, reason=reason, closer=opener)

    async def run(self, timer: Timer) -> Outcome:
        """The scheduler's handler: no answer in time, the ticket closes."""
        ticket = await self._tickets.get(timer.ticket_id)
        if ticket is None or ticket.status is TicketStatus.CLOSED or ticket.is_deleted:
            return Done()
        if timer.message_id is None:  # the prompt was never recorded: nobody was asked
            return Done()
        server = self._server_for(timer.guild_id)
        if server is None or ticket.channel_id is None:
            return Done()
        notice = texts.outcome(self._translate, server, ticket, "close-request-expired", None)
        with contextlib.suppress(PortError):  # the prompt is cosmetic; the close is what counts
            await self._port.edit_message(ticket.channel_id, timer.message_id, notice)
        reason = timer.reason or texts.expired_reason(self._translate, server, ticket)
        await self._close(server, ticket, reason=reason, closer=None)
        return Done()

    async def _close(
        self, server: ServerSpec, ticket: Ticket, *, reason: str, closer: int | None
    ) -> None:
        await self._context.close(server, ticket.id, reason=reason, closer_id=closer)


def _delay(text: str | None) -> timedelta | None:
    """``None`` for a delay that is not one, or outside 1 minute .. 30 days."""
    if text is None or not text.strip():
        return DEFAULT_DELAY
    try:
        wait = timedelta(seconds=parse_duration(text.strip().lower()))
    except ValueError:
        return None
    return wait if MIN_DELAY <= wait <= MAX_DELAY else None
