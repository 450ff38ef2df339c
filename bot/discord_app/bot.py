"""The Guichet discord.py client: commands, persistent components, panel and command sync.

Intents, kept minimal:
- ``guilds``: guild, channel, thread and role events, so the cache knows the ticket channels
  and a ticket channel deleted by hand is noticed (CHANNEL_DELETE / THREAD_DELETE).
- ``message_content`` (**privileged**): transcripts read the history over REST (no message
  events are subscribed: ``guild_messages`` stays off); without this intent Discord returns an empty
  ``content``, ``embeds`` and ``attachments``, and every transcript would be blank. Turn it
  on in the Developer Portal (Bot → Privileged Gateway Intents → Message Content Intent);
  a bot in 100 servers or more needs Discord's approval for it. If it is not enabled there,
  Discord closes the connection at start-up (4014, disallowed intents).
Everything else arrives through interactions, which need no intent. Panel, ticket, staff and
approval buttons are ``DynamicItem``s (persistent: their custom_id says what to do); modal
submissions are routed by custom_id in :meth:`GuichetBot.on_interaction`, so both survive a
restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import discord
from discord import app_commands

from bot.config.specs import OnLeave, ServerSpec
from bot.discord_app.bot_commands import CommandsAndReload
from bot.discord_app.bot_wiring import wire_services
from bot.discord_app.components import DYNAMIC_ITEMS
from bot.discord_app.declared import bind_runtime
from bot.discord_app.drain import Drain
from bot.discord_app.gateway_events import GatewayEvents
from bot.discord_app.guild_arrival import GuildArrivals
from bot.discord_app.identify_pacing import IdentifyPacer
from bot.discord_app.observability import http_trace, interaction_kind
from bot.discord_app.pacing import GlobalPacer, pace_client
from bot.discord_app.panel_syncing import PanelSyncing
from bot.discord_app.ticket_port import DEFAULT_DEADLINE
from bot.discord_app.translator import FluentTranslator, Handler, build_commands
from bot.domain.log_lines import LogKind
from bot.domain.shards import ShardPlan
from bot.domain.tickets import Ticket
from bot.observability import Metrics
from bot.reconcile.sync import PanelSync
from bot.runtime import Runtime
from bot.storage import Database, ProcessRepository
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

# Seconds between upkeep rounds (heartbeat, clean-up queue); a new channel wakes it at once.
MAINTENANCE_INTERVAL = 5.0
MAX_RATE_LIMIT_WAIT = 30.0  # discord.py's smallest allowed max_ratelimit_timeout


def intents(*, members: bool = False) -> discord.Intents:
    """``members``: the privileged Server Members intent, for ``on_leave``."""
    chosen = discord.Intents.none()
    chosen.members = members  # GUILD_MEMBER_REMOVE: an opener left (bot.services.member_left)
    chosen.guilds = True
    chosen.message_content = True  # privileged: see the module docstring
    chosen.guild_messages = True  # auto-close hears a ticket's answers (bot.discord_app.timers_ui)
    return chosen


class GuichetBot(PanelSyncing, CommandsAndReload, GatewayEvents, discord.Client):
    """The client; its panel sync, slash commands and reload, and gateway events live in
    :mod:`~bot.discord_app.panel_syncing`, :mod:`~bot.discord_app.bot_commands` and
    :mod:`~bot.discord_app.gateway_events`; its services are wired by
    :func:`~bot.discord_app.bot_wiring.wire_services`."""

    def __init__(
        self,
        runtime: Runtime,
        db: Database,
        *,
        servers_dir: Any,
        locales_dir: Any,
        extra_handlers: Mapping[str, Handler] | None = None,
        shards: ShardPlan | None = None,
        pacer: GlobalPacer | None = None,
        instance: str = "main",
        discord_timeout: float = DEFAULT_DEADLINE,
        maintenance_interval: float = MAINTENANCE_INTERVAL,
        metrics: Metrics | None = None,
        clock: Callable[[], datetime] = utc_now,
        timers_in_upkeep: bool = True,
        **options: Any,
    ) -> None:
        """``pacer``: how the bot stays under Discord's global limit (by default its shards'
        share of 45 requests a second)."""
        self.shard_plan = shards or ShardPlan()
        self.metrics = metrics or Metrics()
        options.setdefault("http_trace", http_trace(self.metrics))
        leave = any(s.on_leave is not OnLeave.IGNORE for v in runtime.servers for s in v.systems)
        options.setdefault("intents", intents(members=leave))
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        options.setdefault("chunk_guilds_at_startup", False)
        # A 429 asking for more than this (a channel's 2 renames per 10 minutes) is raised at
        # once rather than slept through: the member is told when, not kept waiting.
        options.setdefault("max_ratelimit_timeout", MAX_RATE_LIMIT_WAIT)
        super().__init__(**options)
        self.arrivals = GuildArrivals(self)  # on_ready once READY's guilds are all here
        # Under Discord's global limit before it answers 429 (this process's share of it).
        self.pacer = pace_client(
            self,
            pacer
            or GlobalPacer.for_shards(len(self.shard_plan.serves), self.shard_plan.shard_count),
        )
        self.runtime = runtime
        self.db = db
        self.servers_dir = servers_dir
        self.locales_dir = locales_dir
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self._on_app_command_error
        self._extra_handlers = dict(extra_handlers or {})
        self._sync_lock = asyncio.Lock()
        self._identify_pacer = IdentifyPacer()
        self._first_ready = asyncio.Event()
        self.panels_synced = asyncio.Event()  # set once the start-up panel sync is done
        self._start_sync: asyncio.Task[None] | None = None
        self.last_sync: PanelSync | None = None
        self.drain = Drain()  # SIGTERM/SIGINT: no new work, in-flight work finishes or undoes
        self.instance = instance
        self._maintenance_interval = maintenance_interval
        self._maintenance: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        # False: only start-up and explicit sweeps run timers (tests that move the clock).
        self.timers_in_upkeep = timers_in_upkeep
        wire_services(self, db, clock=clock, discord_timeout=discord_timeout)

    def _translate(self, msg_id: str, locale: str | None, **kwargs: Any) -> str:
        # Through ``self.runtime`` at call time: a reload swaps the catalog.
        return self.runtime.catalog.translate(msg_id, locale, **kwargs)

    async def _archive(
        self, server: ServerSpec, ticket: Ticket, *, closed_by: int, reason: str | None
    ) -> None:
        """TicketService's archiver: the transcript, then its line in the log channel."""
        stored = await self.transcripts.capture(
            server,
            ticket,
            closed_by=closed_by,
            reason=reason,
            closed_at=ticket.closed_at or utc_now(),
        )
        if stored is not None:
            await self.event_log.ticket_event(server, LogKind.TRANSCRIPT, ticket, closed_by)

    # ------------------------------------------------------------------ start
    async def before_identify_hook(
        self,
        shard_id: int | None,
        *,
        initial: bool = False,  # noqa: ARG002 - discord.py's signature; the pacer knows better
    ) -> None:
        """Wait only as long as Discord's identify limit requires (see `identify_pacing`)."""
        await self._identify_pacer.wait(shard_id, await self.identify_concurrency())

    async def identify_concurrency(self) -> int:
        """How many shards may identify together: one for a single connection."""
        return 1

    async def setup_hook(self) -> None:
        self.runtime = await bind_runtime(self.runtime, self.db)  # ids from the last apply
        await self.tree.set_translator(FluentTranslator(self.runtime.catalog))
        handlers: dict[str, Handler] = {"guichet reload": self._cmd_reload}
        handlers.update(self.ticket_ui.command_handlers())
        handlers.update(self.staff_ui.command_handlers())
        handlers.update(self.staff_tools_ui.command_handlers())
        handlers.update(self.timers_ui.command_handlers())
        handlers.update(self._extra_handlers)
        for command in build_commands(self.runtime.catalog, handlers, self._autocompleters()):
            self.tree.add_command(command)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        # A new epoch for this slot: every opening of an earlier one was left by a process
        # that is gone, however recent. Recovered before any interaction can arrive.
        processes = ProcessRepository(self.db)
        self.tickets.owner = await processes.start(self.instance)
        recovered = await self.tickets.recover_abandoned(self._served())
        if recovered:
            log.warning("recovered openings left by a stopped process", extra={"count": recovered})
        await self.tickets.cleanups.run_due(self._served())
        await self.arm_timers()
        await self.scheduler.run_due()
        await self.log_queue.resume(self._served())  # lines a stopped process left queued
        await self.sync_commands()
        self._maintenance = asyncio.create_task(self._maintain(processes), name="guichet-upkeep")

    async def arm_timers(self) -> int:
        """Open tickets of this process's servers whose timers are not armed yet (auto-close
        just enabled): armed so that none closes before its warning."""
        servers = [s for s in self.runtime.servers if self.shard_plan.owns(s.guild)]
        return await self.autoclose.arm_backlogs(servers)

    def _served(self) -> set[int]:
        """The guilds whose work is this process's (its servers on its shards)."""
        return {s.guild for s in self.runtime.servers if self.shard_plan.owns(s.guild)}

    async def _maintain(self, processes: ProcessRepository) -> None:
        """Heartbeat, clean-up queue, and openings of processes that died without a
        successor; every few seconds, or at once when a channel appears."""
        rounds = 0
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._maintenance_interval)
            self._wake.clear()
            try:
                owner = self.tickets.owner
                if owner is not None and not await processes.beat(owner):
                    log.error("another process started in this slot", extra={"slot": owner.slot})
                await self.tickets.cleanups.run_due(self._served())
                if self.timers_in_upkeep:
                    await self.scheduler.run_due()
                await self.log_queue.resume(self._served())  # lines a failure kept
                rounds += 1
                if rounds % 6 == 0:
                    await self.tickets.recover_abandoned(self._served())
            except Exception:
                log.exception("upkeep failed; next round soon")

    async def close(self) -> None:
        if self._start_sync is not None and not self._start_sync.done():
            # Stopped while it runs (it starts at READY, before on_ready): not left to fail
            # on a closed database. A panel posted but not yet recorded is adopted next start.
            self._start_sync.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._start_sync
        if self._maintenance is not None:
            self._maintenance.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._maintenance
            self._maintenance = None
        # Queued lines are in the database either way; post them now if Discord lets us.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.log_queue.idle(), 5)
        self.transcripts.close()
        await super().close()

    # ------------------------------------------------------------ interactions
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Modal submissions (questions, close reason, refusal reason) by custom_id; the rest
        is routed by the command tree and the dynamic items."""
        self.metrics.interaction_received(interaction.id, interaction_kind(interaction))
        if interaction.guild_id is not None and isinstance(interaction.user, discord.Member):
            self.transcript_port.remember(interaction.guild_id, interaction.user)
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        if not await self.ticket_ui.on_modal_submit(
            interaction
        ) and not await self.feedback_ui.on_modal_submit(interaction):
            await self.approval_ui.on_modal_submit(interaction)

    # ----------------------------------------------------------------- errors
    async def _on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        log.error("command failed", exc_info=error, extra={"command": interaction.command})
        self.metrics.interaction_failed(interaction_kind(interaction))
        await self.reply_error(interaction, "error-generic")

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None:
        """Answer (or follow up) ephemerally with a localized message; never raises."""
        text = self.runtime.catalog.translate(msg_id, interaction.locale.value)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the member about an error", exc_info=True)
