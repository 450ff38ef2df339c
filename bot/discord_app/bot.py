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
import gc
import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from bot.config.specs import OnLeave, ServerSpec
from bot.discord_app.actors import interaction_actor
from bot.discord_app.approval_ui import ApprovalInteractions
from bot.discord_app.components import DYNAMIC_ITEMS
from bot.discord_app.declared import (
    apply_declared,
    bind_runtime,
    log_resource_sync,
    resource_port,
)
from bot.discord_app.drain import Drain
from bot.discord_app.feedback_ui import wire_feedback
from bot.discord_app.identify_pacing import IdentifyPacer
from bot.discord_app.observability import (
    count_reconcile,
    http_trace,
    interaction_kind,
    ticket_event_counter,
)
from bot.discord_app.pacing import GlobalPacer, pace_client
from bot.discord_app.panel_inputs import panel_inputs
from bot.discord_app.panel_port import DiscordPanelPort
from bot.discord_app.reload_report import reload_report
from bot.discord_app.staff_commands import StaffInteractions
from bot.discord_app.staff_tools import StaffToolInteractions
from bot.discord_app.ticket_port import DEFAULT_DEADLINE, DiscordTicketPort
from bot.discord_app.tickets import TicketInteractions
from bot.discord_app.timers_ui import TimerInteractions
from bot.discord_app.transcript_port import DiscordTranscriptPort
from bot.discord_app.translator import FluentTranslator, Handler, build_commands
from bot.domain import access
from bot.domain.log_lines import LogKind
from bot.domain.records import CommandSyncRecord
from bot.domain.shards import ShardPlan
from bot.domain.tickets import Ticket
from bot.observability import Metrics
from bot.reconcile.commands import payload_hash
from bot.reconcile.plan import ChangeAction
from bot.reconcile.sync import PanelSync, sync_panels
from bot.runtime import Runtime, load_runtime
from bot.scheduler import Scheduler
from bot.services.approvals import ApprovalService
from bot.services.autoclose import KIND as AUTOCLOSE
from bot.services.autoclose import AutoCloseService
from bot.services.blocks import BlockService
from bot.services.capacity import CapacityService, every_gate
from bot.services.close_requests import KIND as CLOSE_REQUEST
from bot.services.close_requests import CloseRequestService
from bot.services.event_log import EventLog
from bot.services.handler_access import HandlerAccess
from bot.services.log_queue import LineQueue
from bot.services.member_left import MemberLeftService
from bot.services.move import MoveService
from bot.services.reminders import KIND as REMINDER
from bot.services.reminders import ReminderService
from bot.services.rename import RenameService
from bot.services.staff import StaffService
from bot.services.stats import StatsService
from bot.services.tags import TagService
from bot.services.tickets import TicketService
from bot.services.timer_context import TimerContext
from bot.services.transcripts import TranscriptService
from bot.services.transfer import TransferService
from bot.services.working_hours import WorkingHoursService
from bot.storage import (
    ApprovalRepository,
    BlockRepository,
    CommandSyncRepository,
    Database,
    HeldReasonRepository,
    PanelRepository,
    ProcessRepository,
    RenameRepository,
    TicketRepository,
    TranscriptRepository,
)
from bot.storage.database import utc_now
from bot.storage.log_queue import LogQueueRepository
from bot.storage.timers import TimerRepository
from bot.transcripts.worker import ProcessRenderer

log = logging.getLogger(__name__)

GLOBAL_SCOPE = "global"
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


