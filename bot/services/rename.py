"""``/ticket rename``: staff rename a ticket's channel (or thread) within Discord's limit of
two name (or topic) changes per channel per 10 minutes.

The bot keeps when it renamed each channel, so a third rename in the window is answered
at once with when it will be possible (a Discord ``<t:…:R>`` timestamp, in each viewer's
language), costing no request. Should Discord still refuse (renamed by hand in the client,
or by another bot), its 429 says how long to wait and the answer says so too: never a
silent failure, never an interaction left waiting ten minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import Translate
from bot.i18n.ids import MessageId, message_id
from bot.services.port import PortError, PortErrorKind, TicketPort
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused
from bot.storage import RenameRepository
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

# Discord: channel name and topic edits, 2 per 10 minutes per channel (see
# bot/sandbox/rate_limit_figures.py, CHANNEL_NAME_TOPIC, for the sources).
RENAMES_PER_WINDOW = 2
RENAME_WINDOW = timedelta(minutes=10)
NAME_MAX = 100  # Discord: a channel or thread name is 1 to 100 characters


class RenameService:
    def __init__(
        self,
        staff: StaffService,
        renames: RenameRepository,
        port: TicketPort,
        translate: Translate,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._staff = staff
        self._renames = renames
        self._port = port
        self._translate = translate
        self._clock = clock

    async def rename(
        self, server: ServerSpec, ticket_id: int, actor: Actor, name: str, *, locale: str
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, _ = found
        wanted = " ".join(name.split())
        if not wanted:
            return self._refused(locale, server, "empty", message_id("rename-empty"))
        if ticket.channel_id is None:
            return self._refused(locale, server, "no-channel", message_id("tickets-retry-later"))
        now = self._clock()
        recent = await self._renames.since(ticket.channel_id, now - RENAME_WINDOW)
        if len(recent) >= RENAMES_PER_WINDOW:
            possible = recent[-RENAMES_PER_WINDOW] + RENAME_WINDOW
            _log("ticket.rename_too_soon", server, ticket.id, source="bot")
            return self._too_soon(locale, server, possible)
        try:
            await self._port.rename_channel(ticket.channel_id, tm.fit(wanted, NAME_MAX))
        except PortError as error:
            return self._failed(locale, server, ticket.id, ticket.number, error)
        await self._renames.record(ticket.channel_id, forget_before=now - RENAME_WINDOW)
        await self._staff.log_event(server, LogKind.RENAMED, ticket, actor.user_id)
        _log("ticket.renamed", server, ticket.id, actor_id=actor.user_id)
        text = message_id("rename-done")
        channel = tm.channel_mention(ticket.channel_id)
        reply = tm.reply(
            self._translate, locale, server, text, number=ticket.number, channel=channel
        )
        return Done(ticket, reply)

    def _failed(
        self, locale: str, server: ServerSpec, ticket_id: int, number: int, error: PortError
    ) -> Refused:
        _log("ticket.rename_failed", server, ticket_id, kind=error.kind.value, code=error.code)
        if error.kind is PortErrorKind.RATE_LIMITED:
            # Renamed elsewhere meanwhile: Discord says how long; without a figure, the window.
            wait = timedelta(seconds=error.retry_after) if error.retry_after else RENAME_WINDOW
            return self._too_soon(locale, server, self._clock() + wait)
        if error.kind is PortErrorKind.NAME_REFUSED:
            return self._refused(locale, server, error.kind.value, message_id("rename-refused"))
        text = message_id("staff-channel-failed")
        return self._refused(locale, server, error.kind.value, text, number=number)

    def _too_soon(self, locale: str, server: ServerSpec, possible: datetime) -> Refused:
        text = message_id("rename-too-soon")
        when = tm.relative_time(possible + timedelta(seconds=1))  # never "in 0 seconds"
        return self._refused(locale, server, "too-soon", text, when=when, count=RENAMES_PER_WINDOW)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: object
    ) -> Refused:
        return Refused(tm.reply(self._translate, locale, server, msg_id, **args), reason)


def _log(event: str, server: ServerSpec, ticket_id: int, **ids: object) -> None:
    """Ids only: the name staff typed stays out of the process logs."""
    log.info(event, extra={"event": event, "guild_id": server.guild, "ticket_id": ticket_id, **ids})
