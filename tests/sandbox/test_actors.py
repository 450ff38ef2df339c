"""Actors: what a member can see and do, computed through Discord's permission algorithm."""

from __future__ import annotations

import pytest

from bot.sandbox.actors import ActorError
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.server import Emulator


async def test_visibility_follows_overwrites_and_roles(emulator: Emulator) -> None:
    guild = emulator.add_guild("A")
    staff_role = emulator.add_role(guild.id, "staff", permissions=Perm.VIEW_CHANNEL)
    staff = emulator.actor(emulator.add_member(guild.id, "sam", roles=[staff_role.id]).id)
    visitor = emulator.actor(emulator.add_member(guild.id, "val").id)
    hidden = emulator.add_channel(
        guild.id,
        "staff-room",
        overwrites=[
            Overwrite(id=guild.id, type=0, deny=Perm.VIEW_CHANNEL),
            Overwrite(id=staff_role.id, type=0, allow=Perm.VIEW_CHANNEL),
        ],
    )
    assert staff.can_view(hidden) and not visitor.can_view(hidden)
    with pytest.raises(ActorError):
        await visitor.say(hidden, "let me in")
    with pytest.raises(ActorError):
        visitor.messages(hidden)
    said = await staff.say(hidden, f"hello <@{visitor.user_id}>", allowed_mentions={"parse": []})
    assert said.mentions == [] and [m.content for m in staff.messages(hidden)] == [said.content]


async def test_leaving_the_guild_removes_the_member(emulator: Emulator) -> None:
    guild = emulator.add_guild("A")
    leaver = emulator.actor(emulator.add_member(guild.id, "lee").id)
    await leaver.leave_guild()
    assert leaver.user_id not in guild.members
    with pytest.raises(ActorError):
        _ = leaver.locale


async def test_unknown_command_and_component_are_actor_errors(emulator: Emulator) -> None:
    guild = emulator.add_guild("A")
    channel = emulator.add_channel(guild.id, "lobby")
    actor = emulator.actor(emulator.add_member(guild.id, "una").id)
    with pytest.raises(ActorError, match="no slash command"):
        await actor.slash("nothing", channel=channel)
    said = await actor.say(channel, "plain")
    with pytest.raises(ActorError, match="no component"):
        await actor.click(said, "missing")
