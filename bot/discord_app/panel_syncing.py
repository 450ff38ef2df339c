"""The panel sync of :class:`~bot.discord_app.bot.GuichetBot`: at start (begun at READY,
told once on_ready came), on reload and on ``/guichet reload``, and its report in the logs."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from bot import startup_gc
from bot.discord_app.declared import apply_declared, log_resource_sync
from bot.discord_app.observability import count_reconcile
from bot.discord_app.panel_inputs import panel_inputs
from bot.reconcile.plan import ChangeAction
from bot.reconcile.sync import PanelSync, sync_panels
from bot.storage import PanelRepository

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot

log = logging.getLogger("bot.discord_app.bot")  # one logger for the client, as before the split


class PanelSyncing:
    """Mixed into the client (``self`` is the :class:`GuichetBot`)."""

    async def on_connect(self) -> None:
        """READY came: the start-up panel sync begins now, over REST, while discord.py waits
        for READY's guilds (until each has arrived, :mod:`bot.discord_app.guild_arrival`)
        before on_ready: the sync needs no guild from the cache, so the two overlap. Not
        earlier: Discord lets a bot post only once it has identified. "panels synced" is
        still told (and ``panels_synced`` set) once on_ready came too: it means the bot is
        ready to serve members, whose interactions need their guild in the cache."""
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
        # ``guichet run`` paused automatic collections for the start: back on now.
        startup_gc.resume()

    # ----------------------------------------------------------------- panels
    async def sync_panels(
        self: GuichetBot,
        *,
        refresh: bool = False,
        force: bool = False,
        announce: bool = True,
        guilds: frozenset[int] | None = None,
    ) -> PanelSync:
        """``announce``: log the outcome now (else the caller calls :meth:`_report_sync`).
        ``guilds``: only these (a guild that arrived late); else every server this process
        serves, and the result is :attr:`last_sync`."""

        def owns(guild: int) -> bool:
            return self.shard_plan.owns(guild) and (guilds is None or guild in guilds)

        async with self._sync_lock:
            # Declared resources first: a panel's channel may be one of them. Only the servers
            # this process's shards hold: another process applies the others.
            resources, self.runtime = await apply_declared(
                self.runtime,
                self.db,
                self.resource_port,
                owns=owns,
                refresh=refresh,
                force=force,
            )
            log_resource_sync(resources)
            servers = tuple(s for s in self.runtime.reconcilable if owns(s.guild))
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
        if guilds is None:
            self.last_sync = result
        count_reconcile(self.metrics, result, {s.guild: s.name for s in self.runtime.servers})
        if announce:
            self._report_sync(result)
        return result

    def _report_sync(self, result: PanelSync, *, late_guild: int | None = None) -> None:
        if result.unsafe is not None:
            log.error(
                "panel plan refused: too many deletions",
                extra={"deletes": result.unsafe.deletes, "existing": result.unsafe.existing},
            )
        elif result.report is not None:
            changed = sum(1 for c in result.plan.changes if c.action is not ChangeAction.UNCHANGED)
            counts = {"changes": changed, "failed": len(result.report.failed)}
            if late_guild is None:
                log.info("panels synced", extra=counts)
            else:
                log.info("late guild: panels synced", extra={"guild_id": late_guild, **counts})
            for failed in result.report.failed:
                log.error(
                    "panel sync failed",
                    extra={
                        "guild_id": failed.change.guild_id,
                        "panel": failed.change.panel_id,
                        "error": failed.error,
                    },
                )
