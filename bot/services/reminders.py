"""Awaiting reply: a ticket put on hold (waiting for the member) reminds its opener, once.

Per system, ``on_hold_reminder: 2d``. Putting a ticket on hold arms a durable timer (kind
``reminder``); any other status drops it. When due, the ticket's latest messages are read
once: an answer from the opener since it went on hold makes the reminder moot; otherwise it
is posted in the ticket in the opener's language, pinging only them.

Posting is idempotent: the timer stores when the ticket went on hold (as a snowflake, in
``seen_message_id``: messages after it are answers), and the reminder is sent with a nonce
made of the ticket and that moment, which Discord enforces (``enforce_nonce``). An attempt
that died after the post but before the timer was finished is taken again once its claim
lapses (a minute) and its post returns the first message instead of a second one, as a
retried log line does (:mod:`bot.services.log_queue`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.config.specs import ServerSpec
from bot.domain.autoclose_messages import timestamp
from bot.domain.nonces import ticket_moment
from bot.domain.ticket_messages import (
    MAX_CONTENT,
    AllowedMentions,
    OutgoingMessage,
    fit,
    user_mention,
)
from bot.domain.tickets import Ticket, TicketStatus
from bot.scheduler import Done, Outcome
from bot.services.autoclose import READ_LIMIT, snowflake_at, snowflake_time
from bot.services.timer_context import TimerService
from bot.storage.timers import Timer

log = logging.getLogger(__name__)

KIND = "reminder"


def reminder_nonce(ticket_id: int, since: datetime) -> str:
    """The ticket and the start of its hold (see :mod:`bot.domain.nonces`)."""
    return ticket_moment("gr", ticket_id, since)


class ReminderService(TimerService):
    """Arms, drops and posts on-hold reminders (see the module docstring)."""

    async def status_changed(self, server: ServerSpec, ticket: Ticket) -> None:
        system = server.system(ticket.system_id)
        period = system.on_hold_reminder_seconds if system is not None else None
        if ticket.status is TicketStatus.ON_HOLD and period:
            now = self._clock()
            due = now + timedelta(seconds=period)
            held = Timer(ticket.id, KIND, ticket.guild_id, due, seen_message_id=snowflake_at(now))
            await self._timers.arm(held, replace_existing=True)
        else:
            await self._timers.cancel(ticket.id, KIND)

    async def run(self, timer: Timer) -> Outcome:
        ticket = await self._tickets.get(timer.ticket_id)
        server = self._server_for(timer.guild_id)
        system = server.system(ticket.system_id) if server and ticket else None
        if (
            ticket is None
            or server is None
            or system is None
            or not system.on_hold_reminder_seconds
            or ticket.status is not TicketStatus.ON_HOLD
            or ticket.channel_id is None
        ):
            return Done()
        # The stored moment, not due_at minus the period: a claim moves due_at on.
        if timer.seen_message_id is not None:
            since = snowflake_time(timer.seen_message_id)
        else:  # armed by an earlier version
            since = timer.due_at - timedelta(seconds=system.on_hold_reminder_seconds)
        found = await self._port.messages_after(ticket.channel_id, None, limit=READ_LIMIT)
        if any(m.author_id == ticket.opener_id and snowflake_time(m.id) > since for m in found):
            return Done()  # they answered since it went on hold
        text = self._translate(
            "reminder-on-hold",
            ticket.locale,
            server_locale=server.locale,
            member=user_mention(ticket.opener_id),
            since=timestamp(since),
        )
        message = OutgoingMessage(
            content=fit(text, MAX_CONTENT),
            allowed_mentions=AllowedMentions(users=(ticket.opener_id,)),
            nonce=reminder_nonce(ticket.id, since),
        )
        await self._port.send_message(ticket.channel_id, message)
        log.info("reminder.posted", extra={"event": "reminder.posted", "ticket_id": ticket.id})
        return Done()
