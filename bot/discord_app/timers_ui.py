"""The Discord side of the durable timers: messages that keep a ticket open, the warning's
*Keep it open* button, and the sweep.

Message events (the ``guild_messages`` intent, not privileged) are looked at only in channels
under a ticket parent of a configured server (a system's category, or a thread system's
channel), so a busy server's other channels cost no database read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.discord_app.replies import update_message
from bot.domain import autoclose_messages
from bot.domain.tickets import TicketStatus
from bot.services.autoclose import spec_for

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot

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
        parents = {s.category if s.category is not None else s.channel for s in server.systems}
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
