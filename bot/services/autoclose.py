"""Auto-close on inactivity: a watch per open ticket, a warning, then a normal close.

One durable timer per ticket (kind ``inactivity``) in two stages:

- ``watch``: due when the ticket has been quiet for ``after``. A message that counts
  (the opener's, or anyone's but the bot's) moves it on as it arrives (no Discord request).
  When due, the ticket's newest messages are read once (messages missed while the bot was
  down count too); if none counts since the period began, the warning is posted.
- ``warned``: due ``warning`` after the warning. A message that counts, or the warning's
  *Keep it open* button, cancels it (the warning is edited to say so). When due, the messages
  after the warning are read once more, then the ticket closes as a staff close would
  (reason localized, transcript, log line, ``on_close``).

Every step is idempotent: a warning already posted (a crash before it was recorded) is found
among the messages read and adopted, not posted twice; a closed ticket just drops its timer.
A disabled auto-close (removed from the YAML) drops the timer when it comes due, without a
request. On-hold tickets are spared when ``exclude_on_hold``.

Enabling auto-close on open tickets arms each at ``max(opened + after, now)``: an overdue
ticket is warned at the next sweep and closes only after the full warning period.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config.specs import AutoCloseSpec, ServerSpec
from bot.domain import autoclose_messages as texts
from bot.domain.tickets import Ticket, TicketStatus
from bot.scheduler import Done, Later, Outcome
from bot.services.port import ChannelMessage, PortError
from bot.services.timer_context import TimerService
from bot.storage.timers import WATCH, Timer

log = logging.getLogger(__name__)

KIND = "inactivity"
WARNED = "warned"
# Messages read when a timer comes due: enough for a busy day; a longer burst counts as
# activity anyway (its newest message is among them).
READ_LIMIT = 50
DISCORD_EPOCH_MS = 1_420_070_400_000


def snowflake_time(snowflake: int) -> datetime:
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, UTC)


def snowflake_at(at: datetime) -> int:
    """The smallest snowflake of ``at``'s millisecond: messages after it are newer."""
    return (int(at.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22


def spec_for(server: ServerSpec | None, ticket: Ticket) -> AutoCloseSpec | None:
    system = server.system(ticket.system_id) if server is not None else None
    return system.auto_close if system is not None else None


class AutoCloseService(TimerService):
    """Watches quiet tickets, warns them, closes them (see the module docstring)."""

    # --- arming ----------------------------------------------------------------------

    async def arm(self, server: ServerSpec, ticket: Ticket) -> None:
        """A ticket became open (opened or reopened): its watch starts now."""
        spec = spec_for(server, ticket)
        if spec is None or ticket.status is TicketStatus.CLOSED:
            return
        due = self._clock() + timedelta(seconds=spec.after_seconds)
        await self._timers.arm(Timer(ticket.id, KIND, ticket.guild_id, due), replace_existing=True)

    async def arm_backlogs(self, servers: Sequence[ServerSpec]) -> int:
        """:meth:`arm_backlog` of many servers, their tickets read in one query."""
        afters = {
            (server.guild, system.id): timedelta(seconds=system.auto_close.after_seconds)
            for server in servers
            for system in server.systems
            if system.auto_close is not None
        }
        if not afters:
            return 0
        now = self._clock()
        unarmed = await self._timers.unarmed_open_tickets_in(
            {guild for guild, _ in afters}, sorted({system for _, system in afters}), KIND
        )
        timers = [
            Timer(ticket_id, KIND, guild, max(opened + afters[guild, system], now))
            for ticket_id, opened, guild, system in unarmed
            if (guild, system) in afters
        ]
        if timers:
            await self._timers.arm_many(timers)
        return len(timers)

    async def arm_backlog(self, server: ServerSpec) -> int:
        """Open tickets of systems with auto-close and no watch yet (auto-close just enabled,
        or tickets from before it): each is watched from its opening, but none comes due
        before now, so an overdue ticket is warned first. Returns how many were armed."""
        now = self._clock()
        armed = 0
        for system in server.systems:
            if system.auto_close is None:
                continue
            after = timedelta(seconds=system.auto_close.after_seconds)
            unarmed = await self._timers.unarmed_open_tickets(server.guild, [system.id], KIND)
            await self._timers.arm_many(
                Timer(ticket_id, KIND, server.guild, max(opened + after, now))
                for ticket_id, opened in unarmed
            )
            armed += len(unarmed)
        return armed

    # --- activity --------------------------------------------------------------------

    async def activity(self, channel_id: int, author_id: int, message_id: int) -> bool:
        """A message in a ticket channel (never the bot's): True when it re-armed a watch."""
        ticket = await self._tickets.get_by_channel(channel_id)
        if ticket is None or ticket.status is TicketStatus.CLOSED or ticket.is_deleted:
            return False
        server = self._server_for(ticket.guild_id)
        spec = spec_for(server, ticket)
        if server is None or spec is None or not self._counts(spec, ticket, author_id):
            return False
        await self.keep_open(server, ticket, spec, by=author_id, seen=message_id)
        return True

    async def keep_open(
        self,
        server: ServerSpec,
        ticket: Ticket,
        spec: AutoCloseSpec,
        *,
        by: int,
        seen: int | None,
        edit_warning: bool = True,
    ) -> bool:
        """The watch restarts now; a pending warning is cancelled (and says so). True when a
        warning was cancelled."""
        due = self._clock() + timedelta(seconds=spec.after_seconds)
        before = await self._timers.rearm(ticket.id, KIND, due=due, seen_message_id=seen)
        if before is None:
            await self._timers.arm(
                Timer(ticket.id, KIND, ticket.guild_id, due, seen_message_id=seen)
            )
            return False
        if before.stage != WARNED:
            return False
        if edit_warning and before.message_id is not None and ticket.channel_id is not None:
            notice = texts.cancelled(self._translate, server, ticket, by)
            try:
                await self._port.edit_message(ticket.channel_id, before.message_id, notice)
            except PortError as error:  # the watch is re-armed all the same
                log.info("autoclose.cancel_edit_failed", extra={"kind": error.kind.value})
        log.info(
            "autoclose.cancelled",
            extra={"event": "autoclose.cancelled", "ticket_id": ticket.id, "by": by},
        )
        return True

    def _counts(self, spec: AutoCloseSpec, ticket: Ticket, author_id: int) -> bool:
        return spec.anyone_counts or author_id == ticket.opener_id

    def _counting(
        self, spec: AutoCloseSpec, ticket: Ticket, found: list[ChannelMessage]
    ) -> ChannelMessage | None:
        """The newest message that keeps the ticket open (found is newest first)."""
        return next(
            (m for m in found if not m.author_is_bot and self._counts(spec, ticket, m.author_id)),
            None,
        )

    # --- the timer -------------------------------------------------------------------

    async def run(self, timer: Timer) -> Outcome:
        """The scheduler's handler for ``inactivity`` timers."""
        ticket = await self._tickets.get(timer.ticket_id)
        server = self._server_for(timer.guild_id)
        if ticket is None or ticket.is_deleted or ticket.status is TicketStatus.CLOSED:
            return Done()
        spec = spec_for(server, ticket)
        if server is None or spec is None or ticket.channel_id is None:
            return Done()  # disabled (or its system removed): never fires while disabled
        now = self._clock()
        after = timedelta(seconds=spec.after_seconds)
        if spec.exclude_on_hold and ticket.status is TicketStatus.ON_HOLD:
            return Later(replace(timer, stage=WATCH, due_at=now + after, message_id=None))
        if timer.stage == WARNED and timer.message_id is not None:
            return await self._close_or_cancel(server, ticket, spec, timer)
        return await self._warn_or_wait(server, ticket, spec, timer)

    async def _warn_or_wait(
        self, server: ServerSpec, ticket: Ticket, spec: AutoCloseSpec, timer: Timer
    ) -> Outcome:
        assert ticket.channel_id is not None
        now = self._clock()
        after, warning = (
            timedelta(seconds=spec.after_seconds),
            timedelta(seconds=spec.warning_seconds),
        )
        found = await self._port.messages_after(
            ticket.channel_id, timer.seen_message_id, limit=READ_LIMIT
        )
        keep_open = texts.keep_open_id(ticket.id)
        posted = next((m for m in found if m.author_is_bot and keep_open in m.custom_ids), None)
        counting = self._counting(spec, ticket, found)
        if posted is not None and (counting is None or counting.id < posted.id):
            # Posted by an attempt that died before recording it: adopt, never post twice.
            due = snowflake_time(posted.id) + warning
            return Later(replace(timer, stage=WARNED, due_at=due, message_id=posted.id))
        if counting is not None and snowflake_time(counting.id) + after > now:
            due = snowflake_time(counting.id) + after
            return Later(replace(timer, due_at=due, seen_message_id=counting.id))
        closes_at = now + warning
        message = texts.warning(self._translate, server, ticket, spec, closes_at)
        warning_id = await self._port.send_message(ticket.channel_id, message)
        log.info(
            "autoclose.warned",
            extra={"event": "autoclose.warned", "guild_id": server.guild, "ticket_id": ticket.id},
        )
        return Later(replace(timer, stage=WARNED, due_at=closes_at, message_id=warning_id))

    async def _close_or_cancel(
        self, server: ServerSpec, ticket: Ticket, spec: AutoCloseSpec, timer: Timer
    ) -> Outcome:
        assert ticket.channel_id is not None and timer.message_id is not None
        found = await self._port.messages_after(
            ticket.channel_id, timer.message_id, limit=READ_LIMIT
        )
        counting = self._counting(spec, ticket, found)
        if counting is not None:  # an answer the bot did not hear (it was down)
            notice = texts.cancelled(self._translate, server, ticket, counting.author_id)
            with contextlib.suppress(PortError):  # cosmetic: the ticket stays open anyway
                await self._port.edit_message(ticket.channel_id, timer.message_id, notice)
            due = snowflake_time(counting.id) + timedelta(seconds=spec.after_seconds)
            return Later(
                replace(
                    timer,
                    stage=WATCH,
                    due_at=max(due, self._clock()),
                    seen_message_id=counting.id,
                    message_id=None,
                )
            )
        reason = texts.close_reason(self._translate, server, ticket)
        if await self._context.close(server, ticket.id, reason=reason) is not None:
            log.info(
                "autoclose.closed",
                extra={
                    "event": "autoclose.closed",
                    "guild_id": server.guild,
                    "ticket_id": ticket.id,
                },
            )
        return Done()
