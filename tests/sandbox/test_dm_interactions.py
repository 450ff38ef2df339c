"""Interactions from a DM with the bot, as Discord's Interaction Object describes them: no
guild, ``user`` instead of ``member``, context 1 (BOT_DM); only the DM's recipient can click
there, and the click may be answered by editing the DM's message."""

from __future__ import annotations

import pytest

from bot.sandbox import interactions, messaging
from bot.sandbox.actors import ActorError
from bot.sandbox.server import Emulator

BUTTON = {"type": 1, "components": [{"type": 2, "style": 2, "label": "1", "custom_id": "rate"}]}


async def test_a_click_in_a_dm_has_no_guild_and_only_its_recipient_makes_it(
    emulator: Emulator,
) -> None:
    guild = emulator.add_guild("A")
    member = emulator.actor(emulator.add_member(guild.id, "mia", locale="fr").id)
    other = emulator.actor(emulator.add_member(guild.id, "oto").id)
    dm = emulator.dm_channel(member.user_id)
    posted = messaging.publish(
        emulator,
        messaging.compose(
            emulator,
            channel_id=dm.id,
            guild_id=None,
            author=emulator.state.bot_user,
            body={"content": "Your ticket is closed", "components": [BUTTON]},
            uploads=[],
            author_permissions=0,
        ),
    )
    with pytest.raises(ActorError, match="someone else's DMs"):
        await other.click(posted, "rate")

    exchange = await member.click(posted, "rate")
    interaction = exchange.interaction
    sent = interactions.payload(emulator, interaction)
    assert interaction.guild_id is None
    assert "guild_id" not in sent and "member" not in sent and "guild" not in sent
    assert sent["user"]["id"] == str(member.user_id)
    assert sent["channel"]["id"] == str(dm.id) and sent["channel"]["type"] == 1
    assert (sent["context"], sent["authorizing_integration_owners"]) == (1, {"0": "0"})
    assert sent["locale"] == "fr" and sent["message"]["id"] == str(posted.id)

    interactions.respond(
        emulator,
        interaction.id,
        interaction.token,
        {"type": 7, "data": {"content": "Thanks", "components": []}},
        [],
    )
    assert (posted.content, posted.components) == ("Thanks", [])
