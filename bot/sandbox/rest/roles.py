"""Role routes: create, modify and delete a guild role, as Discord's documentation says.

- Create Guild Role / Modify Guild Role / Delete Guild Role: "Requires the MANAGE_ROLES
  permission". A new role is created at position 1, just above @everyone.
- Permissions topic, "Permission Hierarchy": a bot "can only edit roles with a position lower
  than its highest role", and "can only grant permissions they have" (unless it is an
  administrator); otherwise Discord answers 50013 Missing Permissions.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.permissions import Perm
from bot.sandbox.rest.common import (
    body,
    emulator_of,
    guild_for_bot,
    json_response,
    no_content,
    require,
    snowflake,
)
from bot.sandbox.state import Guild, Role

routes = web.RouteTableDef()


def _bot_checks(request: web.Request, guild: Guild) -> tuple[int, int]:
    """The bot's guild permissions (Manage Roles required) and its highest role position."""
    state = emulator_of(request).state
    bot_id = state.bot_user.id
    granted = state.guild_permissions(guild, bot_id)
    require(granted, Perm.MANAGE_ROLES)
    member = guild.members[bot_id]
    top = max((guild.roles[r].position for r in member.roles if r in guild.roles), default=0)
    return granted, top


def _grantable(granted: int, permissions: int) -> None:
    if granted & Perm.ADMINISTRATOR:
        return
    if permissions & ~granted:
        raise errors.missing_permissions()


def _apply_fields(role: Role, data: dict[str, Any], granted: int) -> None:
    if data.get("name") is not None:
        role.name = str(data["name"])
    if data.get("permissions") is not None:
        permissions = int(data["permissions"])
        _grantable(granted, permissions)
        role.permissions = permissions
    if data.get("color") is not None:
        role.color = int(data["color"])
    if data.get("hoist") is not None:
        role.hoist = bool(data["hoist"])
    if data.get("mentionable") is not None:
        role.mentionable = bool(data["mentionable"])


@routes.post("/guilds/{guild_id}/roles")
async def create_role(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    granted, _ = _bot_checks(request, guild)
    data = body(request)
    role = Role(id=emulator.state.ids.next(), guild_id=guild.id, name="new role")
    _apply_fields(role, data, granted)
    for other in guild.roles.values():
        if other.id != guild.id and other.position >= 1:
            other.position += 1
    role.position = 1
    guild.roles[role.id] = role
    emulator.role_created(guild, role)
    return json_response(role.payload())


def _role_below_bot(request: web.Request, guild: Guild) -> tuple[Role, int]:
    granted, top = _bot_checks(request, guild)
    role = guild.roles.get(snowflake(request, "role_id"))
    if role is None or (role.id == guild.id and request.method == "DELETE"):
        raise errors.unknown_role()
    if role.position >= top or role.managed:
        raise errors.missing_permissions()
    return role, granted


@routes.patch("/guilds/{guild_id}/roles/{role_id}")
async def modify_role(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    role, granted = _role_below_bot(request, guild)
    _apply_fields(role, body(request), granted)
    emulator.role_updated(guild, role)
    return json_response(role.payload())


@routes.delete("/guilds/{guild_id}/roles/{role_id}")
async def delete_role(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    role, _ = _role_below_bot(request, guild)
    emulator.role_deleted(guild, role.id)
    return no_content()
