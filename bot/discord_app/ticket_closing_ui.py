"""Closing (button, confirmation, reason dialog, ``/ticket close``), reopening and deleting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot.config.specs import ServerSpec
from bot.discord_app.actors import interaction_actor
from bot.discord_app.guard import guarded
from bot.discord_app.modals import (
    REASON_INPUT,
    close_modal,
    submitted_values,
)
from bot.discord_app.replies import acknowledge, answer, replace_prompt
from bot.domain.log_lines import LogKind
from bot.i18n.ids import message_id
from bot.services.tickets import Done, Refused

if TYPE_CHECKING:
    pass

from bot.discord_app.ticket_ui_core import Result, TicketUiCore


class TicketClosingUi(TicketUiCore):
    """The ticket's own buttons and commands that end or revive it."""

    async def _ticket_here(
        self, interaction: discord.Interaction, server: ServerSpec
    ) -> int | None:
        """The ticket of the channel a command runs in; tells the member when there is none."""
        ticket = None
        if interaction.channel_id is not None:
            ticket = await self._service.ticket_in_channel(interaction.channel_id)
        if ticket is None or ticket.guild_id != server.guild:
            await self._say(interaction, message_id("tickets-not-a-ticket"), server)
            return None
        return ticket.id

    async def _run(
        self,
        interaction: discord.Interaction,
        action: Callable[[ServerSpec, int], Awaitable[Result]],
        ticket_id: int | None = None,
        *,
        update: bool = False,
        logged: LogKind,
    ) -> None:
        """Acknowledge first (the channel may be gone once ``action`` returns), act, write the
        log line (``logged``) of what was done, then answer."""
        server = await self._require_server(interaction)
        if server is None:
            return
        if ticket_id is None:
            ticket_id = await self._ticket_here(interaction, server)
            if ticket_id is None:
                return
        if not await acknowledge(interaction, update=update):
            return
        result = await action(server, ticket_id)
        gone = (  # a deletion left to the clean-up queue still has its channel: answer there
            isinstance(result, Done)
            and result.complete
            and result.ticket.is_deleted
            and result.ticket.channel_id == interaction.channel_id
        )
        if isinstance(result, Done):  # logged before answering, as when opening
            await self._log_done(server, result, interaction.user.id, logged)
        # When gone, the answer would go to the channel just deleted: its vanishing says it.
        if not gone and update:
            await replace_prompt(interaction, result.reply)
        elif not gone:
            await answer(interaction, result.reply)

    async def _log_done(self, server: ServerSpec, done: Done, actor_id: int, kind: LogKind) -> None:
        """The log channel's line(s) for a close / reopen / delete that went through.

        A close that deleted its channel (``on_close: delete``) says both."""
        ticket, log_lines = done.ticket, self._host.event_log
        if kind is LogKind.CLOSED:
            await log_lines.ticket_event(
                server, LogKind.CLOSED, ticket, actor_id, text=ticket.close_reason
            )
            if ticket.is_deleted:
                await log_lines.ticket_event(server, LogKind.DELETED, ticket, actor_id)
            return
        await log_lines.ticket_event(server, kind, ticket, actor_id)

    def _closer(
        self, interaction: discord.Interaction, reason: str | None = None
    ) -> Callable[[ServerSpec, int], Awaitable[Result]]:
        actor, locale = interaction_actor(interaction), interaction.locale.value
        return lambda server, ticket_id: self._service.close(
            server, ticket_id, actor, locale=locale, reason=reason
        )

    @guarded
    async def cmd_close(self, interaction: discord.Interaction, reason: str | None = None) -> None:
        """``/ticket close [reason]``: the same ephemeral confirmation as the Close button;
        a given reason is shown in it and used once Confirm is clicked."""
        server = await self._require_server(interaction)
        if server is None:
            return
        ticket_id = await self._ticket_here(interaction, server)
        if ticket_id is None:
            return
        result = await self._service.request_close(
            server,
            ticket_id,
            interaction_actor(interaction),
            locale=interaction.locale.value,
            reason=reason,
        )
        await answer(interaction, result.reply)

    def _staff_action(
        self, interaction: discord.Interaction, action: Callable[..., Awaitable[Result]]
    ) -> Callable[[ServerSpec, int], Awaitable[Result]]:
        """``action(server, ticket_id, actor, locale=...)`` bound to who clicked / typed."""
        actor, locale = interaction_actor(interaction), interaction.locale.value
        return lambda server, ticket_id: action(server, ticket_id, actor, locale=locale)

    @guarded
    async def cmd_reopen(self, interaction: discord.Interaction) -> None:
        reopen = self._staff_action(interaction, self._service.reopen)
        await self._run(interaction, reopen, logged=LogKind.REOPENED)

    @guarded
    async def cmd_delete(self, interaction: discord.Interaction) -> None:
        delete = self._staff_action(interaction, self._service.delete)
        await self._run(interaction, delete, logged=LogKind.DELETED)

    @guarded
    async def close_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        """The Close button: an ephemeral confirmation (Confirm / Close with a reason)."""
        server = await self._require_server(interaction)
        if server is None:
            return
        result = await self._service.request_close(
            server, ticket_id, interaction_actor(interaction), locale=interaction.locale.value
        )
        await answer(interaction, result.reply)

    @guarded
    async def close_confirmed(
        self, interaction: discord.Interaction, ticket_id: int, held: int | None = None
    ) -> None:
        """Confirm on the prompt: close, and the prompt becomes the outcome (no second click).
        ``held``: the id of the reason ``/ticket close reason:`` left waiting."""
        actor, locale = interaction_actor(interaction), interaction.locale.value
        await self._run(
            interaction,
            lambda server, tid: self._service.confirm_close(
                server, tid, actor, locale=locale, held=held
            ),
            ticket_id,
            update=True,
            logged=LogKind.CLOSED,
        )

    @guarded
    async def close_with_reason_clicked(
        self, interaction: discord.Interaction, ticket_id: int
    ) -> None:
        server = await self._require_server(interaction)
        if server is None:
            return
        locale = interaction.locale.value
        checked = await self._service.request_close(
            server, ticket_id, interaction_actor(interaction), locale=locale
        )
        ticket = await self._tickets.get(ticket_id)
        system = server.system(ticket.system_id) if ticket is not None else None
        if isinstance(checked, Refused) or ticket is None or system is None:
            await answer(interaction, checked.reply)
            return
        modal = close_modal(self._translate, server, system, ticket, locale)
        await interaction.response.send_modal(modal)

    @guarded
    async def close_modal_submitted(self, interaction: discord.Interaction, ticket_id: int) -> None:
        reason = submitted_values(interaction.data).get(REASON_INPUT)  # type: ignore[arg-type]
        await self._run(
            interaction, self._closer(interaction, reason), ticket_id, logged=LogKind.CLOSED
        )

    @guarded
    async def reopen_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        reopen = self._staff_action(interaction, self._service.reopen)
        await self._run(interaction, reopen, ticket_id, logged=LogKind.REOPENED)

    @guarded
    async def delete_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        delete = self._staff_action(interaction, self._service.delete)
        await self._run(interaction, delete, ticket_id, logged=LogKind.DELETED)
