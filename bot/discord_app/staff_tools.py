"""Staff tools of issue 16 through discord.py: ``/ticket block|unblock|blocks`` (and, as they
land, rename, tags...). Each handler parses the interaction and calls one service method,
which checks who may act and returns the localized, ephemeral reply (``interaction.locale``).
Kept apart from :mod:`bot.discord_app.staff_commands` so both can grow without conflicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import discord

from bot.config.specs import ServerSpec
from bot.discord_app.actors import interaction_actor, member_actor
from bot.discord_app.guard import guarded
from bot.discord_app.replies import acknowledge, answer, configured_server
from bot.services.blocks import BlockService

if TYPE_CHECKING:
    from bot.discord_app.translator import Handler
    from bot.runtime import Runtime


class StaffToolsHost(Protocol):
    runtime: Runtime
    blocks: BlockService

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class StaffToolInteractions:
    def __init__(self, host: StaffToolsHost) -> None:
        self._host = host

    async def _server(self, interaction: discord.Interaction) -> ServerSpec | None:
        return await configured_server(self._host.runtime, interaction)

    # --- blocks: stored, then a line in the log channel (deferred first) -------------

    @guarded
    async def cmd_block(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: str,
        duration: str | None = None,
    ) -> None:
        server = await self._server(interaction)
        if server is None or not await acknowledge(interaction):
            return
        result = await self._host.blocks.block(
            server,
            interaction_actor(interaction),
            member_actor(member),
            reason,
            duration,
            locale=interaction.locale.value,
        )
        await answer(interaction, result.reply)

    @guarded
    async def cmd_unblock(self, interaction: discord.Interaction, member: discord.Member) -> None:
        server = await self._server(interaction)
        if server is None or not await acknowledge(interaction):
            return
        result = await self._host.blocks.unblock(
            server, interaction_actor(interaction), member.id, locale=interaction.locale.value
        )
        await answer(interaction, result.reply)

    @guarded
    async def cmd_blocks(self, interaction: discord.Interaction) -> None:
        server = await self._server(interaction)
        if server is None:
            return
        result = await self._host.blocks.list_blocks(
            server, interaction_actor(interaction), locale=interaction.locale.value
        )
        await answer(interaction, result.reply)

    def command_handlers(self) -> dict[str, Handler]:
        return {
            "ticket block": self.cmd_block,
            "ticket unblock": self.cmd_unblock,
            "ticket blocks": self.cmd_blocks,
        }
