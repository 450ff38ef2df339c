"""Run the bot until SIGINT/SIGTERM, reload on SIGHUP; against Discord or the local emulator."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import discord
import discord.gateway
import discord.http

from bot import startup_gc
from bot.discord_app.bot import MAX_RATE_LIMIT_WAIT, GuichetBot, intents
from bot.discord_app.declared import apply_declared, resource_port
from bot.discord_app.observability import start_observability
from bot.discord_app.pacing import pace_client
from bot.discord_app.panel_inputs import panel_inputs
from bot.discord_app.panel_port import DiscordPanelPort
from bot.discord_app.sharding import make_bot
from bot.discord_app.translator import build_command_tree_payload
from bot.domain.shards import ShardPlan
from bot.i18n.ids import message_id
from bot.observability import ObservabilityServer
from bot.reconcile.commands import GLOBAL_SCOPE, CommandChange, plan_commands
from bot.reconcile.plan import ChangeAction, Plan
from bot.reconcile.sync import PanelSync, sync_panels
from bot.runtime import Runtime, StartupError, open_database, start_emulator
from bot.settings import Settings
from bot.storage import CommandSyncRepository, Database, PanelRepository
from bot.storage.leases import ShardLease, hold_shards

log = logging.getLogger(__name__)

# Guichet has no voice features: silence discord.py's warnings about missing voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


@dataclass(slots=True)
class Target:
    """Where discord.py talks to: the real Discord (token) or a local emulator."""

    token: str
    emulator: object | None = None  # bot.sandbox.server.Emulator while sandboxed


@contextlib.asynccontextmanager
async def discord_target(
    settings: Settings,
    runtime: Runtime,
    *,
    sandbox: bool,
    port: int = 0,
    announce: Callable[[Any], None] | None = None,
) -> AsyncIterator[Target]:
    """The real Discord when a token is set and no sandbox is asked (or the Discord the
    GUICHET_DISCORD_API/GATEWAY settings point at), else a seeded emulator with its page;
    ``announce(emulator)`` is told once that emulator listens."""
    from bot.sandbox.discord_client import configure_discord_endpoints, restore_discord_defaults

    if settings.token is not None and not sandbox:
        configure_discord_endpoints(settings.discord_api, settings.discord_gateway)
        try:
            yield Target(settings.token.reveal())
        finally:
            restore_discord_defaults()
        return
    from bot.sandbox.discord_client import configure_discord_for
    from bot.sandbox.launch import sandbox_emulator

    emulator = sandbox_emulator(
        runtime.servers,
        runtime.catalog,
        servers_dir=settings.servers_dir,
        locales_dir=settings.locales_dir,
    )
    await start_emulator(emulator, port)
    configure_discord_for(emulator.url)
    log.info("sandbox: local Discord emulator at %s", emulator.url)
    if announce is not None:
        announce(emulator)
    try:
        yield Target(emulator.token, emulator)
    finally:
        restore_discord_defaults()
        await emulator.stop()


async def open_target_database(settings: Settings, *, sandbox: bool) -> Database:
    """The bot's database; a sandbox started here starts from an empty default one."""
    target = settings.database_for(sandbox=sandbox)
    if sandbox and settings.database is None:
        from bot.sandbox.launch import reset_sandbox_database

        reset_sandbox_database(target.path)
    return await open_database(target, settings.database_options)


