"""Role routes of the emulator, as Discord documents them: Manage Roles required, a new role
at position 1, only roles below the bot's highest edited or deleted, only permissions the
bot holds granted (else 50013)."""

from __future__ import annotations

import pytest

from bot.sandbox.permissions import Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Guild

from .conftest import Rest


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Roles")


async def test_a_role_is_created_below_the_bot_edited_and_deleted(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    body = {"name": "Staff", "permissions": str(int(Perm.VIEW_CHANNEL)), "mentionable": True}
    status, role = await rest.call("POST", f"/guilds/{guild.id}/roles", body)
    assert status == 200 and role["position"] == 1 and role["mentionable"] is True
    assert emulator.bot_role(guild.id).position > 1
    route = f"/guilds/{guild.id}/roles/{role['id']}"
    status, edited = await rest.call("PATCH", route, {"name": "Équipe", "hoist": True})
    assert status == 200 and (edited["name"], edited["hoist"]) == ("Équipe", True)
    status, _ = await rest.call("DELETE", route)
    assert status == 204 and int(role["id"]) not in guild.roles


async def test_what_the_bot_may_not_do_with_roles_is_refused(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    ban = str(int(Perm.BAN_MEMBERS))  # not a ticket bot's
    status, error = await rest.call("POST", f"/guilds/{guild.id}/roles", {"permissions": ban})
    assert (status, error["code"]) == (403, 50013)
    above = emulator.add_role(guild.id, "Admins")
    above.position = emulator.bot_role(guild.id).position + 1
    status, error = await rest.call("PATCH", f"/guilds/{guild.id}/roles/{above.id}", {"name": "x"})
    assert (status, error["code"]) == (403, 50013) and above.name == "Admins"
    status, error = await rest.call("DELETE", f"/guilds/{guild.id}/roles/{above.id}")
    assert status == 403 and above.id in guild.roles
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_ROLES)
    status, error = await rest.call("POST", f"/guilds/{guild.id}/roles", {"name": "Staff"})
    assert (status, error["code"]) == (403, 50013)
