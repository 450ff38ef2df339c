"""Helpers shared by the REST handlers: JSON responses with Discord's exact content type, parsed
bodies, path snowflakes, and the checks every channel route starts with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.permissions import Perm, missing

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator
    from bot.sandbox.state import Channel, Guild

API_PREFIX = "/api/v10"


@dataclass(frozen=True, slots=True)
class UploadedFile:
    field: str  # "files[0]"
    filename: str
    content_type: str | None
    data: bytes

    @property
    def index(self) -> int | None:
        inside = self.field.removeprefix("files[").removesuffix("]")
        return int(inside) if inside.isdigit() else None


EMULATOR_KEY: web.AppKey[object] = web.AppKey("emulator", object)
JSON_BODY_KEY: web.RequestKey[object] = web.RequestKey("json_body", object)
FILES_KEY: web.RequestKey[list[UploadedFile]] = web.RequestKey("files", list)


def emulator_of(request: web.Request) -> Emulator:
    return cast("Emulator", request.app[EMULATOR_KEY])


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py parses JSON only when Content-Type is exactly "application/json" (no charset).
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def body(request: web.Request) -> dict[str, Any]:
    data = request.get(JSON_BODY_KEY)
    return data if isinstance(data, dict) else {}


def body_list(request: web.Request) -> list[Any]:
    data = request.get(JSON_BODY_KEY)
    return data if isinstance(data, list) else []


def files(request: web.Request) -> list[UploadedFile]:
    return list(request.get(FILES_KEY) or [])


def snowflake(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not raw.isdigit():
        raise errors.form_error([name], "NUMBER_TYPE_COERCE", f'Value "{raw}" is not snowflake.')
    return int(raw)


def flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "").lower() in ("1", "true")


def bot_id(request: web.Request) -> int:
    return emulator_of(request).state.bot_user.id


def guild_for_bot(request: web.Request) -> Guild:
    state = emulator_of(request).state
    guild = state.guilds.get(snowflake(request, "guild_id"))
    if guild is None or state.bot_user.id not in guild.members:
        raise errors.unknown_guild()
    return guild


def channel_for_bot(request: web.Request, *required: Perm) -> Channel:
    """The path's channel, if the bot can see it and holds `required` there.

    Unknown ids give 10003; a channel the bot cannot view gives 403 50001 Missing Access, like
    Discord; a missing permission gives 403 50013.
    """
    state = emulator_of(request).state
    channel = state.channels.get(snowflake(request, "channel_id"))
    if channel is None or state.bot_user.id not in state.guild_of(channel).members:
        raise errors.unknown_channel()
    granted = state.permissions_in(channel, state.bot_user.id)
    if not granted & Perm.VIEW_CHANNEL:
        raise errors.missing_access()
    if missing(granted, *required):
        raise errors.missing_permissions()
    return channel


def require(granted: int, *required: Perm) -> None:
    if missing(granted, *required):
        raise errors.missing_permissions()
