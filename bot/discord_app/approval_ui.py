"""Manual approval through discord.py: the Accept and Refuse buttons of a request in the
reception channel, and the modal asking why it is refused. Requests themselves are sent by
the open flows (:mod:`bot.discord_app.tickets`). Staff only: the service checks who decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import discord

from bot.config.specs import ServerSpec
from bot.discord_app.actors import interaction_actor
from bot.discord_app.guard import guarded
from bot.discord_app.modals import REASON_INPUT, refuse_modal, submitted_values
from bot.discord_app.replies import acknowledge, answer, configured_server
from bot.domain.custom_ids import Action, decode
from bot.services.approvals import ApprovalService

if TYPE_CHECKING:
    from bot.runtime import Runtime


class ApprovalHost(Protocol):
    runtime: Runtime
    approvals: ApprovalService

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class ApprovalInteractions:
    def __init__(self, host: ApprovalHost) -> None:
        self._host = host

    async def _server(self, interaction: discord.Interaction) -> ServerSpec | None:
        return await configured_server(self._host.runtime, interaction)

    @guarded
    async def accept_clicked(self, interaction: discord.Interaction, request_id: int) -> None:
        """Open the ticket for the member (deferred: it creates a channel)."""
        server = await self._server(interaction)
        if server is None or not await acknowledge(interaction):
            return
        result = await self._host.approvals.accept(
            server, request_id, interaction_actor(interaction), locale=interaction.locale.value
        )
        await answer(interaction, result.reply)

    @guarded
    async def refuse_clicked(self, interaction: discord.Interaction, request_id: int) -> None:
        """Ask staff why (the modal), unless they may not decide: then say so at once."""
        server = await self._server(interaction)
        if server is None:
            return
        locale = interaction.locale.value
        refused = await self._host.approvals.may_decide(
            server, request_id, interaction_actor(interaction), locale=locale
        )
        if refused is not None:
            await answer(interaction, refused.reply)
            return
        translate = self._host.runtime.catalog.translate
        await interaction.response.send_modal(refuse_modal(translate, server, request_id, locale))

    @guarded
    async def refuse_submitted(self, interaction: discord.Interaction, request_id: int) -> None:
        server = await self._server(interaction)
        if server is None or not await acknowledge(interaction):
            return
        reason = submitted_values(interaction.data).get(REASON_INPUT)  # type: ignore[arg-type]
        result = await self._host.approvals.refuse(
            server,
            request_id,
            interaction_actor(interaction),
            locale=interaction.locale.value,
            reason=reason,
        )
        await answer(interaction, result.reply)

    async def on_modal_submit(self, interaction: discord.Interaction) -> bool:
        """Route a MODAL_SUBMIT by its custom_id; False when it is not a refusal's."""
        data = interaction.data or {}
        parsed = decode(str(data.get("custom_id", "")))
        if (
            parsed is None
            or parsed.action is not Action.REFUSE_MODAL
            or len(parsed.parts) != 1
            or not parsed.parts[0].isdigit()
        ):
            return False
        await self.refuse_submitted(interaction, int(parsed.parts[0]))
        return True
