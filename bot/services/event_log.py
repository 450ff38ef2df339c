"""One line per ticket event in the server's log channel.

Lines speak the server's locale and ping nobody (see
:func:`bot.domain.log_lines.log_line`). Posting a log line is a side effect of an
action that already happened: a failure here is logged at warning and swallowed, never
turned into a failed action. In ``automatic`` systems the reception channel, when set, also
hears about closes and deletions (it is where staff watch that system's traffic).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.config.specs import Approval, ServerSpec
from bot.domain import access, log_lines
from bot.domain.bot_permissions import POSTING
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import Ticket
from bot.services.log_queue import LineQueue
from bot.services.port import PortError, TicketPort

log = logging.getLogger(__name__)

_POST = POSTING["log"]
# Kinds an automatic system's reception channel also shows.
RECEPTION_KINDS = frozenset({LogKind.CLOSED, LogKind.DELETED})


# Told of every event, posted or not (the metrics count them).
Observer = Callable[[ServerSpec, LogEntry], None]


class EventLog:
    def __init__(
        self,
        port: TicketPort,
        translate: Translate,
        *,
        observer: Observer | None = None,
        queue: LineQueue | None = None,
    ) -> None:
        self._port = port
        self._translate = translate
        self._observer = observer
        # With a queue, lines are stored and posted after the member's answer (the bot);
        # without one, posted at once (services tested alone).
        self._queue = queue

    def channels_for(self, server: ServerSpec, entry: LogEntry) -> list[int]:
        """Where ``entry`` goes: the log channel, plus an automatic system's reception."""
        channels = [server.log_channel] if server.log_channel is not None else []
        system = server.system(entry.system_id)
        if (
            entry.kind in RECEPTION_KINDS
            and system is not None
            and system.approval is Approval.AUTOMATIC
            and system.reception is not None
            and system.reception not in channels
        ):
            channels.append(system.reception)
        return channels

    async def post(self, server: ServerSpec, entry: LogEntry) -> int:
        """Post (or queue) ``entry``'s line wherever it goes; returns how many lines went out."""
        if self._observer is not None:
            self._observer(server, entry)
        channels = self.channels_for(server, entry)
        if not channels:
            return 0
        try:
            line = log_lines.log_line(self._translate, server, entry)
        except Exception:  # a broken translation must not break the action either
            log.warning(
                "event_log.render_failed",
                exc_info=True,
                extra={"event": "event_log.render_failed", "kind": entry.kind.value},
            )
            return 0
        posted = 0
        for channel_id in channels:
            if not self._usable(server, channel_id):
                # Known from the cache to fail (50013): spare Discord the request.
                _warn(server, entry, channel_id, kind="missing_permissions", code=None)
                continue
            try:
                if self._queue is not None and line.content is not None:
                    await self._queue.put(server.guild, channel_id, line.content)
                else:
                    await self._port.send_message(channel_id, line)
            except PortError as error:
                _warn(server, entry, channel_id, kind=error.kind.value, code=error.code)
            except Exception:  # never let logging break what it logs
                log.warning(
                    "event_log.post_failed",
                    exc_info=True,
                    extra={"event": "event_log.post_failed", "channel_id": channel_id},
                )
            else:
                posted += 1
        return posted

    def _usable(self, server: ServerSpec, channel_id: int) -> bool:
        """False only when the cache says the bot cannot post there; unknown means try."""
        held = self._port.bot_permissions(server.guild, channel_id)
        if held is None or held & access.ADMINISTRATOR:
            return True
        return held & _POST == _POST

    async def ticket_event(
        self,
        server: ServerSpec,
        kind: LogKind,
        ticket: Ticket,
        actor_id: int | None,
        **details: Any,
    ) -> int:
        """Shorthand for ``post(server, LogEntry.for_ticket(kind, ticket, actor_id, ...))``."""
        return await self.post(server, LogEntry.for_ticket(kind, ticket, actor_id, **details))


def _warn(server: ServerSpec, entry: LogEntry, channel_id: int, **details: Any) -> None:
    log.warning(
        "event_log.post_failed",
        extra={
            "event": "event_log.post_failed",
            "guild_id": server.guild,
            "channel_id": channel_id,
            "log_kind": entry.kind.value,
            **details,
        },
    )
