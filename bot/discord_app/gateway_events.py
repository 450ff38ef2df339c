"""Gateway events of :class:`~bot.discord_app.bot.GuichetBot` that keep the database in step
with Discord: messages (auto-close hears answers), members who leave, ticket channels that
appear or are deleted by hand, and those deleted while the bot was offline."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.log_lines import LogKind

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot

log = logging.getLogger("bot.discord_app.bot")  # one logger for the client, as before the split


class GatewayEvents:
    """Mixed into the client (``self`` is the :class:`GuichetBot`)."""

    def dispatch(self: GuichetBot, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """Every event discord.py dispatches: the wait for READY's guilds is told first
        (:mod:`bot.discord_app.guild_arrival`), then handlers run as usual."""
        if self.is_closed():
            # discord.py's wait for READY's guilds is not cancelled by close() and may end
            # during it: its 'ready' would be scheduled on the loop close() has let go of
            # (an AttributeError traceback at shutdown). Nothing is handled once closing.
            return
        arrivals = getattr(self, "arrivals", None)  # None while discord.py's __init__ runs
        if arrivals is not None:
            arrivals.see(event_name, args)
        super().dispatch(event_name, *args, **kwargs)  # type: ignore[misc]

    async def on_guild_available(self: GuichetBot, guild: discord.Guild) -> None:
        await self._guild_arrived(guild)

    async def on_guild_join(self: GuichetBot, guild: discord.Guild) -> None:
        await self._guild_arrived(guild)

    async def _guild_arrived(self: GuichetBot, guild: discord.Guild) -> None:
        """A guild that came after the start's wait (late, back from an outage, or joined):
        what on_ready did for the others, for it alone. Its panels are synced (planned from
        the records: no request when nothing changed; the start-up sync could not reach it
        if it was out) and its ticket channels deleted meanwhile are forgotten."""
        if not self.arrivals.take_late(guild.id) or not self.shard_plan.owns(guild.id):
            return
        if self.runtime.server_for(guild.id) is None or self.drain.stopping:
            return
        try:
            result = await self.sync_panels(guilds=frozenset({guild.id}), announce=False)
            self._report_sync(result, late_guild=guild.id)
            await self.forget_channels_deleted_while_offline([guild])
        except Exception:
            log.exception("could not sync a late guild", extra={"guild_id": guild.id})

    async def forget_channels_deleted_while_offline(
        self: GuichetBot, guilds: Iterable[discord.Guild] | None = None
    ) -> int:
        """Ticket channels deleted while the bot was down sent no event: find them at start
        (``guilds``: those, else every guild that has arrived; one still unavailable is
        looked at when it arrives, see :meth:`_guild_arrived`).

        Text channels are all in the cache after GUILD_CREATE; threads may be archived (not
        cached), so a thread missing from the cache is asked for once before it counts as gone.
        """
        gone = 0
        served = {
            guild.id: guild
            for guild in (self.guilds if guilds is None else guilds)
            if not guild.unavailable and self.runtime.server_for(guild.id) is not None
        }
        for ticket in await self.ticket_repo.with_live_channel_in(served):
            guild, channel_id = served[ticket.guild_id], ticket.channel_id
            if channel_id is None or guild.get_channel_or_thread(channel_id) is not None:
                continue
            if not await self._channel_missing(channel_id):
                continue
            await self._channel_gone(channel_id)
            gone += 1
        if gone:
            log.info("tickets whose channel was deleted while offline", extra={"count": gone})
        return gone

    async def _channel_missing(self, channel_id: int) -> bool:
        try:
            await self.http.get_channel(channel_id)
        except discord.NotFound:
            return True
        except discord.HTTPException:
            return False  # cannot tell (no access, Discord error): leave the ticket as it is
        return False

    # ----------------------------------------------------------- gateway events
    async def on_message(self, message: discord.Message) -> None:
        await self.timers_ui.on_message(message)

    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        if not self.shard_plan.owns(payload.guild_id):
            return
        try:
            await self.member_left.member_left(payload.guild_id, payload.user.id)
        except Exception:
            log.exception(
                "could not handle a member who left", extra={"guild_id": payload.guild_id}
            )

    async def on_guild_channel_create(self, channel: discord.abc.GuildChannel) -> None:
        await self._channel_appeared(channel.guild.id)

    async def on_thread_create(self, thread: discord.Thread) -> None:
        await self._channel_appeared(thread.guild.id)

    async def _channel_appeared(self, guild_id: int) -> None:
        """A channel whose creation went unanswered may be this one: look again now."""
        try:
            if await self.tickets.cleanups.channel_appeared(guild_id):
                self._wake.set()
        except Exception:
            log.exception("could not check a new channel", extra={"guild_id": guild_id})

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self._channel_gone(channel.id)

    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await self._channel_gone(payload.thread_id)

    async def _channel_gone(self, channel_id: int) -> None:
        """A ticket channel deleted by hand: the ticket stops counting toward the member's
        limit. The echo of the bot's own deletions is skipped (the service records those)."""
        if channel_id in self.ticket_port.deleting:
            self.ticket_port.deleting.discard(channel_id)
            return
        try:
            ticket = await self.tickets.on_channel_deleted(channel_id)
            server = self.runtime.server_for(ticket.guild_id) if ticket is not None else None
            if ticket is not None and server is not None:
                await self.event_log.ticket_event(server, LogKind.DELETED, ticket, None)
        except Exception:
            log.exception("could not record a deleted channel", extra={"channel_id": channel_id})
