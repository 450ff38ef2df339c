"""The opener left the server: per system (``on_leave``), their open tickets close, or stay
open and staff are told in the ticket and in the log channel, or nothing happens.

Discord says so with GUILD_MEMBER_REMOVE, sent only with the **Server Members** intent
(privileged): the bot asks for it when a loaded server has a system whose ``on_leave`` is not
``ignore``.
A member who leaves while the bot is down is not noticed (no event is replayed).
"""

from __future__ import annotations

import contextlib
import logging

from bot.config.specs import OnLeave
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import MAX_CONTENT, OutgoingMessage, fit, user_mention
from bot.domain.tickets import EventKind, TicketStatus
from bot.services.port import PortError
from bot.services.timer_context import TimerService
from bot.storage.tickets import TicketFilter

log = logging.getLogger(__name__)

OPEN = frozenset({TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD})


class MemberLeftService(TimerService):
    """Closes or flags the open tickets of a member who left (see the module docstring)."""

    async def member_left(self, guild_id: int, user_id: int) -> int:
        """Returns how many of their open tickets were closed or flagged."""
        server = self._server_for(guild_id)
        if server is None:
            return 0
        found = await self._tickets.find(
            guild_id, TicketFilter(statuses=OPEN, opener_id=user_id), limit=100
        )
        handled = 0
        for ticket in found:
            system = server.system(ticket.system_id)
            await self._tickets.append_event(ticket.id, EventKind.MEMBER_LEFT, actor_id=None)
            if system is None or system.on_leave is OnLeave.IGNORE:
                continue
            if system.on_leave is OnLeave.CLOSE:
                reason = self._translate(
                    "member-left-reason", ticket.locale, server_locale=server.locale
                )
                await self._context.close(server, ticket.id, reason=reason)
            else:
                await self._context.event_log.ticket_event(
                    server, LogKind.MEMBER_LEFT, ticket, None
                )
                if ticket.channel_id is not None:
                    text = self._translate(
                        "member-left-notice",
                        server.locale,
                        server_locale=server.locale,
                        member=user_mention(user_id),
                    )
                    with contextlib.suppress(PortError):  # the log line says it too
                        await self._port.send_message(
                            ticket.channel_id, OutgoingMessage(content=fit(text, MAX_CONTENT))
                        )
            handled += 1
            log.info(
                "ticket.member_left",
                extra={"event": "ticket.member_left", "ticket_id": ticket.id},
            )
        return handled
