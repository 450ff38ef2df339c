"""Slash commands of :class:`~bot.discord_app.bot.GuichetBot`: their sync (only when the
translated payload changed), the topic autocompletion, and the reload they can trigger."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from bot.discord_app.actors import interaction_actor
from bot.discord_app.declared import bind_runtime
from bot.discord_app.reload_report import reload_report
from bot.discord_app.translator import FluentTranslator
from bot.domain import access
from bot.domain.records import CommandSyncRecord
from bot.reconcile.commands import GLOBAL_SCOPE, payload_hash
from bot.reconcile.sync import PanelSync
from bot.runtime import load_runtime
from bot.storage import CommandSyncRepository

log = logging.getLogger("bot.discord_app.bot")  # one logger for the client, as before the split


class CommandsAndReload:
    """Mixed into the client (``self`` is the :class:`GuichetBot`)."""

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
