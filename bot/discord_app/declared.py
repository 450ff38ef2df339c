"""Declared resources in the bot and in ``guichet plan/apply``: apply them, then bind every
server spec to their ids (read back from the store), so the panels, tickets and staff checks
that follow only ever see Discord ids."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import discord

from bot.discord_app.resource_port import DiscordResourcePort
from bot.i18n.ids import message_id
from bot.reconcile.resources.sync import (
    ResourceSync,
    bind_servers,
    plan_server_resources,
    stored_ids,
    sync_resources,
)
from bot.runtime import Runtime, StartupError
from bot.settings import Settings
from bot.storage import Database, ResourceRepository

log = logging.getLogger(__name__)


def resource_port(client: discord.Client, *, deadline: float = 15.0) -> DiscordResourcePort:
    return DiscordResourcePort(
        client.http, lambda: client.user.id if client.user else None, deadline=deadline
    )


async def bind_runtime(runtime: Runtime, db: Database) -> Runtime:
    """The runtime with each server bound to the ids its store records (no Discord call)."""
    ids = await stored_ids(runtime.servers, ResourceRepository(db))
    return replace(runtime, servers=bind_servers(runtime.servers, ids))


async def apply_declared(
    runtime: Runtime,
    db: Database,
    port: DiscordResourcePort,
    *,
    owns: object = None,
    refresh: bool = False,
    force: bool = False,
    dry_run: bool = False,
) -> tuple[ResourceSync, Runtime]:
    """Plan (and unless ``dry_run``, apply) the declared resources of the reconcilable servers
    (those ``owns(guild)`` accepts), then the runtime bound to what the store now holds."""
    servers = tuple(
        s
        for s in runtime.reconcilable
        if owns is None or owns(s.guild)  # type: ignore[operator]
    )
    result = await sync_resources(
        servers,
        ResourceRepository(db),
        port,
        runtime.catalog.translate,
        refresh=refresh,
        force=force,
        dry_run=dry_run,
    )
    return result, await bind_runtime(runtime, db)


async def plan_declared_offline(runtime: Runtime, db: Database) -> tuple[ResourceSync, Runtime]:
    """The resource plan from the store's records alone (``guichet plan`` without a token)."""
    plan, _, _ = await plan_server_resources(
        runtime.reconcilable, ResourceRepository(db), runtime.catalog.translate
    )
    return ResourceSync(plan), await bind_runtime(runtime, db)


def log_resource_sync(result: ResourceSync) -> None:
    """One log line per failed or held-back resource change (the running bot has no plan
    output to show them in)."""
    if result.refused:
        keys = [c.key for c in result.plan.in_use()]
        log.error("resource plan refused: deletes channels in use", extra={"keys": keys})
        return
    if result.report is None:
        return
    for outcome in result.report.results:
        if outcome.outcome.value != "ok":
            log.warning(
                "declared resource not applied",
                extra={
                    "guild_id": outcome.change.guild_id,
                    "key": outcome.change.key,
                    "outcome": outcome.outcome.value,
                    "error": outcome.error,
                },
            )
    log.info("declared resources synced", extra={"changes": len(result.report.results)})


async def read_guild(
    client: discord.Client, guild_id: int
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The guild, its roles and its channels as Discord's JSON (``guichet import``)."""
    guild = await client.http.get_guild(guild_id)
    roles = await client.http.get_roles(guild_id)
    channels = await client.http.get_all_guild_channels(guild_id)
    return dict(guild), [dict(r) for r in roles], [dict(c) for c in channels]


async def read_guild_from(
    settings: Settings, runtime: Runtime, guild_id: int, *, sandbox: bool
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], int]:
    """Log in over REST (Discord, or the emulator), read the guild, log out: ``guichet
    import``. Also the bot's own id, for its overwrites."""
    from bot.discord_app.bot import intents
    from bot.discord_app.runner import discord_target

    async with discord_target(settings, runtime, sandbox=sandbox) as target:
        client = discord.Client(intents=intents())
        try:
            try:
                await client.login(target.token)
            except discord.LoginFailure:
                raise StartupError(message_id("run-login-failed")) from None
            except OSError:
                raise StartupError(message_id("run-unreachable")) from None
            try:
                guild, roles, channels = await read_guild(client, guild_id)
            except discord.HTTPException as exc:
                log.debug("guild not read", exc_info=exc)
                raise StartupError(
                    message_id("import-guild-unreadable"), guild=str(guild_id)
                ) from None
            return guild, roles, channels, client.user.id if client.user else 0
        finally:
            await client.close()
