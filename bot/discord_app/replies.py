"""Sending the services' :class:`OutgoingMessage` replies through an interaction."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.ticket_messages import OutgoingMessage, reply
from bot.i18n.ids import message_id

if TYPE_CHECKING:
    from bot.config.specs import ServerSpec
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

# Discord's answers that mean "this interaction was already handled or is gone": a
# redelivered interaction (40060) or one past its 3 s / 15 min window (10062, 10015).
ALREADY_HANDLED = frozenset({40060, 10062})
# The channel (or the message) the answer would go to is gone: a ticket just deleted.
TARGET_GONE = frozenset({10003, 10008, 10015})


def _kwargs(message: OutgoingMessage) -> dict[str, Any]:
    mentions = message.allowed_mentions
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e.to_payload()) for e in message.embeds],
        "allowed_mentions": discord.AllowedMentions(
            everyone=False,
            users=[discord.Object(u) for u in mentions.users],
            roles=[discord.Object(r) for r in mentions.roles],
            replied_user=False,
        ),
    }
    if message.content is not None:
        kwargs["content"] = message.content
    view = buttons_view(message)
    if view is not None:
        kwargs["view"] = view
    return kwargs


def buttons_view(message: OutgoingMessage) -> discord.ui.View | None:
    """The message's buttons as a finished view: discord.py sends it but keeps nothing in
    memory, since the clicks are handled by the persistent ``DynamicItem``s."""
    if not message.rows:
        return None
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(message.rows):
        for button in row:
            view.add_item(
                discord.ui.Button(
                    style=discord.ButtonStyle(int(button.style)),
                    label=button.label,
                    custom_id=button.custom_id,
                    emoji=button.emoji,
                    row=index,
                )
            )
    view.stop()
    return view


async def answer(
    interaction: discord.Interaction,
    message: OutgoingMessage,
    files: Sequence[tuple[str, bytes]] = (),
) -> bool:
    """Reply (or follow up a deferred reply) with ``message`` and ``files`` (name, bytes);
    False when Discord no longer takes an answer (the ticket channel was deleted
    meanwhile). Other failures raise."""
    kwargs = _kwargs(message)
    if files:
        kwargs["files"] = [discord.File(io.BytesIO(data), filename=name) for name, data in files]
    try:
        if interaction.response.is_done():
            await interaction.followup.send(ephemeral=message.ephemeral, **kwargs)
        else:
            await interaction.response.send_message(ephemeral=message.ephemeral, **kwargs)
    except discord.HTTPException as exc:
        if exc.code in TARGET_GONE:
            return False
        raise
    return True


async def replace_prompt(interaction: discord.Interaction, message: OutgoingMessage) -> bool:
    """Turn the ephemeral message a button sat on into ``message`` (after ``defer()``), so a
    confirmation prompt cannot be clicked twice; False when its channel is gone."""
    kwargs = _kwargs(message)
    kwargs.setdefault("content", None)
    kwargs.setdefault("view", None)
    try:
        await interaction.edit_original_response(**kwargs)
    except discord.HTTPException as exc:
        if exc.code in TARGET_GONE:
            return False
        raise
    return True


async def update_message(interaction: discord.Interaction, message: OutgoingMessage) -> None:
    """Answer a click by editing the message it sat on (one request: the list's
    Previous/Next turn the page of the same ephemeral message)."""
    kwargs = _kwargs(message)
    kwargs.setdefault("content", None)
    kwargs.setdefault("view", None)
    try:
        await interaction.response.edit_message(**kwargs)
    except discord.HTTPException as exc:
        if exc.code in ALREADY_HANDLED:
            log.info("interaction already handled", extra={"interaction_id": interaction.id})
            return
        raise


async def acknowledge(interaction: discord.Interaction, *, update: bool = False) -> bool:
    """Defer: an ephemeral "thinking" answer, or (``update``) a silent update of the clicked
    message. False when the interaction was already acknowledged: the same interaction
    delivered twice, whose other copy is doing the work. Already deferred by this handler
    (before its storage work): nothing more to send."""
    if interaction.response.is_done():
        return True
    try:
        if update:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
    except discord.HTTPException as exc:
        if exc.code in ALREADY_HANDLED:
            log.info("interaction already handled", extra={"interaction_id": interaction.id})
            return False
        raise
    return True


async def configured_server(
    runtime: Runtime, interaction: discord.Interaction
) -> ServerSpec | None:
    """The server file of the interaction's guild; without one the member is told so."""
    server = runtime.server_for(interaction.guild_id)
    if server is None:
        text = message_id("tickets-not-configured")
        await answer(
            interaction, reply(runtime.catalog.translate, interaction.locale.value, None, text)
        )
    return server
