"""Guild routes: the guild, its channels (create with inline overwrites), members and roles,
active threads."""

from __future__ import annotations

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.channel_rules import (
    check_capacity,
    check_name,
    check_name_allowed,
    normalize_name,
    parse_overwrites,
)
from bot.sandbox.gateway import Intents
from bot.sandbox.overwrite_rules import check_create_overwrites
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
from bot.sandbox.state import Channel, ChannelType

routes = web.RouteTableDef()

MAX_MEMBERS_PAGE = 1000

CREATABLE_TYPES = frozenset(
    {
        ChannelType.GUILD_TEXT,
        ChannelType.GUILD_VOICE,
        ChannelType.GUILD_CATEGORY,
        ChannelType.GUILD_ANNOUNCEMENT,
        ChannelType.GUILD_FORUM,
    }
)


@routes.get("/guilds/{guild_id}")
async def get_guild(request: web.Request) -> web.Response:
    guild = guild_for_bot(request)
    data = guild.payload()
    if request.query.get("with_counts") in ("1", "true"):
        data.update(approximate_member_count=len(guild.members), approximate_presence_count=0)
    return json_response(data)


@routes.get("/guilds/{guild_id}/channels")
async def list_channels(request: web.Request) -> web.Response:
    guild = guild_for_bot(request)
    return json_response([c.payload() for c in guild.top_level_channels()])


@routes.post("/guilds/{guild_id}/channels")
async def create_channel(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    state = emulator.state
    guild = guild_for_bot(request)
    data = body(request)
    kind = int(data.get("type") or 0)
    if kind not in CREATABLE_TYPES:
        raise errors.form_error(
            ["type"], "BASE_TYPE_CHOICES", "Value must be one of {0, 2, 4, 5, 15}."
        )
    name = normalize_name(check_name(data.get("name")), kind)
    check_name_allowed(emulator.faults, data["name"], name)
    parent = None
    if data.get("parent_id") is not None:
        parent = state.channels.get(int(data["parent_id"]))
        if parent is None or parent.guild_id != guild.id or not parent.is_category:
            raise errors.form_error(["parent_id"], "CHANNEL_PARENT_INVALID_TYPE", "Not a category")
        if kind == ChannelType.GUILD_CATEGORY:
            raise errors.form_error(["parent_id"], "CHANNEL_PARENT_INVALID_TYPE", "Not a category")
    bot_id = state.bot_user.id
    # "Requires the MANAGE_CHANNELS permission": in the guild, and (conservative reading) not
    # taken away in the category the channel goes into, which the bot must see.
    require(state.guild_permissions(guild, bot_id), Perm.MANAGE_CHANNELS)
    if parent is not None:
        in_parent = state.permissions_in(parent, bot_id)
        if not in_parent & Perm.VIEW_CHANNEL:
            raise errors.missing_access()
        require(in_parent, Perm.MANAGE_CHANNELS)
    if "permission_overwrites" in data and data["permission_overwrites"] is not None:
        overwrites = parse_overwrites(data["permission_overwrites"])
        check_create_overwrites(state, guild, overwrites)
    elif parent is not None:
        overwrites = list(parent.overwrites.values())  # a new channel syncs with its category
    else:
        overwrites = []
    check_capacity(guild, parent.id if parent else None)
    siblings = [
        c for c in guild.top_level_channels() if c.parent_id == (parent.id if parent else None)
    ]
    channel = Channel(
        id=state.ids.next(),
        guild_id=guild.id,
        type=kind,
        name=name,
        position=int(data.get("position") or len(siblings)),
        parent_id=parent.id if parent else None,
        topic=data.get("topic"),
        nsfw=bool(data.get("nsfw", False)),
        rate_limit_per_user=int(data.get("rate_limit_per_user") or 0),
        overwrites={o.id: o for o in overwrites},
    )
    emulator.add_channel_object(channel)
    return json_response(channel.payload(), status=201)


@routes.get("/guilds/{guild_id}/members")
async def list_members(request: web.Request) -> web.Response:
    """Members by ascending id after `after`, `limit` (1-1000, default 1) at most. Discord
    refuses it with Missing Access unless the app has the Server Members intent enabled."""
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    if not emulator.privileged_intents & Intents.GUILD_MEMBERS:
        raise errors.missing_access()
    try:
        limit = int(request.query.get("limit", 1))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_MEMBERS_PAGE:
        raise errors.form_error(
            ["limit"], "NUMBER_TYPE_MAX", f"int value should be <= {MAX_MEMBERS_PAGE} and >= 1."
        )
    after = int(request.query.get("after", 0))
    members = sorted((m for m in guild.members.values() if m.id > after), key=lambda m: m.id)
    return json_response([m.payload() for m in members[:limit]])


@routes.get("/guilds/{guild_id}/members/{user_id}")
async def get_member(request: web.Request) -> web.Response:
    guild = guild_for_bot(request)
    member = guild.members.get(snowflake(request, "user_id"))
    if member is None:
        raise errors.unknown_member()
    return json_response(member.payload())


@routes.put("/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
@routes.delete("/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
async def change_member_role(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    member = guild.members.get(snowflake(request, "user_id"))
    if member is None:
        raise errors.unknown_member()
    role = guild.roles.get(snowflake(request, "role_id"))
    if role is None:
        raise errors.unknown_role()
    bot_id = emulator.state.bot_user.id
    require(emulator.state.guild_permissions(guild, bot_id), Perm.MANAGE_ROLES)
    # A bot only manages roles below its own highest role.
    top = max(
        (guild.roles[r].position for r in guild.members[bot_id].roles if r in guild.roles),
        default=0,
    )
    if role.position >= top and bot_id != guild.owner_id:
        raise errors.missing_permissions()
    if request.method == "PUT" and role.id not in member.roles:
        member.roles.append(role.id)
    elif request.method == "DELETE" and role.id in member.roles:
        member.roles.remove(role.id)
    emulator.member_updated(guild, member)
    return no_content()


@routes.get("/guilds/{guild_id}/roles")
async def list_roles(request: web.Request) -> web.Response:
    guild = guild_for_bot(request)
    return json_response([r.payload() for r in guild.roles.values()])


@routes.get("/guilds/{guild_id}/threads/active")
async def active_threads(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    guild = guild_for_bot(request)
    bot_id = emulator.state.bot_user.id
    threads = [t for t in guild.active_threads() if emulator.state.can_view(t, bot_id)]
    return json_response(
        {
            "threads": [t.payload() for t in threads],
            "members": [
                t.thread_members[bot_id].payload(t.id)
                for t in threads
                if bot_id in t.thread_members
            ],
            "has_more": False,  # required by Discord's description (ThreadsResponse)
        }
    )
