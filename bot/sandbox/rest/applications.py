"""Identity and bootstrap routes (users/@me, the application, the gateway URL) and application
commands, global and per guild."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.command_rules import check_commands, too_many
from bot.sandbox.interaction_model import ApplicationCommand
from bot.sandbox.oauth2 import GRANT_KEY, Grant
from bot.sandbox.permissions import base_permissions
from bot.sandbox.rest.common import (
    body,
    body_list,
    emulator_of,
    json_response,
    no_content,
    snowflake,
)

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator

routes = web.RouteTableDef()


@routes.get("/users/@me")
async def get_current_user(request: web.Request) -> web.Response:
    """The bot itself, or with a user's OAuth2 token (scope ``identify``) that user, with the
    language their Discord client is in."""
    emulator = emulator_of(request)
    grant = request.get(GRANT_KEY)
    if isinstance(grant, Grant):
        user = emulator.state.users[grant.user_id]
        return json_response(
            {**user.current_user_payload(), "locale": _locale_of(emulator, user.id)}
        )
    return json_response(emulator.state.bot_user.current_user_payload())


@routes.get("/users/@me/guilds")
async def list_current_user_guilds(request: web.Request) -> web.Response:
    """The servers of the token's user (scope ``guilds``) or of the bot, as partial guilds:
    ``owner`` and ``permissions``, the guild-level permissions of the user's roles (overwrites
    left out, as the docs say), sorted by id; ``before``, ``after`` and ``limit`` (200) page."""
    emulator = emulator_of(request)
    grant = request.get(GRANT_KEY)
    user_id = grant.user_id if isinstance(grant, Grant) else emulator.state.bot_user.id
    limit = min(max(int(request.query.get("limit", "200") or 200), 1), 200)
    after = int(request.query.get("after", "0") or 0)
    before = int(request.query.get("before", "0") or 0)
    found = []
    for guild in sorted(emulator.state.guilds.values(), key=lambda g: g.id):
        member = guild.members.get(user_id)
        if member is None or guild.id <= after or (before and guild.id >= before):
            continue
        perms = base_permissions(
            guild_id=guild.id,
            owner_id=guild.owner_id,
            member_id=user_id,
            member_roles=member.roles,
            role_permissions=guild.role_permissions(),
        )
        found.append(
            {
                "id": str(guild.id),
                "name": guild.name,
                "icon": None,
                "banner": None,
                "owner": guild.owner_id == user_id,
                "permissions": str(perms),
                "features": [],
            }
        )
    return json_response(found[:limit])


def _locale_of(emulator: Emulator, user_id: int) -> str:
    """A user's Discord client language: the emulator keeps it per membership."""
    for guild in emulator.state.guilds.values():
        member = guild.members.get(user_id)
        if member is not None:
            return member.locale
    return "en-US"


@routes.get("/users/{user_id}")
async def get_user(request: web.Request) -> web.Response:
    user = emulator_of(request).state.users.get(snowflake(request, "user_id"))
    if user is None:
        raise errors.unknown_user()
    return json_response(user.payload())


@routes.get("/oauth2/applications/@me")
@routes.get("/applications/@me")
async def get_application(request: web.Request) -> web.Response:
    """The application object as its owner sees it (developer docs, "Application Object"): a
    private bot installable in servers, no team, no interactions endpoint (it uses the
    Gateway)."""
    emulator = emulator_of(request)
    state = emulator.state
    flags = emulator.application_flags()
    return json_response(
        {
            "id": str(state.application_id),
            "name": state.application_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": state.owner_user.payload(),
            "verify_key": "0" * 64,
            "flags": flags,
            "flags_new": str(flags),
            "bot": state.bot_user.payload(),
            "team": None,
            "rpc_origins": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "event_webhooks_url": None,
            "event_webhooks_status": 1,
            "tags": [],
            "approximate_guild_count": len(state.guilds),
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "eligible_oauth2_scopes": ["bot", "applications.commands"],
            "integration_types_config": {
                "0": {
                    "oauth2_install_params": {
                        "scopes": ["bot", "applications.commands"],
                        "permissions": "0",
                    }
                },
            },
        }
    )


@routes.get("/gateway")
async def get_gateway(request: web.Request) -> web.Response:
    return json_response({"url": emulator_of(request).gateway_url})


