"""What every part of the ticket interactions shares: the host they run in, the helpers that
find the server and topic and answer, and the ``topic`` option's parsing."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.config.specs import ServerSpec, SystemSpec, TopicSpec
from bot.discord_app.replies import answer
from bot.domain import ticket_messages as messages
from bot.domain.ticket_messages import Translate
from bot.i18n.ids import MessageId, message_id
from bot.observability import Metrics
from bot.services.approvals import ApprovalService
from bot.services.event_log import EventLog
from bot.services.tickets import Done, Opened, Prompt, Refused, TicketService
from bot.services.working_hours import WorkingHoursService
from bot.storage import HeldReasonRepository, TicketRepository

if TYPE_CHECKING:
    from bot.runtime import Runtime

# One logger for every ticket handler, whichever module of them writes.
log = logging.getLogger("bot.discord_app.tickets")

Result = Opened | Done | Prompt | Refused
# How long a reason waits for its questions dialog: a dialog stays open as long as the
# member keeps it open, so be generous.
HELD_REASON_LIFETIME = timedelta(days=1)
# How long the limits check before a questions dialog may hold the dialog back (of
# Discord's 3 s to answer).
PRECHECK_BUDGET = 1.0


class TicketHost(Protocol):
    """What the handlers need from the client (``GuichetBot``)."""

    runtime: Runtime
    tickets: TicketService
    approvals: ApprovalService
    event_log: EventLog
    metrics: Metrics
    working_hours: WorkingHoursService

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class TicketUiCore:
    """The host, the repositories and the helpers each handler uses."""

    def __init__(
        self, host: TicketHost, tickets: TicketRepository, held: HeldReasonRepository
    ) -> None:
        self._host = host
        self._tickets = tickets  # reads only (a ticket's number and system for its modal)
        self._held = held  # reasons the questions dialog has no room for

    # --- helpers ---------------------------------------------------------------------

    @property
    def _service(self) -> TicketService:
        return self._host.tickets

    def _translate(self, msg_id: str, locale: str | None, **kwargs: Any) -> str:
        return self._host.runtime.catalog.translate(msg_id, locale, **kwargs)

    def _server(self, interaction: discord.Interaction) -> ServerSpec | None:
        return self._host.runtime.server_for(interaction.guild_id)

    async def _say(
        self,
        interaction: discord.Interaction,
        msg_id: MessageId,
        server: ServerSpec | None = None,
        **args: Any,
    ) -> None:
        reply = messages.reply(self._translate, interaction.locale.value, server, msg_id, **args)
        await answer(interaction, reply)

    async def _require_server(self, interaction: discord.Interaction) -> ServerSpec | None:
        server = self._server(interaction)
        if server is None:
            await self._say(interaction, message_id("tickets-not-configured"))
        return server

    async def _require_topic(
        self, interaction: discord.Interaction, system_id: str, topic_id: str
    ) -> tuple[ServerSpec, SystemSpec, TopicSpec] | None:
        """The server and topic a panel or modal names; tells the member when it is gone."""
        server = await self._require_server(interaction)
        if server is None:
            return None
        found = _topic(server, system_id, topic_id)
        if found is None:
            await self._say(interaction, message_id("tickets-unknown-topic"), server)
            return None
        return server, *found


def topic_option(
    translate: Translate, server: ServerSpec, value: str | None, locale: str
) -> tuple[SystemSpec, TopicSpec] | None:
    """A ``topic`` option: ``system:topic`` from autocomplete, else a topic id or label
    typed by hand; with no value, the server's only topic if it has just one."""
    enabled = [s for s in server.systems if s.enabled]
    every = [(s, t) for s in enabled for t in s.topics]
    if not value:
        return every[0] if len(every) == 1 else None
    system_id, sep, topic_id = value.partition(":")
    if sep:
        return _topic(server, system_id, topic_id)
    wanted = value.strip().casefold()
    for match in (
        lambda t: t.id == value.strip(),
        lambda t: messages.topic_label(translate, server, t, locale).casefold() == wanted,
    ):
        hits = [(s, t) for s, t in every if match(t)]
        if len(hits) == 1:
            return hits[0]
    return None


def _topic(
    server: ServerSpec, system_id: str, topic_id: str
) -> tuple[SystemSpec, TopicSpec] | None:
    system = server.system(system_id)
    topic = system.topic(topic_id) if system is not None else None
    if system is None or topic is None:
        return None
    return system, topic
