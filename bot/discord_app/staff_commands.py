"""Staff tools through discord.py: ``/ticket claim|unclaim|add|remove|status|priority|note|
info|list|transcript``, the Claim/Unclaim button of a ticket's first message and the list's
Previous/Next buttons. Each handler parses the interaction and calls one method of
:class:`~bot.services.staff.StaffService` (or ``TranscriptService.for_staff``), which checks
who may act and returns the localized reply.

- Commands act on the ticket of the channel they run in, except ``list`` and ``transcript``.
- Every answer is ephemeral, in ``interaction.locale``.
- Work that edits Discord (overwrites, the first message, the log line) is deferred first;
  reads (note, info, list) answer at once.
- A page click edits the ephemeral list in place: the whole query is in the button's
  custom_id, so it works after a restart too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.config.specs import ServerSpec
from bot.discord_app.actors import interaction_actor
from bot.discord_app.guard import guarded
from bot.discord_app.replies import acknowledge, answer, update_message
from bot.discord_app.tickets import topic_option
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.ticket_list import ListQuery
from bot.domain.tickets import Priority, TicketStatus
from bot.i18n.ids import MessageId, message_id
from bot.services.handler_access import HandlerAccess
from bot.services.staff import Shown, StaffService
from bot.services.tickets import Done, Refused, TicketService
from bot.services.transcripts import TranscriptService

if TYPE_CHECKING:
    from bot.discord_app.translator import Handler
    from bot.runtime import Runtime

StaffResult = Done | Shown | Refused
# (server, ticket id, who acts, their locale) -> the service's answer
TicketAction = Callable[[ServerSpec, int, Actor, str], Awaitable[StaffResult]]


class StaffHost(Protocol):
    """What the handlers need from the client (``GuichetBot``)."""

    runtime: Runtime
    tickets: TicketService
    staff: StaffService
    transcripts: TranscriptService
    handler_access: HandlerAccess

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class StaffInteractions:
    def __init__(self, host: StaffHost) -> None:
        self._host = host

    # --- helpers ---------------------------------------------------------------------

    @property
    def _staff(self) -> StaffService:
        return self._host.staff

    def _translate(self, msg_id: str, locale: str | None, **kwargs: Any) -> str:
        return self._host.runtime.catalog.translate(msg_id, locale, **kwargs)

    async def _say(
        self, interaction: discord.Interaction, server: ServerSpec | None, msg_id: MessageId
    ) -> None:
        reply = messages.reply(self._translate, interaction.locale.value, server, msg_id)
        await answer(interaction, reply)

    async def _server(self, interaction: discord.Interaction) -> ServerSpec | None:
        server = self._host.runtime.server_for(interaction.guild_id)
        if server is None:
            await self._say(interaction, None, message_id("tickets-not-configured"))
        return server

    async def _on_ticket(
        self,
        interaction: discord.Interaction,
        act: TicketAction,
        *,
        ticket_id: int | None = None,
        defer: bool = True,
    ) -> None:
        """Run ``act`` on ``ticket_id`` (a button's) or the ticket of the command's channel."""
        server = await self._server(interaction)
        if server is None:
            return
        if ticket_id is None:
            ticket = None
            if interaction.channel_id is not None:
                ticket = await self._host.tickets.ticket_in_channel(interaction.channel_id)
            if ticket is None or ticket.guild_id != server.guild:
                await self._say(interaction, server, message_id("tickets-not-a-ticket"))
                return
            ticket_id = ticket.id
        if defer and not await acknowledge(interaction):
            return  # a redelivered interaction: the first copy does the work
        result = await act(server, ticket_id, interaction_actor(interaction), _locale(interaction))
        await answer(interaction, result.reply)

    # --- the Join button of a thread ticket's notice ----------------------------------

    @guarded
    async def join_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._host.handler_access.join(
                server, tid, actor, locale=loc
            ),
            ticket_id=ticket_id,
        )

    # --- commands on the ticket of the channel ---------------------------------------

    @guarded
    async def cmd_claim(self, interaction: discord.Interaction) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.claim(server, tid, actor, locale=loc),
        )

    @guarded
    async def cmd_unclaim(self, interaction: discord.Interaction) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.unclaim(server, tid, actor, locale=loc),
        )

    @guarded
    async def cmd_add(self, interaction: discord.Interaction, member: discord.Member) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.add_member(
                server, tid, actor, member.id, locale=loc
            ),
        )

    @guarded
    async def cmd_remove(self, interaction: discord.Interaction, member: discord.Member) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.remove_member(
                server, tid, actor, member.id, locale=loc
            ),
        )

    @guarded
    async def cmd_status(self, interaction: discord.Interaction, value: str) -> None:
        status = TicketStatus(value)  # a declared choice: Discord sends only those
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.set_status(
                server, tid, actor, status, locale=loc
            ),
        )

    @guarded
    async def cmd_priority(self, interaction: discord.Interaction, value: str) -> None:
        priority = Priority(value)
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.set_priority(
                server, tid, actor, priority, locale=loc
            ),
        )

    @guarded
    async def cmd_note(self, interaction: discord.Interaction, text: str) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.note(server, tid, actor, text, locale=loc),
            defer=False,
        )

    @guarded
    async def cmd_info(self, interaction: discord.Interaction) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.info(server, tid, actor, locale=loc),
            defer=False,
        )

    # --- the list and transcripts (anywhere in the server) ---------------------------

    @guarded
    async def cmd_list(
        self,
        interaction: discord.Interaction,
        status: str | None = None,
        priority: str | None = None,
        topic: str | None = None,
        member: discord.Member | None = None,
    ) -> None:
        server = await self._server(interaction)
        if server is None:
            return
        locale = _locale(interaction)
        topic_id = None
        if topic:
            found = topic_option(self._translate, server, topic, locale)
            if found is None:
                await self._say(interaction, server, message_id("tickets-unknown-topic"))
                return
            topic_id = found[1].id
        query = ListQuery(
            statuses=frozenset({TicketStatus(status)}) if status else frozenset(),
            priorities=frozenset({Priority(priority)}) if priority else frozenset(),
            topic_id=topic_id,
            member_id=member.id if member is not None else None,
        )
        result = await self._staff.list_tickets(
            server, interaction_actor(interaction), query, locale=locale
        )
        await answer(interaction, result.reply)

    @guarded
    async def page_clicked(self, interaction: discord.Interaction, custom_id: str) -> None:
        """Previous / Next: the same ephemeral message shows the other page."""
        server = await self._server(interaction)
        if server is None:
            return
        result = await self._staff.turn_page(
            server, interaction_actor(interaction), custom_id, locale=_locale(interaction)
        )
        if isinstance(result, Shown):
            await update_message(interaction, result.reply)
        else:
            await answer(interaction, result.reply)

    @guarded
    async def cmd_transcript(self, interaction: discord.Interaction, number: int) -> None:
        server = await self._server(interaction)
        if server is None:
            return
        if not await acknowledge(interaction):
            return
        found = await self._host.transcripts.for_staff(
            server, number, interaction_actor(interaction), locale=_locale(interaction)
        )
        await answer(interaction, found.reply, found.files)

    # --- the first message's Claim / Unclaim button ----------------------------------

    @guarded
    async def claim_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.claim(server, tid, actor, locale=loc),
            ticket_id=ticket_id,
        )

    @guarded
    async def unclaim_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._staff.unclaim(server, tid, actor, locale=loc),
            ticket_id=ticket_id,
        )

    def command_handlers(self) -> dict[str, Handler]:
        """The staff slash commands of issue 6, by qualified name (``bot.domain.commands``)."""
        return {
            "ticket claim": self.cmd_claim,
            "ticket unclaim": self.cmd_unclaim,
            "ticket add": self.cmd_add,
            "ticket remove": self.cmd_remove,
            "ticket status": self.cmd_status,
            "ticket priority": self.cmd_priority,
            "ticket note": self.cmd_note,
            "ticket info": self.cmd_info,
            "ticket list": self.cmd_list,
            "ticket transcript": self.cmd_transcript,
        }


def _locale(interaction: discord.Interaction) -> str:
    return interaction.locale.value
