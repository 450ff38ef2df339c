"""Discord's client offers a command only to those allowed to run it: `default_member_permissions`
(the member's permissions in the channel; "0" for administrators only), and the guild's command
permission overrides (see bot.sandbox.command_access_rules): an actor trying anyway gets an
ActorError and no interaction reaches the bot."""

from __future__ import annotations

import pytest

from bot.sandbox.actors import ActorError
from bot.sandbox.command_access_rules import CommandPermission, TargetKind
from bot.sandbox.permissions import Perm
from bot.sandbox.server import Emulator
from bot.sandbox.state import ChannelType, Guild

from .conftest import Rest

MANAGE_GUILD = str(int(Perm.MANAGE_GUILD))


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Commands")


@pytest.fixture
async def commands(emulator: Emulator, rest: Rest, guild: Guild) -> dict[str, int]:
    """/everyone (no default), /managers (Manage Server), /admins ("0"): name -> id."""
    app = emulator.state.application_id
    body = [
        {"name": "everyone", "description": "For all", "type": 1},
        {
            "name": "managers",
            "description": "Manage Server",
            "type": 1,
            "default_member_permissions": MANAGE_GUILD,
        },
        {"name": "admins", "description": "Administrators", "default_member_permissions": "0"},
    ]
    status, listed = await rest.call("PUT", f"/applications/{app}/guilds/{guild.id}/commands", body)
    assert status == 200
    return {c["name"]: int(c["id"]) for c in listed}


def offered(emulator: Emulator, user_id: int, guild: Guild, channel: int) -> set[str]:
    """The commands the member's client lets them run in `channel`."""
    found = set()
    for name in ("everyone", "managers", "admins"):
        try:
            emulator.actor(user_id, guild.id)._command_data(name, (), None, channel, focused=None)
        except ActorError:
            continue
        found.add(name)
    return found


async def test_default_member_permissions_decide_who_sees_a_command(
    emulator: Emulator, guild: Guild, commands: dict[str, int]
) -> None:
    lobby = emulator.add_channel(guild.id, "lobby")
    member = emulator.add_member(guild.id, "mia")
    managers = emulator.add_role(guild.id, "managers", permissions=Perm.MANAGE_GUILD)
    manager = emulator.add_member(guild.id, "max", roles=[managers.id])
    admins = emulator.add_role(guild.id, "admins", permissions=Perm.ADMINISTRATOR)
    admin = emulator.add_member(guild.id, "ada", roles=[admins.id])

    assert offered(emulator, member.id, guild, lobby.id) == {"everyone"}
    assert offered(emulator, manager.id, guild, lobby.id) == {"everyone", "managers"}
    assert offered(emulator, admin.id, guild, lobby.id) == {"everyone", "managers", "admins"}
    assert offered(emulator, guild.owner_id, guild, lobby.id) == {"everyone", "managers", "admins"}
    with pytest.raises(ActorError, match="does not offer /managers"):
        await emulator.actor(member.id, guild.id).slash("managers", channel=lobby)
    assert emulator.interactions_by_token == {}  # nothing was sent to the bot


async def test_command_overrides_win_over_the_default_app_overrides_do_not(
    emulator: Emulator, guild: Guild, commands: dict[str, int]
) -> None:
    lobby = emulator.add_channel(guild.id, "lobby")
    quiet = emulator.add_channel(guild.id, "quiet")
    staff = emulator.add_role(guild.id, "staff")
    helper = emulator.add_member(guild.id, "hal", roles=[staff.id])
    member = emulator.add_member(guild.id, "mia")
    app = emulator.state.application_id
    allow, deny = True, False

    # Command level: the staff role may use /admins; mia may not use /everyone anywhere.
    emulator.set_command_permissions(
        guild.id, commands["admins"], [CommandPermission(staff.id, TargetKind.ROLE, allow)]
    )
    emulator.set_command_permissions(
        guild.id, commands["everyone"], [CommandPermission(member.id, TargetKind.USER, deny)]
    )
    assert offered(emulator, helper.id, guild, lobby.id) == {"everyone", "admins"}
    assert offered(emulator, member.id, guild, lobby.id) == set()

    # App level, for every command without its own: @everyone allowed still leaves
    # /managers to Manage Server; the quiet channel closed to the app closes it to all.
    emulator.set_command_permissions(
        guild.id,
        app,
        [
            CommandPermission(guild.id, TargetKind.ROLE, allow),
            CommandPermission(quiet.id, TargetKind.CHANNEL, deny),
        ],
    )
    assert offered(emulator, helper.id, guild, lobby.id) == {"everyone", "admins"}
    assert offered(emulator, helper.id, guild, quiet.id) == set()


async def test_a_thread_takes_its_channels_command_permissions(
    emulator: Emulator, guild: Guild, commands: dict[str, int]
) -> None:
    lobby = emulator.add_channel(guild.id, "lobby")
    thread = emulator.add_channel(
        guild.id, "talk", type=ChannelType.PUBLIC_THREAD, parent_id=lobby.id
    )
    member = emulator.add_member(guild.id, "mia")
    emulator.set_command_permissions(
        guild.id,
        commands["everyone"],
        [CommandPermission(guild.id - 1, TargetKind.CHANNEL, permission=False)],  # all channels
    )
    assert offered(emulator, member.id, guild, thread.id) == set()
    assert offered(emulator, member.id, guild, lobby.id) == set()
