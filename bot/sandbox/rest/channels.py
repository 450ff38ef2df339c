"""Channel routes: get, modify (channels and threads), delete, permission overwrites, DMs."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.channel_rules import (
    check_capacity,
    check_name,
    check_name_allowed,
    normalize_name,
    parse_overwrites,
)
from bot.sandbox.overwrite_rules import check_edit_overwrites
from bot.sandbox.permissions import Perm
from bot.sandbox.rest.common import (
    body,
    channel_for_bot,
    emulator_of,
    json_response,
    no_content,
    require,
    snowflake,
)
from bot.sandbox.state import Channel, ChannelType, now_iso

routes = web.RouteTableDef()


@routes.post("/users/@me/channels")
async def open_dm(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    recipient = body(request).get("recipient_id")
    if recipient is None or int(recipient) not in emulator.state.users:
        raise errors.unknown_user()
    return json_response(emulator.dm_channel(int(recipient)).payload())


@routes.get("/channels/{channel_id}")
async def get_channel(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    dm = emulator.state.dm_channels.get(snowflake(request, "channel_id"))
    if dm is not None:
        return json_response(dm.payload())
    channel = channel_for_bot(request)
    return json_response(channel.payload(viewer_id=emulator.state.bot_user.id))


@routes.patch("/channels/{channel_id}")
async def modify_channel(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel = channel_for_bot(request)
    data = body(request)
    if channel.is_thread:
        _modify_thread(request, channel, data)
    else:
        _modify_channel(request, channel, data)
    return json_response(channel.payload(viewer_id=emulator.state.bot_user.id))


def _modify_thread(request: web.Request, thread: Channel, data: dict[str, Any]) -> None:
    emulator = emulator_of(request)
    state = emulator.state
    granted = state.permissions_in(thread, state.bot_user.id)
    is_owner = thread.owner_id == state.bot_user.id
    moderating = {"locked", "invitable", "rate_limit_per_user"} & data.keys()
    unlocking = thread.locked and data.get("archived") is False
    if moderating or unlocking or not is_owner:
        require(granted, Perm.MANAGE_THREADS)
    if "name" in data:
        name = check_name(data["name"])
        check_name_allowed(emulator.faults, name, name.strip())
        thread.name = name
    if "locked" in data:
        thread.locked = bool(data["locked"])
    if "invitable" in data and thread.type == ChannelType.PRIVATE_THREAD:
        thread.invitable = bool(data["invitable"])
    if "auto_archive_duration" in data:
        thread.auto_archive_duration = int(data["auto_archive_duration"])
    if "rate_limit_per_user" in data:
        thread.rate_limit_per_user = int(data["rate_limit_per_user"] or 0)
    if "archived" in data and bool(data["archived"]) != thread.archived:
        thread.archived = bool(data["archived"])
        thread.archive_timestamp = now_iso()
    emulator.channel_updated(thread)


def _modify_channel(request: web.Request, channel: Channel, data: dict[str, Any]) -> None:
    emulator = emulator_of(request)
    state = emulator.state
    guild = state.guild_of(channel)
    granted = state.permissions_in(channel, state.bot_user.id)
    require(granted, Perm.MANAGE_CHANNELS)
    if "name" in data:
        name = normalize_name(check_name(data["name"]), channel.type)
        check_name_allowed(emulator.faults, data["name"], name)
        channel.name = name
    if "topic" in data:
        topic = data["topic"]
        if topic is not None and len(topic) > 1024:
            raise errors.form_error(
                ["topic"], "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length."
            )
        channel.topic = topic
    if "nsfw" in data:
        channel.nsfw = bool(data["nsfw"])
    if "rate_limit_per_user" in data:
        channel.rate_limit_per_user = int(data["rate_limit_per_user"] or 0)
    if "position" in data and data["position"] is not None:
        channel.position = int(data["position"])
    if "parent_id" in data:
        parent_id = int(data["parent_id"]) if data["parent_id"] is not None else None
        if parent_id is not None:
            parent = state.channels.get(parent_id)
            if parent is None or parent.guild_id != guild.id or not parent.is_category:
                raise errors.form_error(
                    ["parent_id"], "CHANNEL_PARENT_INVALID_TYPE", "Not a category"
                )
            if parent_id != channel.parent_id:
                check_capacity(guild, parent_id, moving_id=channel.id)
        channel.parent_id = parent_id
    if data.get("permission_overwrites") is not None:
        overwrites = parse_overwrites(data["permission_overwrites"])
        check_edit_overwrites(state, channel, overwrites)
        channel.overwrites = {o.id: o for o in overwrites}
    emulator.channel_updated(channel)


@routes.delete("/channels/{channel_id}")
async def delete_channel(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel = channel_for_bot(request)
    granted = emulator.state.permissions_in(channel, emulator.state.bot_user.id)
    require(granted, Perm.MANAGE_THREADS if channel.is_thread else Perm.MANAGE_CHANNELS)
    payload = channel.payload()
    emulator.delete_channel(channel)
    return json_response(payload)


@routes.put("/channels/{channel_id}/permissions/{overwrite_id}")
async def put_overwrite(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel = channel_for_bot(request)
    if channel.is_thread:
        raise errors.DiscordError(400, 50024, "Cannot execute action on this channel type")
    data = body(request)
    [overwrite] = parse_overwrites(
        [{**data, "id": snowflake(request, "overwrite_id")}], path="overwrite"
    )
    check_edit_overwrites(emulator.state, channel, [overwrite])
    channel.overwrites[overwrite.id] = overwrite
    emulator.channel_updated(channel)
    return no_content()


@routes.delete("/channels/{channel_id}/permissions/{overwrite_id}")
async def delete_overwrite(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel = channel_for_bot(request)
    check_edit_overwrites(emulator.state, channel, [])
    if channel.overwrites.pop(snowflake(request, "overwrite_id"), None) is not None:
        emulator.channel_updated(channel)
    return no_content()
