"""Thread routes: start with or without a message (private threads are type 12), and thread
members (join, add, leave, remove, list)."""

from __future__ import annotations

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.channel_rules import MAX_ACTIVE_THREADS, check_name, check_name_allowed
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
from bot.sandbox.state import Channel, ChannelType, ThreadMember

routes = web.RouteTableDef()

THREAD_PARENTS = frozenset({ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT})
ARCHIVE_DURATIONS = frozenset({60, 1440, 4320, 10080})


def _start(request: web.Request, parent: Channel, kind: int, *, thread_id: int | None) -> Channel:
    emulator = emulator_of(request)
    state = emulator.state
    data = body(request)
    if parent.type not in THREAD_PARENTS:
        raise errors.DiscordError(400, 50024, "Cannot execute action on this channel type")
    granted = state.permissions_in(parent, state.bot_user.id)
    needed = (
        Perm.CREATE_PRIVATE_THREADS
        if kind == ChannelType.PRIVATE_THREAD
        else Perm.CREATE_PUBLIC_THREADS
    )
    require(granted, needed)
    guild = state.guild_of(parent)
    if len(guild.active_threads()) >= MAX_ACTIVE_THREADS:
        raise errors.max_active_threads()
    duration = int(data.get("auto_archive_duration") or 4320)
    if duration not in ARCHIVE_DURATIONS:
        raise errors.form_error(
            ["auto_archive_duration"],
            "BASE_TYPE_CHOICES",
            "Value must be one of {60, 1440, 4320, 10080}.",
        )
    name = check_name(data.get("name"))
    check_name_allowed(emulator.faults, name, name.strip())
    thread = Channel(
        id=thread_id or state.ids.next(),
        guild_id=guild.id,
        type=kind,
        name=name,
        parent_id=parent.id,
        owner_id=state.bot_user.id,
        invitable=bool(data.get("invitable", True)) if kind == ChannelType.PRIVATE_THREAD else True,
        auto_archive_duration=duration,
        rate_limit_per_user=int(data.get("rate_limit_per_user") or 0),
    )
    thread.thread_members[state.bot_user.id] = ThreadMember(state.bot_user.id)
    emulator.add_channel_object(thread)
    return thread


@routes.post("/channels/{channel_id}/threads")
async def start_thread(request: web.Request) -> web.Response:
    parent = channel_for_bot(request)
    default = (
        ChannelType.ANNOUNCEMENT_THREAD
        if parent.type == ChannelType.GUILD_ANNOUNCEMENT
        else ChannelType.PRIVATE_THREAD
    )
    kind = int(body(request).get("type") or default)
    if kind not in (
        ChannelType.PUBLIC_THREAD,
        ChannelType.PRIVATE_THREAD,
        ChannelType.ANNOUNCEMENT_THREAD,
    ):
        raise errors.form_error(["type"], "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
    thread = _start(request, parent, kind, thread_id=None)
    return json_response(
        thread.payload(viewer_id=emulator_of(request).state.bot_user.id), status=201
    )


@routes.post("/channels/{channel_id}/messages/{message_id}/threads")
async def start_thread_from_message(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    parent = channel_for_bot(request)
    message = emulator.state.find_message(parent.id, snowflake(request, "message_id"))
    if message is None or message.ephemeral:
        raise errors.unknown_message()
    if message.thread_id is not None:
        raise errors.DiscordError(400, 160004, "A thread has already been created for this message")
    kind = (
        ChannelType.ANNOUNCEMENT_THREAD
        if parent.type == ChannelType.GUILD_ANNOUNCEMENT
        else ChannelType.PUBLIC_THREAD
    )
    # Discord gives a thread started from a message the message's id.
    thread = _start(request, parent, kind, thread_id=message.id)
    message.thread_id = thread.id
    emulator.message_changed(message)
    return json_response(thread.payload(viewer_id=emulator.state.bot_user.id), status=201)


def _thread(request: web.Request) -> Channel:
    channel = channel_for_bot(request)
    if not channel.is_thread:
        raise errors.DiscordError(400, 50024, "Cannot execute action on this channel type")
    return channel


@routes.get("/channels/{channel_id}/thread-members")
async def list_thread_members(request: web.Request) -> web.Response:
    thread = _thread(request)
    return json_response([m.payload(thread.id) for m in thread.thread_members.values()])


@routes.put("/channels/{channel_id}/thread-members/@me")
async def join_thread(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    thread = _thread(request)
    if thread.archived:
        raise errors.thread_archived()
    emulator.add_thread_member(thread, emulator.state.bot_user.id)
    return no_content()


@routes.delete("/channels/{channel_id}/thread-members/@me")
async def leave_thread(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    thread = _thread(request)
    emulator.remove_thread_member(thread, emulator.state.bot_user.id)
    return no_content()


@routes.get("/channels/{channel_id}/thread-members/{user_id}")
async def get_thread_member(request: web.Request) -> web.Response:
    thread = _thread(request)
    member = thread.thread_members.get(snowflake(request, "user_id"))
    if member is None:
        raise errors.unknown_member()
    return json_response(member.payload(thread.id))


@routes.put("/channels/{channel_id}/thread-members/{user_id}")
async def add_thread_member(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    state = emulator.state
    thread = _thread(request)
    user_id = snowflake(request, "user_id")
    guild = state.guild_of(thread)
    if user_id not in guild.members:
        raise errors.unknown_member()
    granted = state.permissions_in(thread, state.bot_user.id)
    require(granted, Perm.SEND_MESSAGES)
    if thread.type == ChannelType.PRIVATE_THREAD and not thread.invitable:
        require(granted, Perm.MANAGE_THREADS)
    if thread.archived:
        raise errors.thread_archived()
    # The added member must be able to see the parent channel.
    if not state.can_view(state.channels[thread.parent_id or 0], user_id):
        raise errors.missing_access()
    emulator.add_thread_member(thread, user_id)
    return no_content()


@routes.delete("/channels/{channel_id}/thread-members/{user_id}")
async def remove_thread_member(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    state = emulator.state
    thread = _thread(request)
    user_id = snowflake(request, "user_id")
    granted = state.permissions_in(thread, state.bot_user.id)
    owns_private = (
        thread.type == ChannelType.PRIVATE_THREAD and thread.owner_id == state.bot_user.id
    )
    if not owns_private:
        require(granted, Perm.MANAGE_THREADS)
    if thread.archived:
        raise errors.thread_archived()
    if user_id not in thread.thread_members:
        raise errors.unknown_member()
    emulator.remove_thread_member(thread, user_id)
    return no_content()