class GuichetBot(discord.Client):
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
        self.panel_port = DiscordPanelPort(
            self.http, lambda: self.user.id if self.user else None, deadline=discord_timeout
        )
        self.resource_port = resource_port(self, deadline=discord_timeout)
        self.ticket_port = DiscordTicketPort(self, deadline=discord_timeout)
        self.drain = Drain()  # SIGTERM/SIGINT: no new work, in-flight work finishes or undoes
        self.instance = instance
        self._maintenance_interval = maintenance_interval
        self._maintenance: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self.ticket_repo = tickets = TicketRepository(db)
        self.transcript_port = DiscordTranscriptPort(self)
        self.log_queue = LineQueue(LogQueueRepository(db), self.ticket_port)
        self.event_log = EventLog(
            self.ticket_port,
            self._translate,
            observer=ticket_event_counter(self.metrics),
            queue=self.log_queue,
        )
        self.transcripts = TranscriptService(
            tickets,
            TranscriptRepository(db),
            self.transcript_port,
            self._translate,
            # Renders off the event loop, in a worker with the bot's own messages (at call
            # time: a reload swaps the catalog).
            ProcessRenderer(
                lambda: (self.runtime.catalog.root, self.runtime.catalog.strict), self._translate
            ),
        )
        self.handler_access = HandlerAccess(tickets, self.ticket_port, self._translate)
        self.blocks = BlockService(
            BlockRepository(db), self.ticket_port, self._translate, queue=self.log_queue
        )
        self.working_hours = WorkingHoursService(self._translate, clock=clock)
        self.tickets = TicketService(
            tickets,
            self.ticket_port,
            self._translate,
            archiver=self._archive,
            join_notice=self.handler_access.post_notice,
            gate=every_gate(
                self.blocks.opening_refusal,
                self.working_hours.opening_refusal,  # before the counts: no query when away
                CapacityService(tickets, self._translate).opening_refusal,
            ),
            clock=clock,
        )
        self.staff = StaffService(
            tickets,
            self.ticket_port,
            self._translate,
            event_log=self.event_log,
            join_notice=self.handler_access.post_notice,
            opener_block=self.blocks.active_block,
        )
        self.renames = RenameService(
            self.staff, RenameRepository(db), self.ticket_port, self._translate
        )
        self.tags = TagService(self.staff, self.ticket_port, self._translate)
        self.transfers = TransferService(self.staff, tickets, self.ticket_port, self._translate)
        self.moves = MoveService(self.staff, tickets, self.ticket_port, self._translate)
        self.stats = StatsService(db, self._translate)
        self.approvals = ApprovalService(
            ApprovalRepository(db),
            self.tickets,
            self.ticket_port,
            self._translate,
            event_log=self.event_log,
        )
        # Durable timers (bot.scheduler): due times in the database, this process's shards only.
        self.timers = TimerRepository(db)
        self.scheduler = Scheduler(self.timers, clock=clock, shards=self.shard_plan)
        # False: only start-up and explicit sweeps run timers (tests that move the clock).
        self.timers_in_upkeep = timers_in_upkeep
        timer_context = TimerContext(
            self.timers,
            tickets,
            self.tickets,
            self.ticket_port,
            self._translate,
            self.event_log,
            server_for=lambda guild: self.runtime.server_for(guild),  # noqa: PLW0108 - reload swaps runtime
            clock=clock,
        )
        self.autoclose = AutoCloseService(timer_context)
        self.scheduler.register(AUTOCLOSE, self.autoclose.run)
        self.close_requests = CloseRequestService(timer_context)
        self.member_left = MemberLeftService(timer_context)
        self.reminders = ReminderService(timer_context)
        self.scheduler.register(REMINDER, self.reminders.run)
        self.staff.on_status = self.reminders.status_changed
        self.scheduler.register(CLOSE_REQUEST, self.close_requests.run)
        self.tickets.on_active = self.autoclose.arm
        self.timers_ui = TimerInteractions(self)
        self.ticket_ui = TicketInteractions(self, tickets, HeldReasonRepository(db))
        self.staff_ui = StaffInteractions(self)
        self.staff_tools_ui = StaffToolInteractions(self)
        self.approval_ui = ApprovalInteractions(self)
        wire_feedback(self, clock=clock)  # the member's summary on close and their rating

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
        return sum([await self.autoclose.arm_backlog(s) for s in servers])

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

    def _autocompleters(self) -> dict[str, Any]:
        async def topic(interaction: discord.Interaction, current: str) -> list[Any]:
            server = self.runtime.server_for(interaction.guild_id)
            if server is None or self.drain.stopping:
                return []
            locale = interaction.locale.value
            choices = []
            # A disabled system opens nothing: offering its topics would only lead to a refusal.
            for system in (s for s in server.systems if s.enabled):
                for topic_spec in system.topics:
                    label = self.runtime.catalog.translate(
                        topic_spec.label, locale, server=server.name, server_locale=server.locale
                    )
                    if current.lower() in label.lower():
                        value = f"{system.id}:{topic_spec.id}"
                        choices.append(app_commands.Choice(name=label[:100], value=value))
            return choices[:25]

        return {"topic": topic, **self.staff_tools_ui.autocompleters()}

    async def on_connect(self) -> None:
        """READY came: the start-up panel sync begins now, over REST, while discord.py waits
        for every GUILD_CREATE and then 2 s more (``guild_ready_timeout``) before on_ready:
        the sync needs no guild from the cache, so the two overlap. Not earlier: Discord lets
        a bot post only once it has identified. "panels synced" is still told (and
        ``panels_synced`` set) once on_ready came too: it means the bot is ready to serve
        members, whose interactions need their guild in the cache."""
        if self._start_sync is None:
            self._start_sync = asyncio.create_task(self._sync_at_start(), name="guichet-start-sync")

    async def _sync_at_start(self) -> PanelSync | None:
        try:
            return await self.sync_panels(announce=False)
        except Exception:
            log.exception("start-up panel sync failed")
            return None

    async def on_ready(self) -> None:
        if self._first_ready.is_set():
            return
        self._first_ready.set()
        log.info("connected", extra={"guilds": len(self.guilds)})
        if self._start_sync is None:  # a client that never dispatched connect
            await self.on_connect()
        assert self._start_sync is not None
        try:
            synced = await self._start_sync
            if synced is not None:
                self._report_sync(synced)
        finally:
            self.panels_synced.set()
        await self.forget_channels_deleted_while_offline()
        # What start-up built (specs, catalogs, the guild cache) lives as long as the
        # process: out of the collector's sight, so a full collection (set off by a burst of
        # short-lived objects, a transcript's 500 history pages) scans what came since, not
        # all of it. Measured (bench/transcript_bench.py, 10 servers, loaded machine): full
        # collections of 0.4-0.6 s on the loop during a 10,000-message close, gone after.
        gc.collect()
        gc.freeze()

    async def forget_channels_deleted_while_offline(self) -> int:
        """Ticket channels deleted while the bot was down sent no event: find them at start.

        Text channels are all in the cache after GUILD_CREATE; threads may be archived (not
        cached), so a thread missing from the cache is asked for once before it counts as gone.
        """
        gone = 0
        for guild in self.guilds:
            if self.runtime.server_for(guild.id) is None:
                continue
            for ticket in await self.ticket_repo.with_live_channel(guild.id):
                channel_id = ticket.channel_id
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

    # --------------------------------------------------------------- commands
    async def command_payload(self) -> list[dict[str, Any]]:
        translator = self.tree.translator
        return [
            await command.get_translated_payload(self.tree, translator)  # type: ignore[arg-type]
            for command in self.tree.get_commands()
        ]

    async def sync_commands(self) -> bool:
        """Sync slash commands only when their translated payload changed; True when synced.
        Global commands belong to no server: only the process running shard 0 syncs them."""
        if not self.shard_plan.does_global_work:
            return False
        repo = CommandSyncRepository(self.db)
        digest = payload_hash(await self.command_payload())
        stored = await repo.get(GLOBAL_SCOPE)
        if stored is not None and stored.payload_hash == digest:
            log.info("slash commands up to date")
            return False
        await self.tree.sync()
        await repo.put(CommandSyncRecord(GLOBAL_SCOPE, digest))
        log.info("slash commands synced")
        return True

    # ----------------------------------------------------------------- panels
    async def sync_panels(
        self, *, refresh: bool = False, force: bool = False, announce: bool = True
    ) -> PanelSync:
        """``announce``: log the outcome now (else the caller calls :meth:`_report_sync`)."""
        async with self._sync_lock:
            # Declared resources first: a panel's channel may be one of them. Only the servers
            # this process's shards hold: another process applies the others.
            resources, self.runtime = await apply_declared(
                self.runtime,
                self.db,
                self.resource_port,
                owns=self.shard_plan.owns,
                refresh=refresh,
                force=force,
            )
            log_resource_sync(resources)
            servers = tuple(s for s in self.runtime.reconcilable if self.shard_plan.owns(s.guild))
            result = await sync_panels(
                servers,
                PanelRepository(self.db),
                self.panel_port,
                self.runtime.catalog.translate,
                refresh_discord=refresh,
                force=force,
                inputs=panel_inputs(self.db, self.runtime.catalog),
            )
        result = replace(result, resources=resources)
        self.last_sync = result
        count_reconcile(self.metrics, result, {s.guild: s.name for s in self.runtime.servers})
        if announce:
            self._report_sync(result)
        return result

    def _report_sync(self, result: PanelSync) -> None:
        if result.unsafe is not None:
            log.error(
                "panel plan refused: too many deletions",
                extra={"deletes": result.unsafe.deletes, "existing": result.unsafe.existing},
            )
        elif result.report is not None:
            changed = sum(1 for c in result.plan.changes if c.action is not ChangeAction.UNCHANGED)
            log.info(
                "panels synced",
                extra={"changes": changed, "failed": len(result.report.failed)},
            )
            for failed in result.report.failed:
                log.error(
                    "panel sync failed",
                    extra={
                        "guild_id": failed.change.guild_id,
                        "panel": failed.change.panel_id,
                        "error": failed.error,
                    },
                )

    async def reload(self, *, refresh: bool = False) -> PanelSync:
        """Re-read servers/ and locales/; invalid files keep their previous state.

        The panels are planned from the database's records, as ``guichet apply`` does: a
        no-op reload makes no Discord request, a changed text one edit. ``refresh`` reads
        each recorded panel back first (a GET each), for messages deleted by hand."""
        loaded = load_runtime(self.servers_dir, self.locales_dir, previous=self.runtime)
        # Bound to the recorded ids at once: staff keep their declared roles meanwhile.
        self.runtime = await bind_runtime(loaded, self.db)
        for error in self.runtime.errors:
            log.error("configuration error: %s", error)
        translator = self.tree.translator
        if isinstance(translator, FluentTranslator):
            translator.catalog = self.runtime.catalog
        await self.sync_commands()
        await self.arm_timers()
        return await self.sync_panels(refresh=refresh)

    async def _cmd_reload(self, interaction: discord.Interaction, refresh: bool = False) -> None:
        """Staff of this server (or its managers) only, whatever Discord's command
        permissions say (a server's admins can open a command to anyone); they are shown
        this server's problems only, with paths relative to the servers folder."""
        server = self.runtime.server_for(interaction.guild_id)
        if self.drain.stopping:
            await self.reply_error(interaction, "restarting")
            return
        if interaction.guild_id is None or not access.may_reload(
            interaction_actor(interaction), server
        ):
            await self.reply_error(interaction, "reload-not-allowed")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.reload(refresh=bool(refresh))
        text = reload_report(
            self.runtime,
            result,
            interaction.locale.value,
            interaction.guild_id,
            servers_dir=Path(self.servers_dir),
            locales_dir=Path(self.locales_dir),
        )
        await interaction.followup.send(text, ephemeral=True)

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