@routes.get("/gateway/bot")
async def get_gateway_bot(request: web.Request) -> web.Response:
    """The Gateway URL, the recommended shard count (one per `guilds_per_recommended_shard`
    guilds) and what is left of the session start limit (each IDENTIFY spends one)."""
    emulator = emulator_of(request)
    return json_response(
        {
            "url": emulator.gateway_url,
            "shards": emulator.gateway.recommended_shards(),
            "session_start_limit": emulator.gateway.session_start_limit(),
        }
    )


# ------------------------------------------------------------------ commands
def _scope(request: web.Request) -> int | None:
    emulator = emulator_of(request)
    if snowflake(request, "application_id") != emulator.state.application_id:
        raise errors.DiscordError(403, 50001, "Missing Access")
    if "guild_id" not in request.match_info:
        return None
    guild_id = snowflake(request, "guild_id")
    guild = emulator.state.guilds.get(guild_id)
    if guild is None or emulator.state.bot_user.id not in guild.members:
        raise errors.missing_access()
    return guild_id


def _listing(request: web.Request, scope: int | None) -> list[dict[str, Any]]:
    store = emulator_of(request).state.commands.get(scope, {})
    return [c.payload() for c in store.values()]


@routes.get("/applications/{application_id}/commands")
@routes.get("/applications/{application_id}/guilds/{guild_id}/commands")
async def list_commands(request: web.Request) -> web.Response:
    return json_response(_listing(request, _scope(request)))


@routes.put("/applications/{application_id}/commands")
@routes.put("/applications/{application_id}/guilds/{guild_id}/commands")
async def bulk_overwrite_commands(request: web.Request) -> web.Response:
    scope = _scope(request)
    wanted = body_list(request)
    check_commands(wanted).raise_if_any()
    state = emulator_of(request).state
    old = {(c.type, c.name): c for c in state.commands.get(scope, {}).values()}
    store: dict[int, ApplicationCommand] = {}
    for data in wanted:
        key = (data.get("type", 1), data["name"])
        previous = old.get(key)
        if previous is not None and previous.data == data:
            command = previous  # unchanged: same id and version, like Discord
        else:
            command = ApplicationCommand(
                id=previous.id if previous else state.ids.next(),
                application_id=state.application_id,
                guild_id=scope,
                data=dict(data),
                version=state.ids.next(),
            )
        store[command.id] = command
    state.commands[scope] = store
    return json_response(_listing(request, scope))


@routes.post("/applications/{application_id}/commands")
@routes.post("/applications/{application_id}/guilds/{guild_id}/commands")
async def upsert_command(request: web.Request) -> web.Response:
    scope = _scope(request)
    data = body(request)
    check_commands([data]).raise_if_any()
    state = emulator_of(request).state
    store = state.commands.setdefault(scope, {})
    existing = next(
        (c for c in store.values() if (c.type, c.name) == (data.get("type", 1), data["name"])),
        None,
    )
    if existing is None and too_many([*(c.type for c in store.values()), data.get("type", 1)]):
        raise errors.max_application_commands()
    command = ApplicationCommand(
        id=existing.id if existing else state.ids.next(),
        application_id=state.application_id,
        guild_id=scope,
        data=dict(data),
        version=state.ids.next(),
    )
    store[command.id] = command
    return json_response(command.payload(), status=200 if existing else 201)


def _command(request: web.Request, scope: int | None) -> ApplicationCommand:
    store = emulator_of(request).state.commands.get(scope, {})
    command = store.get(snowflake(request, "command_id"))
    if command is None:
        raise errors.unknown_command()
    return command


@routes.get("/applications/{application_id}/commands/{command_id}")
@routes.get("/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def get_command(request: web.Request) -> web.Response:
    return json_response(_command(request, _scope(request)).payload())


@routes.patch("/applications/{application_id}/commands/{command_id}")
@routes.patch("/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def edit_command(request: web.Request) -> web.Response:
    scope = _scope(request)
    command = _command(request, scope)
    merged = {**command.data, **body(request)}
    check_commands([merged]).raise_if_any()
    command.data = merged
    command.version = emulator_of(request).state.ids.next()
    return json_response(command.payload())


@routes.delete("/applications/{application_id}/commands/{command_id}")
@routes.delete("/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def delete_command(request: web.Request) -> web.Response:
    scope = _scope(request)
    command = _command(request, scope)
    del emulator_of(request).state.commands[scope][command.id]
    return no_content()
