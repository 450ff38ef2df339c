"""Who may set which overwrites, as Discord's docs word it (see bot.sandbox.overwrite_rules):
at creation only what the bot holds in the guild, never MANAGE_ROLES unless administrator; on
edits what it holds in the guild or the parent category, or in the channel itself when an
overwrite there gives it MANAGE_ROLES."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, Guild

from .conftest import Rest

ROLE, MEMBER = 0, 1


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Overwrites", everyone_permissions=0)


def overwrite(target: int, kind: int, *, allow: int = 0, deny: int = 0) -> dict[str, Any]:
    return {"id": str(target), "type": kind, "allow": str(int(allow)), "deny": str(int(deny))}


async def create(rest: Rest, guild: Guild, parent: Channel | None, *overwrites: Any) -> Any:
    body: dict[str, Any] = {"name": "ticket", "permission_overwrites": list(overwrites)}
    if parent is not None:
        body["parent_id"] = str(parent.id)
    return await rest.call("POST", f"/guilds/{guild.id}/channels", body)


def bot_role(emulator: Emulator, guild: Guild) -> int:
    return emulator.bot_role(guild.id).id


async def test_create_accepts_only_what_the_bot_holds_in_the_guild(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    role = bot_role(emulator, guild)
    # Add Reactions granted to the bot in the category only: not in the guild.
    category = emulator.add_category(
        guild.id,
        "Tickets",
        overwrites=[Overwrite(role, ROLE, allow=Perm.ADD_REACTIONS)],
    )
    handlers = emulator.add_role(guild.id, "handlers")
    talk = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES

    status, body = await create(
        rest, guild, category, overwrite(handlers.id, ROLE, allow=talk | Perm.ADD_REACTIONS)
    )
    assert (status, body["code"]) == (403, 50013)

    status, created = await create(
        rest,
        guild,
        category,
        overwrite(guild.id, ROLE, deny=Perm.VIEW_CHANNEL),
        overwrite(handlers.id, ROLE, allow=talk),
    )
    assert status == 201 and created["parent_id"] == str(category.id)


async def test_only_administrators_put_manage_roles_in_a_new_channels_overwrites(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    helper = emulator.add_role(guild.id, "helpers")
    # The bot holds Manage Roles in the guild, and still may not hand it out.
    status, body = await create(
        rest, guild, None, overwrite(helper.id, ROLE, allow=Perm.MANAGE_ROLES)
    )
    assert (status, body["code"]) == (403, 50013)
    status, body = await create(
        rest, guild, None, overwrite(helper.id, ROLE, deny=Perm.MANAGE_ROLES)
    )
    assert (status, body["code"]) == (403, 50013)

    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS | Perm.ADMINISTRATOR)
    status, _ = await create(rest, guild, None, overwrite(helper.id, ROLE, allow=Perm.MANAGE_ROLES))
    assert status == 201


async def test_create_needs_manage_channels_in_the_guild_and_the_category(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    role = bot_role(emulator, guild)
    closed = emulator.add_category(
        guild.id, "Closed", overwrites=[Overwrite(role, ROLE, deny=Perm.MANAGE_CHANNELS)]
    )
    hidden = emulator.add_category(
        guild.id, "Hidden", overwrites=[Overwrite(role, ROLE, deny=Perm.VIEW_CHANNEL)]
    )
    assert (await create(rest, guild, closed))[1]["code"] == 50013
    assert (await create(rest, guild, hidden))[1]["code"] == 50001

    # Manage Channels granted on the category alone does not do (read conservatively).
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_CHANNELS)
    granted = emulator.add_category(
        guild.id, "Granted", overwrites=[Overwrite(role, ROLE, allow=Perm.MANAGE_CHANNELS)]
    )
    status, body = await create(rest, guild, granted)
    assert (status, body["code"]) == (403, 50013)


async def test_edits_accept_the_guilds_or_the_parents_permissions(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    role = bot_role(emulator, guild)
    member = emulator.add_member(guild.id, "dana")
    category = emulator.add_category(
        guild.id, "Tickets", overwrites=[Overwrite(role, ROLE, allow=Perm.ADD_REACTIONS)]
    )
    inside = emulator.add_channel(guild.id, "inside", parent_id=category.id)
    outside = emulator.add_channel(guild.id, "outside")
    reacting = overwrite(member.id, MEMBER, deny=Perm.ADD_REACTIONS)
    path = f"/channels/{inside.id}/permissions/{member.id}"

    assert (await rest.call("PUT", path, reacting))[0] == 204  # held in the parent
    status, body = await rest.call(
        "PUT", f"/channels/{outside.id}/permissions/{member.id}", reacting
    )
    assert (status, body["code"]) == (403, 50013)  # held nowhere that counts
    status, body = await rest.call(
        "PATCH", f"/channels/{outside.id}", {"permission_overwrites": [reacting]}
    )
    assert (status, body["code"]) == (403, 50013)
    status, body = await rest.call(
        "PUT", path, overwrite(member.id, MEMBER, allow=Perm.MANAGE_ROLES)
    )
    assert (status, body["code"]) == (403, 50013)  # administrators only


async def test_a_manage_roles_overwrite_lets_the_bot_set_what_it_holds_in_the_channel(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    role = bot_role(emulator, guild)
    member = emulator.add_member(guild.id, "eli")
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_ROLES)
    channel = emulator.add_channel(
        guild.id,
        "delegated",
        overwrites=[Overwrite(role, ROLE, allow=Perm.MANAGE_ROLES | Perm.ADD_REACTIONS)],
    )
    path = f"/channels/{channel.id}/permissions/{member.id}"
    # Add Reactions is the bot's in this channel only, through its MANAGE_ROLES overwrite.
    status, _ = await rest.call("PUT", path, overwrite(member.id, MEMBER, allow=Perm.ADD_REACTIONS))
    assert status == 204
    status, body = await rest.call(
        "PUT", path, overwrite(member.id, MEMBER, allow=Perm.KICK_MEMBERS)
    )
    assert (status, body["code"]) == (403, 50013)
    # Elsewhere the bot has no Manage Roles at all.
    other = emulator.add_channel(guild.id, "other")
    status, body = await rest.call("DELETE", f"/channels/{other.id}/permissions/{guild.id}")
    assert (status, body["code"]) == (403, 50013)
