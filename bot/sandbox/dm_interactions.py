"""Interactions from a direct message with the bot: a member clicking a button of a message
the bot sent them in their DMs (a close summary's rating), and the dialog that may follow.

Discord's "Interaction Object" (developers/interactions/receiving-and-responding.mdx): in a
DM there is no ``guild_id``, no ``guild`` nor ``member``; ``user`` is the person, ``channel``
the DM channel, ``context`` is 1 (BOT_DM), and ``authorizing_integration_owners`` maps the
guild install (``"0"``) to ``"0"`` ("the integration was installed to a server but used in
a bot DM"). ``app_permissions`` is still sent: what the app may do in the DM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.permissions import Perm

if TYPE_CHECKING:
    from bot.sandbox.interaction_model import Interaction
    from bot.sandbox.server import Emulator
    from bot.sandbox.state import DMChannel

# What a bot may do in a DM: read, write, embed, attach, read the history.
DM_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
)
BOT_DM = 1  # InteractionContextType


def dm_channel_of(emulator: Emulator, channel_id: int) -> DMChannel | None:
    return emulator.state.dm_channels.get(channel_id)


def payload(emulator: Emulator, interaction: Interaction, attachment_limit: int) -> dict[str, Any]:
    """INTERACTION_CREATE's data for an interaction in a DM channel."""
    state = emulator.state
    channel = state.dm_channels[interaction.channel_id]
    data: dict[str, Any] = {
        "id": str(interaction.id),
        "application_id": str(state.application_id),
        "type": interaction.type,
        "token": interaction.token,
        "version": 1,
        "channel_id": str(channel.id),
        "channel": channel.payload(),
        "user": state.users[interaction.user_id].payload(),
        "locale": interaction.locale,
        "app_permissions": str(int(DM_PERMISSIONS)),
        "entitlements": [],
        "authorizing_integration_owners": {"0": "0"},
        "context": BOT_DM,
        "attachment_size_limit": attachment_limit,
        "data": interaction.data,
    }
    if interaction.message_id is not None:
        message = state.find_message(interaction.channel_id, interaction.message_id)
        if message is not None:
            data["message"] = message.payload(state)
    return data
