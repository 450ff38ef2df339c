"""Awaiting reply: a ticket put on hold (waiting for the member) reminds its opener, once.

Per system, ``on_hold_reminder: 2d``. Putting a ticket on hold arms a durable timer (kind
``reminder``); any other status drops it. When due, the ticket's latest messages are read
once: an answer from the opener since it went on hold makes the reminder moot; otherwise it
is posted in the ticket in the opener's language, pinging only them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.config.specs import ServerSpec
from bot.domain.autoclose_messages import timestamp
from bot.domain.ticket_messages import (
    MAX_CONTENT,
    AllowedMentions,
    OutgoingMessage,
    fit,
    user_mention,
)
from bot.domain.tickets import Ticket, TicketStatus
from bot.scheduler import Done, Outcome
from bot.services.autoclose import READ_LIMIT, snowflake_time
from bot.services.timer_context import TimerService
from bot.storage.timers import Timer

log = logging.getLogger(__name__)

KIND = "reminder"


class ReminderService(TimerService):
    """Arms, drops and posts on-hold reminders (see the module docstring)."""

    async def status_changed(self, server: ServerSpec, ticket: Ticket) -> None:
        system = server.system(ticket.system_id)
        period = system.on_hold_reminder_seconds if system is not None else None
        if ticket.status is TicketStatus.ON_HOLD and period:
            due = self._clock() + timedelta(seconds=period)
            await self._timers.arm(
                Timer(ticket.id, KIND, ticket.guild_id, due), replace_existing=True
            )
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
        )
        await self._port.send_message(ticket.channel_id, message)
        log.info("reminder.posted", extra={"event": "reminder.posted", "ticket_id": ticket.id})
        return Done()
