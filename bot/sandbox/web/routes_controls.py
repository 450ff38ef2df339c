"""The sandbox's own controls, beside the client's actions: switch person or client language,
add a member, give or take a role, delete a channel or a role, reload the configuration. They
act as Discord itself would (each change announced on the Gateway), not as a member: the
page's tool for trying what happens."""

from __future__ import annotations

from aiohttp import web

from bot.sandbox.web.routes_act import (
    Context,
    done,
    int_field,
    read_form,
    text_field,
)
from bot.sandbox.web.routes_view import LANGUAGES

MAX_NAME = 32  # Discord's limit on a user name


def _back(request: web.Request, ctx: Context) -> str:
    """Where a sandbox control returns: the channel the form was posted from, if any."""
    form_back = request.query.get("back", "")
    if form_back.startswith(ctx.page.prefix + "/") and "//" not in form_back:
        return form_back
    return ctx.page.channel_url(ctx.guild_id)


async def switch_person(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    user_id = int_field(form, "user")
    member = ctx.page.emulator.state.guilds[ctx.guild_id].members.get(user_id)
    if member is None or member.user.bot:
        raise web.HTTPBadRequest(text="not a person of this server")
    ctx.page.choose(request, ctx.guild_id, user_id)
    return done(request, _back(request, ctx))


async def client_language(request: web.Request) -> web.StreamResponse:
    """The person's Discord client language: what their interactions carry as `locale`."""
    ctx = Context(request)
    form = await read_form(request)
    locale = text_field(form, "locale")
    if locale not in LANGUAGES:
        raise web.HTTPBadRequest(text="not a Discord language")
    ctx.viewer.actor.member.locale = locale
    ctx.page.activity.open("language", who=ctx.viewer.name, detail=locale)
    ctx.page.changed()
    return done(request, _back(request, ctx))


async def add_member(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    name = " ".join(text_field(form, "name").split())[:MAX_NAME]
    locale = text_field(form, "locale")
    if not name or locale not in LANGUAGES:
        raise web.HTTPBadRequest(text="a name and a Discord language are needed")
    ctx.page.activity.open("member-added", detail=name)
    member = ctx.page.emulator.add_member(ctx.guild_id, name, locale=locale)
    ctx.page.choose(request, ctx.guild_id, member.id)
    return done(request, _back(request, ctx))


async def set_role(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    emulator = ctx.page.emulator
    guild = emulator.state.guilds[ctx.guild_id]
    member = guild.members.get(int_field(form, "user"))
    role = guild.roles.get(int_field(form, "role"))
    if member is None or role is None or role.id == guild.id or role.managed:
        raise web.HTTPBadRequest(text="no such member or role")
    give = text_field(form, "give") == "1"
    if give == (role.id in member.roles):
        return done(request, _back(request, ctx))
    kind = "role-given" if give else "role-taken"
    ctx.page.activity.open(kind, who=member.user.username, detail=role.name)
    if give:
        member.roles.append(role.id)
    else:
        member.roles.remove(role.id)
    emulator.member_updated(guild, member)
    return done(request, _back(request, ctx))


async def delete_channel(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    emulator = ctx.page.emulator
    channel = emulator.state.channels.get(int_field(form, "channel"))
    if channel is None or channel.guild_id != ctx.guild_id:
        raise web.HTTPBadRequest(text="no such channel")
    ctx.page.activity.open("channel-deleted", detail=channel.name)
    emulator.delete_channel(channel)
    return done(request, ctx.page.channel_url(ctx.guild_id))


async def delete_role(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    guild = ctx.page.emulator.state.guilds[ctx.guild_id]
    role = guild.roles.get(int_field(form, "role"))
    # Discord refuses to delete @everyone and an integration's own role.
    if role is None or role.id == guild.id or role.managed:
        raise web.HTTPBadRequest(text="this role cannot be deleted")
    ctx.page.activity.open("role-deleted", detail=role.name)
    ctx.page.emulator.role_deleted(guild, role.id)
    return done(request, _back(request, ctx))


async def reload(request: web.Request) -> web.StreamResponse:
    from bot.sandbox.web.watcher import reload_configuration

    ctx = Context(request)
    await reload_configuration(ctx.page, ctx.guild_id, reason="sandbox-activity-reload")
    return done(request, _back(request, ctx))


def add_routes(app: web.Application) -> None:
    for path, handler in (
        ("/g/{guild}/as", switch_person),
        ("/g/{guild}/language", client_language),
        ("/g/{guild}/members", add_member),
        ("/g/{guild}/roles/member", set_role),
        ("/g/{guild}/channels/delete", delete_channel),
        ("/g/{guild}/roles/delete", delete_role),
        ("/g/{guild}/reload", reload),
    ):
        app.router.add_post(path, handler)
