"""The Discord side of the durable timers: messages that keep a ticket open, the auto-close
warning's *Keep it open* button, and ``/ticket close-request`` with its prompt's buttons.

Message events (the ``guild_messages`` intent, not privileged) are looked at only in channels
under a ticket parent of a configured server (a system's category, or a thread system's
channel), so a busy server's other channels cost no database read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.discord_app.actors import interaction_actor
from bot.discord_app.guard import guarded
from bot.discord_app.replies import acknowledge, answer, update_message
from bot.domain import autoclose_messages
from bot.domain.bot_permissions import where_tickets_go
from bot.domain.tickets import TicketStatus
from bot.i18n.ids import message_id
from bot.services.autoclose import spec_for
from bot.services.close_requests import Answered

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot
    from bot.discord_app.translator import Handler

log = logging.getLogger(__name__)


def ticket_parent(message: discord.Message) -> int | None:
    """The category of a text channel, or the parent of a thread, the message was sent in."""
    channel = message.channel
    if isinstance(channel, discord.Thread):
        return channel.parent_id
    return getattr(channel, "category_id", None)


class TimerInteractions:
    def __init__(self, host: GuichetBot) -> None:
        self._host = host

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot or message.webhook_id is not None:
            return
        server = self._host.runtime.server_for(message.guild.id)
        if server is None or not self._host.shard_plan.owns(server.guild):
            return
        parent = ticket_parent(message)
        parents = {where_tickets_go(s) for s in server.systems}
        parents |= {c for s in server.systems for c in s.overflow_categories}  # full categories
        if parent is None or parent not in parents:
            return
        if not any(s.auto_close is not None for s in server.systems):
            return
        try:
            await self._host.autoclose.activity(message.channel.id, message.author.id, message.id)
        except Exception:  # the sweep reads the messages again before acting: nothing lost
            log.exception("could not record activity", extra={"channel_id": message.channel.id})

    async def keep_open_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        """The warning's button: the watch restarts and the warning says it was cancelled
        (the click is answered by that edit: one request)."""
        host = self._host
        server = host.runtime.server_for(interaction.guild_id)
        ticket = await host.ticket_repo.get(ticket_id)
        if server is None or ticket is None or ticket.guild_id != server.guild:
            await host.reply_error(interaction, "error-generic")
            return
        spec = spec_for(server, ticket)
        by = interaction.user.id
        if spec is not None and ticket.status is not TicketStatus.CLOSED and not ticket.is_deleted:
            await host.autoclose.keep_open(
                server, ticket, spec, by=by, seen=None, edit_warning=False
            )
        # Closed or no longer auto-closed: the warning is moot; it says so all the same.
        translate = host.runtime.catalog.translate
        await update_message(
            interaction, autoclose_messages.cancelled(translate, server, ticket, by)
        )

    # --- close requests ----------------------------------------------------------------

    def command_handlers(self) -> dict[str, Handler]:
        return {"ticket close-request": self.cmd_close_request}

    @guarded
    async def cmd_close_request(
        self, interaction: discord.Interaction, reason: str | None = None, delay: str | None = None
    ) -> None:
        """Staff, in a ticket: the prompt is posted for the opener (deferred: two requests)."""
        host, locale = self._host, interaction.locale.value
        server = host.runtime.server_for(interaction.guild_id)
        ticket = None
        if server is not None and interaction.channel_id is not None:
            ticket = await host.tickets.ticket_in_channel(interaction.channel_id)
        if server is None or ticket is None or ticket.guild_id != server.guild:
            await host.reply_error(interaction, message_id("tickets-not-a-ticket"))
            return
        if not await acknowledge(interaction):
            return
        told = await host.close_requests.request(
            server,
            ticket.id,
            interaction_actor(interaction),
            locale=locale,
            reason=reason,
            delay=delay,
        )
        await answer(interaction, told.reply)

    @guarded
    async def close_request_answered(
        self, interaction: discord.Interaction, ticket_id: int, *, accept: bool
    ) -> None:
        """The opener's click: the prompt becomes the outcome (one request), then the close."""
        host = self._host
        server = host.runtime.server_for(interaction.guild_id)
        if server is None:
            await host.reply_error(interaction, "error-generic")
            return
        result = await host.close_requests.answer(
            server,
            ticket_id,
            interaction_actor(interaction),
            locale=interaction.locale.value,
            accept=accept,
        )
        if not isinstance(result, Answered):
            await answer(interaction, result.reply)
            return
        await update_message(interaction, result.prompt)
        if result.close:
            await host.close_requests.close_accepted(
                server, ticket_id, interaction.user.id, result.reason
            )