async def run_bot(
    settings: Settings,
    runtime: Runtime,
    *,
    sandbox: bool,
    port: int = 0,
    announce: Callable[[Any], None] | None = None,
) -> int:
    startup_gc.resume_later(asyncio.get_running_loop())  # if never ready, back on anyway
    db = await open_target_database(settings, sandbox=sandbox)
    try:
        with _stop_signals() as stop:
            async with contextlib.AsyncExitStack() as held:
                lease = await _hold_shards(held, db, settings.shards, stop)
                if lease is None:
                    return 0  # stopped while waiting as the standby
                async with discord_target(
                    settings, runtime, sandbox=sandbox, port=port, announce=announce
                ) as target:
                    bot = make_bot(
                        runtime,
                        db,
                        shards=settings.shards,
                        servers_dir=settings.servers_dir,
                        locales_dir=settings.locales_dir,
                        instance=settings.slot,
                        discord_timeout=settings.discord_timeout,
                    )
                    endpoint = None
                    if settings.metrics_port is not None:
                        endpoint = await _start_endpoint(bot, settings)
                    # The staff dashboard, when GUICHET_WEB_URL asks for it (issue 18); its
                    # code (aiohttp.web, Jinja2) is imported only then.
                    if os.environ.get("GUICHET_WEB_URL", "").strip():
                        from bot.discord_app.dashboard_host import dashboard_in_bot

                        await held.enter_async_context(dashboard_in_bot(bot, target.emulator))
                    try:
                        return await _serve(
                            bot,
                            target.token,
                            stop=stop,
                            lost=lease.lost,
                            drain_seconds=settings.drain_seconds,
                        )
                    finally:
                        if endpoint is not None:
                            await endpoint.stop()
    finally:
        await db.close()


async def _start_endpoint(bot: GuichetBot, settings: Settings) -> ObservabilityServer:
    assert settings.metrics_port is not None
    try:
        return await start_observability(bot, settings.metrics_host, settings.metrics_port)
    except OSError as exc:
        raise StartupError(
            message_id("observability-port-unavailable"),
            address=f"{settings.metrics_host}:{settings.metrics_port}",
            reason=exc.strerror or str(exc),
        ) from None


@contextlib.contextmanager
def _stop_signals() -> Iterator[asyncio.Event]:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        yield stop
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


async def _hold_shards(
    held: contextlib.AsyncExitStack, db: Database, shards: ShardPlan, stop: asyncio.Event
) -> ShardLease | None:
    """This process's shards, once no other process runs them; None if stopped meanwhile."""

    def waiting() -> None:
        log.warning(
            "standby: another process runs these shards; taking over when it stops",
            extra={"shards": shards.describe()},
        )

    acquiring = asyncio.create_task(
        held.enter_async_context(hold_shards(db, shards, waiting=waiting))
    )
    stopping = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if acquiring not in done:
        acquiring.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await acquiring
        return None
    log.info("running shards", extra={"shards": shards.describe()})
    return acquiring.result()


async def _serve(
    bot: GuichetBot,
    token: str,
    *,
    stop: asyncio.Event,
    lost: asyncio.Event,
    drain_seconds: float,
) -> int:
    loop = asyncio.get_running_loop()
    reloads: set[asyncio.Task[object]] = set()

    def reload() -> None:
        task = loop.create_task(bot.reload())
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    loop.add_signal_handler(signal.SIGHUP, reload)
    try:
        async with bot:
            runner = asyncio.create_task(bot.start(token), name="guichet-bot")
            stopper = asyncio.create_task(stop.wait())
            loser = asyncio.create_task(lost.wait())
            waits = {runner, stopper, loser}
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            if runner in done:
                _raise_startup_error(runner)
            if loser in done:
                # Another process may take these shards over now: stop answering at once.
                log.error("lost this process's hold on its shards: stopping")
            else:
                log.info("shutting down")
            stopper.cancel()
            loser.cancel()
            if not lost.is_set():
                # No new work from here; in-flight work finishes, or is undone at the deadline.
                await bot.drain.stop(drain_seconds)
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
    return 1 if lost.is_set() else 0


async def plan_command_sync(
    runtime: Runtime, db: Database
) -> tuple[CommandChange, list[dict[str, Any]]]:
    """The global slash-command sync to do, from the translated payload and the stored hash."""
    payload = await build_command_tree_payload(runtime.catalog)
    stored = await CommandSyncRepository(db).get(GLOBAL_SCOPE)
    return plan_commands(GLOBAL_SCOPE, payload, stored), payload


async def sync_global_commands(client: discord.Client, payload: list[dict[str, Any]]) -> None:
    if client.application_id is None:
        raise StartupError(message_id("run-login-failed"))
    try:
        await client.http.bulk_upsert_global_commands(client.application_id, payload)
    except discord.HTTPException as exc:
        log.exception("slash command sync failed")
        raise StartupError(message_id("run-commands-failed"), status=exc.status) from None


