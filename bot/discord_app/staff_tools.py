"""Staff tools of issue 16 through discord.py: ``/ticket block|unblock|blocks`` (and, as they
land, rename, tags...). Each handler parses the interaction and calls one service method,
which checks who may act and returns the localized, ephemeral reply (``interaction.locale``).
Kept apart from :mod:`bot.discord_app.staff_commands` so both can grow without conflicts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

import discord
from discord import app_commands

from bot.config.specs import ServerSpec
from bot.discord_app.actors import interaction_actor, member_actor
from bot.discord_app.guard import guarded
from bot.discord_app.replies import acknowledge, answer
from bot.discord_app.staff_commands import StaffHost, StaffInteractions, StaffResult
from bot.discord_app.tickets import topic_option
from bot.domain.access import Actor
from bot.domain.stats import StatsPeriod
from bot.i18n.ids import message_id
from bot.services.blocks import BlockService
from bot.services.move import MoveService
from bot.services.rename import RenameService
from bot.services.stats import StatsService
from bot.services.tags import TagService
from bot.services.transfer import TransferService

if TYPE_CHECKING:
    from bot.discord_app.translator import Autocompleter, Handler


# A staff tool about the whole server: (server, acting staff, their locale) -> its result.
ServerAction = Callable[[ServerSpec, Actor, str], Awaitable[StaffResult]]


class StaffToolsHost(StaffHost, Protocol):
    blocks: BlockService
    renames: RenameService
    tags: TagService
    transfers: TransferService
    moves: MoveService
    stats: StatsService


class StaffToolInteractions(StaffInteractions):
    """The staff commands' helpers (the ticket of the channel, deferring, answering) with
    handlers of their own; :meth:`command_handlers` lists only these."""

    def __init__(self, host: StaffToolsHost) -> None:
        super().__init__(host)
        self._tools = host

    async def _on_server(
        self, interaction: discord.Interaction, act: ServerAction, *, defer: bool = False
    ) -> None:
        """Run ``act``, a tool about the whole server rather than one ticket (blocks, stats),
        and answer with its reply; ``defer`` when it writes (a log line follows)."""
        server = await self._server(interaction)
        if server is None or (defer and not await acknowledge(interaction)):
            return  # unconfigured (told), or a redelivered interaction: the first copy acts
        result = await act(server, interaction_actor(interaction), interaction.locale.value)
        await answer(interaction, result.reply)

    # --- blocks: stored, then a line in the log channel (deferred first) -------------

    @guarded
    async def cmd_block(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: str,
        duration: str | None = None,
    ) -> None:
        await self._on_server(
            interaction,
            lambda server, actor, loc: self._tools.blocks.block(
                server, actor, member_actor(member), reason, duration, locale=loc
            ),
            defer=True,
        )

    @guarded
    async def cmd_unblock(self, interaction: discord.Interaction, member: discord.Member) -> None:
        await self._on_server(
            interaction,
            lambda server, actor, loc: self._tools.blocks.unblock(
                server, actor, member.id, locale=loc
            ),
            defer=True,
        )

    @guarded
    async def cmd_blocks(self, interaction: discord.Interaction) -> None:
        await self._on_server(
            interaction,
            lambda server, actor, loc: self._tools.blocks.list_blocks(server, actor, locale=loc),
        )

    # --- rename: Discord's 2 per 10 minutes per channel, told when refused ------------

    @guarded
    async def cmd_rename(self, interaction: discord.Interaction, name: str) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._tools.renames.rename(
                server, tid, actor, name, locale=loc
            ),
        )

    # --- tags: a canned reply posted in the ticket, in its opener's language ---------

    @guarded
    async def cmd_tag(self, interaction: discord.Interaction, name: str) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._tools.tags.post(
                server, tid, actor, name, locale=loc
            ),
        )

    async def suggest_tags(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The tags' labels in the staff member's language (nothing for members)."""
        server = self._tools.runtime.server_for(interaction.guild_id)
        if server is None:
            return []
        found = self._tools.tags.suggestions(
            server, interaction_actor(interaction), current, locale=interaction.locale.value
        )
        return [app_commands.Choice(name=label, value=tag_id) for label, tag_id in found]

    def autocompleters(self) -> dict[str, Autocompleter]:
        return {"name": self.suggest_tags}

    # --- transfer: the claim to another staff member, the ticket to another member --

    @guarded
    async def cmd_transfer_claim(
        self, interaction: discord.Interaction, member: discord.Member
    ) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._tools.transfers.transfer_claim(
                server, tid, actor, member_actor(member), locale=loc
            ),
        )

    @guarded
    async def cmd_transfer_opener(
        self, interaction: discord.Interaction, member: discord.Member
    ) -> None:
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._tools.transfers.transfer_opener(
                server, tid, actor, member_actor(member), locale=loc
            ),
        )

    # --- move: another topic or system, the members added by hand kept --------------

    @guarded
    async def cmd_move(self, interaction: discord.Interaction, topic: str) -> None:
        server = self._tools.runtime.server_for(interaction.guild_id)
        found = None
        if server is not None:
            found = topic_option(self._translate, server, topic, interaction.locale.value)
        if server is not None and found is None:
            await self._say(interaction, server, message_id("tickets-unknown-topic"))
            return
        await self._on_ticket(
            interaction,
            lambda server, tid, actor, loc: self._tools.moves.move(
                server, tid, actor, *found, locale=loc
            ),
        )

    # --- stats: figures over a period, read from the database (answered at once) ----

    @guarded
    async def cmd_stats(
        self,
        interaction: discord.Interaction,
        period: str | None = None,
        member: discord.Member | None = None,
    ) -> None:
        # ``period`` is a declared choice: Discord sends only those.
        await self._on_server(
            interaction,
            lambda server, actor, loc: self._tools.stats.stats(
                server,
                actor,
                StatsPeriod(period or StatsPeriod.WEEK),
                member.id if member is not None else None,
                locale=loc,
            ),
        )

    def command_handlers(self) -> dict[str, Handler]:
        return {
            "ticket stats": self.cmd_stats,
            "ticket move": self.cmd_move,
            "ticket transfer opener": self.cmd_transfer_opener,
            "ticket transfer claim": self.cmd_transfer_claim,
            "ticket tag": self.cmd_tag,
            "ticket rename": self.cmd_rename,
            "ticket block": self.cmd_block,
            "ticket unblock": self.cmd_unblock,
            "ticket blocks": self.cmd_blocks,
        }