def _raise_startup_error(task: asyncio.Task[None]) -> None:
    """Turn why the client stopped into a message for the admin, never a traceback."""
    try:
        task.result()
    except discord.LoginFailure:
        raise StartupError(message_id("run-login-failed")) from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError(message_id("run-intents-missing")) from None
    except (OSError, discord.GatewayNotFound, discord.ConnectionClosed) as exc:
        log.debug("connection failed", exc_info=exc)
        raise StartupError(message_id("run-unreachable")) from None


async def apply_once(
    settings: Settings,
    runtime: Runtime,
    *,
    sandbox: bool,
    refresh: bool,
    force: bool,
    dry_run: bool,
    progress: object = None,
) -> PanelSync:
    """One plan/apply over REST only (no gateway): what ``guichet plan/apply`` run."""
    db = await open_target_database(settings, sandbox=sandbox)
    try:
        async with discord_target(settings, runtime, sandbox=sandbox) as target:
            # As the bot: a 429 asking for more than 30 s is reported (rate limited) rather
            # than slept through until the ports' deadline called it a timeout.
            client = discord.Client(intents=intents(), max_ratelimit_timeout=MAX_RATE_LIMIT_WAIT)
            pace_client(client)  # an apply over many servers is a burst: stay under 50/s
            try:
                try:
                    await client.login(target.token)
                except discord.LoginFailure:
                    raise StartupError(message_id("run-login-failed")) from None
                except OSError as exc:
                    log.debug("connection failed", exc_info=exc)
                    raise StartupError(message_id("run-unreachable")) from None
                commands, payload = await plan_command_sync(runtime, db)
                if commands.action is not ChangeAction.UNCHANGED and not dry_run:
                    await sync_global_commands(client, payload)
                    await CommandSyncRepository(db).put(commands.record)
                resources, runtime = await apply_declared(
                    runtime,
                    db,
                    resource_port(client),
                    refresh=refresh,
                    force=force,
                    dry_run=dry_run,
                )
                if resources.refused:  # deletes channels in use: nothing at all is applied
                    return PanelSync(Plan(), commands=(commands,), resources=resources)
                result = await sync_panels(
                    runtime.reconcilable,
                    PanelRepository(db),
                    DiscordPanelPort(client.http, lambda: client.user.id if client.user else None),
                    runtime.catalog.translate,
                    refresh_discord=refresh,
                    force=force,
                    dry_run=dry_run,
                    progress=progress,  # type: ignore[arg-type]
                    inputs=panel_inputs(db, runtime.catalog),
                )
                drift = await missing_references(client, runtime) if refresh else ()
                return replace(result, commands=(commands,), drift=drift, resources=resources)
            finally:
                await client.close()
    finally:
        await db.close()


async def missing_references(client: discord.Client, runtime: Runtime) -> tuple[Any, ...]:
    """The roles, channels and custom emoji each server file names that its guild no longer
    has: drift, at the file and line that name them. A guild Discord will not list is
    skipped (its panels' refresh says why)."""
    from bot.config.references import Kind
    from bot.config.references import missing_references as missing

    found: list[Any] = []
    for server in runtime.servers:
        try:
            roles = await client.http.get_roles(server.guild)
            channels = await client.http.get_all_guild_channels(server.guild)
        except discord.HTTPException as exc:
            log.warning("could not list a guild", extra={"guild_id": server.guild})
            log.debug("listing failed", exc_info=exc)
            continue
        existing = {
            Kind.ROLE: {int(r["id"]) for r in roles},
            Kind.CHANNEL: {int(c["id"]) for c in channels},
        }
        try:
            emojis = await client.http.get_all_custom_emojis(server.guild)
            existing[Kind.EMOJI] = {int(e["id"]) for e in emojis if e.get("id")}
        except discord.HTTPException:
            log.info("custom emoji not listed: not checked", extra={"guild_id": server.guild})
        found += missing(server.source, existing)
    return tuple(found)
