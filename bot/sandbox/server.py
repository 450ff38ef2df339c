"""The emulator: an aiohttp application serving Discord's REST API under /api/v10 and the
Gateway websocket at /, on loopback, plus the object tests drive (seeding, actors, faults, the
request recorder).

Every REST request goes through one middleware that authenticates, parses the body (JSON or
multipart with `payload_json`), applies queued faults, validates the body against Discord's
OpenAPI description, runs the handler, turns `DiscordError` into Discord's error body, and records
the exchange.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox import errors
from bot.sandbox.channel_rules import normalize_name
from bot.sandbox.command_access_rules import CommandPermission
from bot.sandbox.conformance import Conformance
from bot.sandbox.faults import FaultKind, Faults
from bot.sandbox.gateway import APP_FLAG_FOR_INTENT, PRIVILEGED, Gateway
from bot.sandbox.oauth2 import BEARER_ROUTES, GRANT_KEY, TOKEN_PATHS, OAuth2
from bot.sandbox.oauth2 import add_routes as add_oauth2_routes
from bot.sandbox.operations import Operations
from bot.sandbox.permissions import Perm
from bot.sandbox.rate_limits import Admission, RateLimits, too_many_requests
from bot.sandbox.recorder import Recorder, Violation
from bot.sandbox.rest import route_tables
from bot.sandbox.rest.common import (
    API_PREFIX,
    EMULATOR_KEY,
    FILES_KEY,
    JSON_BODY_KEY,
    UploadedFile,
    json_response,
)
from bot.sandbox.state import (
    Channel,
    ChannelType,
    EmulatorState,
    Guild,
    Member,
    Role,
    User,
    bot_token,
)

if TYPE_CHECKING:
    from bot.sandbox.actors import Actor
    from bot.sandbox.openapi import OpenApiValidator
    from bot.sandbox.state import Interaction

log = logging.getLogger(__name__)

# Where the sandbox page is served, when one is attached (`page_factory`).
PAGE_PREFIX = "/sandbox/"
# Routes Discord authenticates by the token in the path rather than the Authorization header.
TOKEN_IN_PATH = ("/interactions/", "/webhooks/")

# The bot's role in a seeded server: exactly what README.md's permission table lists (a test
# holds the two together), so a path needing anything else fails in the tests as it would in a
# server set up by the README.
TICKET_BOT_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.MANAGE_MESSAGES
    | Perm.MANAGE_CHANNELS
    | Perm.MANAGE_ROLES
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.MANAGE_THREADS
)
# @everyone in a server created today, as Discord sets it: the permissions of a member holding
# no role in a fresh server, from discord-api-docs (developers/components/reference.mdx,
# resolved member, "2248473465835073", May 2025) less retired bit 47; they match the client's
# defaults for a new server. Discord's pages publish no list of their own.
EVERYONE_DEFAULT_PERMISSIONS = (
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.STREAM
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.MENTION_EVERYONE
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CONNECT
    | Perm.SPEAK
    | Perm.USE_VAD
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.REQUEST_TO_SPEAK
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.USE_EXTERNAL_STICKERS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.USE_EMBEDDED_ACTIVITIES
    | Perm.USE_SOUNDBOARD
    | Perm.CREATE_GUILD_EXPRESSIONS
    | Perm.CREATE_EVENTS
    | Perm.USE_EXTERNAL_SOUNDS
    | Perm.SEND_VOICE_MESSAGES
    | Perm.SET_VOICE_CHANNEL_STATUS
    | Perm.SEND_POLLS
    | Perm.USE_EXTERNAL_APPS
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class _FromSpec:
    """`Emulator(validator=...)` default: load Discord's description when `find_spec()` finds it."""

    def __repr__(self) -> str:
        return "FROM_SPEC"


FROM_SPEC = _FromSpec()


class Emulator(Operations):
    """A local Discord: `await start()`, point discord.py at `url`, drive it with actors."""

    def __init__(
        self,
        *,
        token: str | None = None,
        application_id: int | None = None,
        bot_name: str = "Guichet",
        heartbeat_interval_ms: int = 41_250,
        interaction_deadline: float = 3.0,
        token_lifetime: float = 15 * 60.0,
        privileged_intents: int = PRIVILEGED,
        validator: OpenApiValidator | _FromSpec | None = FROM_SPEC,
        rate_limits: RateLimits | None = None,
    ) -> None:
        """`validator`: by default Discord's OpenAPI description is loaded (once per process)
        when `find_spec()` finds it, so every entry point validates request bodies when it can;
        pass None to skip validation (benchmarks) or a validator of your own (for instance
        `OpenApiValidator.load(path, strict=True)`, the published schemas without leniencies).
        Rate limits are Discord's and on (`bot.sandbox.rate_limits`); pass a `RateLimits` of
        your own for another clock, or call `rate_limits.off(reason=...)`."""
        self.state = EmulatorState(application_id=application_id, bot_name=bot_name)
        # Shaped like Discord's (libraries such as hikari read the bot's id back from it).
        self.token = token or bot_token(self.state.bot_user.id)
        self.recorder = Recorder()
        self.faults = Faults()
        # Called with (guild, role) after a role is created: the sandbox's demo staff get the
        # roles a server file declares once the bot has made them (bot/sandbox/from_config.py).
        self.role_listeners: list[Callable[[Guild, Role], None]] = []
        self.rate_limits = rate_limits or RateLimits()
        self.rate_limits.application_id = self.state.application_id
        self.gateway = Gateway(self, heartbeat_interval_ms=heartbeat_interval_ms)
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.privileged_intents = privileged_intents
        self.conformance = Conformance(
            load_validator() if isinstance(validator, _FromSpec) else validator, self.recorder
        )
        self.dms_closed: set[int] = set()
        # Whether a bot's role mention in a thread adds the role's members (undocumented; field
        # reports say no): off, the conservative reading (see bot.sandbox.messaging).
        self.bot_role_mentions_add_thread_members = False
        # A guild's command permission overrides, by (guild id, command or application id).
        self.command_permissions: dict[tuple[int, int], list[CommandPermission]] = {}
        self.interactions_by_token: dict[str, Interaction] = {}
        # Sign-in with Discord (bot.sandbox.oauth2): the client secret, codes and tokens.
        self.oauth2 = OAuth2()
        self._waiters: list[asyncio.Future[None]] = []
        # Called on every change (the sandbox page refreshes its viewers from it).
        self.listeners: list[Callable[[], None]] = []
        # Builds a web app mounted at /sandbox/ (the sandbox page), fresh for each start.
        self.page_factory: Callable[[], web.Application] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port = 0

    # --------------------------------------------------------------- serving
    @property
    def url(self) -> str:
        if self._runner is None:
            raise RuntimeError("the emulator is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def api_url(self) -> str:
        return self.url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://{self._host}:{self._port}/"

    @property
    def page_url(self) -> str:
        return self.url + PAGE_PREFIX

    @property
    def validator(self) -> OpenApiValidator | None:
        return self.conformance.validator

    @validator.setter
    def validator(self, validator: OpenApiValidator | None) -> None:
        self.conformance.validator = validator

    def application_flags(self) -> int:
        flags = 0
        for intent, flag in APP_FLAG_FOR_INTENT.items():
            if self.privileged_intents & intent:
                flags |= flag
        return flags

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        app[EMULATOR_KEY] = self
        for table in route_tables():
            for route in table:
                app.router.add_route(route.method, API_PREFIX + route.path, route.handler)  # type: ignore[attr-defined]
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._attachment)
        add_oauth2_routes(app, self)
        if self.page_factory is not None:
            app.add_subapp(PAGE_PREFIX, self.page_factory())
        app.router.add_get("/", self._root)
        return app

    async def _root(self, request: web.Request) -> web.StreamResponse:
        """The Gateway for websocket clients; a browser is sent to the sandbox page."""
        upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        if not upgrade and self.page_factory is not None:
            raise web.HTTPFound(PAGE_PREFIX)
        return await self.gateway.handle(request)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, host, port, reuse_address=True)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self._host, self._port = host, sockets[0].getsockname()[1] if sockets else port
        self._runner = runner
        return self.url

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        """Run `coro` in the background, cancelled on stop()."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # ------------------------------------------------------------ notifying
    def notify(self) -> None:
        """Wake everything waiting in `wait_for` to re-check its condition."""
        for listener in self.listeners:
            listener()
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait_for(
        self,
        predicate: Callable[[], Any],
        *,
        timeout: float = 2.0,  # noqa: ASYNC109 - a deadline is the point of this helper
        poll: float = 0.01,
    ) -> Any:
        """Wait until `predicate()` returns something truthy, re-checked on every emulator change
        and every `poll` seconds (for conditions on other parties, such as a client's cache)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (result := predicate()):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout:.2f}s")
            waiter = loop.create_future()
            self._waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, timeout=min(remaining, poll))
            except TimeoutError:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
        return result

    # ------------------------------------------------------------ violations
    @property
    def violations(self) -> list[Violation]:
        return list(self.recorder.violations)

    def take_violations(self) -> list[Violation]:
        """Return and forget recorded schema violations (tests that send bad bodies on purpose)."""
        return self.recorder.take_violations()

    # ------------------------------------------------------------- faults
    async def drop_gateway(self) -> int:
        """Cut every Gateway connection; clients must RESUME and get the missed events."""
        return await self.gateway.drop()

    # ------------------------------------------------------------ middleware
    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        if request.path[len(API_PREFIX) :] in TOKEN_PATHS:
            return await handler(request)  # client credentials, form bodies: bot.sandbox.oauth2
        started = time.monotonic()
        path = request.path[len(API_PREFIX) :]
        resource = request.match_info.route.resource
        route = resource.canonical[len(API_PREFIX) :] if resource is not None else path
        parsed: Any = None
        uploads: list[UploadedFile] = []
        admission = Admission()
        try:
            self._authenticate(request, path)
            parsed, uploads = await self._parse_body(request)
            request[JSON_BODY_KEY], request[FILES_KEY] = parsed, uploads
            admission = self.rate_limits.admit(
                request.method, route, path, request.match_info, parsed
            )
            late = None if admission.refused else self.faults.take_late(request.method, route)
            response = admission.refused or await self._apply_fault(request.method, route)
            if response is None:
                self._validate(request, path, parsed, uploads)
                response = await handler(request)
                if late is not None:  # done, but the answer is slow to come (or never does)
                    await asyncio.sleep(late)
        except errors.DiscordError as exc:
            response = json_response(exc.body(), status=exc.status)
        except web.HTTPException as exc:
            if exc.status == 404:
                response = json_response(errors.not_found_route().body(), status=404)
            elif exc.status == 405:
                response = json_response(
                    {"message": "405: Method Not Allowed", "code": 0}, status=405
                )
            else:
                raise
        return self._record(
            request,
            route=route,
            path=path,
            parsed=parsed,
            uploads=uploads,
            response=admission.stamp(response),
            started=started,
        )

    def _record(
        self,
        request: web.Request,
        *,
        route: str,
        path: str,
        parsed: Any,
        uploads: list[UploadedFile],
        response: web.StreamResponse,
        started: float,
    ) -> web.StreamResponse:
        self.conformance.response(request.method, path, response)
        self.recorder.record(
            method=request.method,
            route=route,
            path=path,
            query=dict(request.query),
            body=parsed,
            files=[u.filename for u in uploads],
            status=response.status,
            at=started,
            headers=response.headers,
        )
        self.notify()
        return response

    def _authenticate(self, request: web.Request, path: str) -> None:
        if path.startswith(TOKEN_IN_PATH):
            return
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and path in BEARER_ROUTES:
            # A user's OAuth2 token: only the routes its scopes open (bot.sandbox.oauth2).
            grant = self.oauth2.bearer(header[len("Bearer ") :])
            if grant is None or BEARER_ROUTES[path] not in grant.scopes:
                raise errors.unauthorized()
            request[GRANT_KEY] = grant
            return
        if header != f"Bot {self.token}":
            raise errors.unauthorized()

    async def _parse_body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        if not request.can_read_body:
            return None, []
        content_type = request.content_type
        if content_type == "multipart/form-data":
            payload: Any = None
            uploads: list[UploadedFile] = []
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                name = part.name or ""  # type: ignore[union-attr]
                data = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = self._loads(data)
                else:
                    uploads.append(
                        UploadedFile(
                            field=name,
                            filename=part.filename or name,  # type: ignore[union-attr]
                            content_type=part.headers.get("Content-Type"),  # type: ignore[union-attr]
                            data=bytes(data),
                        )
                    )
            return payload, uploads
        raw = await request.read()
        if not raw:
            return None, []
        if content_type != "application/json":
            raise errors.DiscordError(400, 50109, "The request body contains invalid JSON.")
        return self._loads(raw), []

    @staticmethod
    def _loads(raw: bytes | bytearray) -> Any:
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise errors.DiscordError(
                400, 50109, "The request body contains invalid JSON."
            ) from exc

    def _validate(
        self, request: web.Request, path: str, parsed: Any, uploads: list[UploadedFile]
    ) -> None:
        multipart = bool(uploads) or request.content_type == "multipart/form-data"
        content_type = "multipart/form-data" if multipart else "application/json"
        problems = self.conformance.request(request.method, path, parsed, content_type)
        if not problems:
            return
        form = errors.FormErrors()
        for problem in problems:
            form.add(problem.path, "BASE_TYPE_INVALID", problem.message)
        raise errors.invalid_form_body(form.tree)

    async def _apply_fault(self, method: str, route: str) -> web.Response | None:
        """The answer of the next queued fault for this request, if any (None: handle it)."""
        fault = self.faults.take(method, route)
        if fault is None:
            return None
        if fault.kind is FaultKind.HANG:
            await asyncio.sleep(fault.seconds)
            return None
        if fault.kind is FaultKind.RATE_LIMIT:
            self.rate_limits.record_fault(method, route, fault.scope, fault.seconds)
            headers = self.rate_limits.route_headers(method, route, exhausted_for=fault.seconds)
            return too_many_requests(fault.seconds, scope=fault.scope, headers=headers)
        message = {500: "500: Internal Server Error", 502: "502: Bad Gateway"}.get(
            fault.status, f"{fault.status}: Service Unavailable"
        )
        return json_response({"message": message, "code": 0}, status=fault.status)

    async def _attachment(self, request: web.Request) -> web.Response:
        attachment = self.state.attachments.get(int(request.match_info["attachment_id"]))
        if attachment is None or attachment.filename != request.match_info["filename"]:
            raise web.HTTPNotFound()
        # Discord's CDN is another origin than the client; here attachments share the sandbox
        # page's origin, so a bot-made HTML file (a transcript) is kept from running anything.
        content_type = attachment.content_type
        if not content_type or content_type == "application/octet-stream":
            # Like Discord's CDN, which types a file by its name when the upload did not.
            content_type = mimetypes.guess_type(attachment.filename)[0] or content_type
        return web.Response(
            body=attachment.content,
            headers={
                "Content-Type": content_type or "application/octet-stream",
                "Content-Security-Policy": "sandbox; default-src 'none'; "
                "style-src 'unsafe-inline'; img-src 'self' data:",
                "X-Content-Type-Options": "nosniff",
            },
        )

    # --------------------------------------------------------------- seeding
    def add_guild(
        self,
        name: str = "Sandbox",
        *,
        guild_id: int | None = None,
        owner_id: int | None = None,
        locale: str = "en-US",
        everyone_permissions: int = EVERYONE_DEFAULT_PERMISSIONS,
        bot_permissions: int = TICKET_BOT_PERMISSIONS,
    ) -> Guild:
        """A guild with @everyone, an owner, and the bot as a member holding its own role."""
        state = self.state
        gid = guild_id or state.ids.next()
        owner = self.add_user(f"owner-{gid % 10_000}", user_id=owner_id)
        guild = Guild(id=gid, name=name, owner_id=owner.id, preferred_locale=locale)
        guild.roles[gid] = Role(
            id=gid, guild_id=gid, name="@everyone", permissions=everyone_permissions
        )
        state.guilds[gid] = guild
        guild.members[owner.id] = Member(user=owner, guild_id=gid, locale=locale)
        bot_role = Role(
            id=state.ids.next(),
            guild_id=gid,
            name=state.application_name,
            permissions=bot_permissions,
            position=1,
            managed=True,
            bot_id=state.bot_user.id,
        )
        guild.roles[bot_role.id] = bot_role
        guild.members[state.bot_user.id] = Member(
            user=state.bot_user, guild_id=gid, roles=[bot_role.id]
        )
        self.gateway.guild_joined(guild)
        self.notify()
        return guild

    def bot_role(self, guild_id: int) -> Role:
        guild = self.state.guilds[guild_id]
        return next(r for r in guild.roles.values() if r.managed)

    def set_bot_permissions(self, guild_id: int, permissions: int) -> None:
        guild = self.state.guilds[guild_id]
        role = self.bot_role(guild_id)
        role.permissions = permissions
        self.role_updated(guild, role)

    def add_user(self, username: str, *, user_id: int | None = None, bot: bool = False) -> User:
        uid = user_id or self.state.ids.next()
        user = self.state.users.get(uid)
        if user is None:
            user = User(id=uid, username=username, global_name=username, bot=bot)
            self.state.users[uid] = user
        return user

    def add_role(
        self,
        guild_id: int,
        name: str,
        *,
        permissions: int = 0,
        role_id: int | None = None,
        mentionable: bool = False,
        hoist: bool = False,
    ) -> Role:
        guild = self.state.guilds[guild_id]
        # New roles sit below the bot's role, so the bot can manage them.
        position = max((r.position for r in guild.roles.values() if not r.managed), default=0)
        for role in guild.roles.values():
            if role.managed:
                role.position = max(role.position, position + 2)
        role = Role(
            id=role_id or self.state.ids.next(),
            guild_id=guild_id,
            name=name,
            permissions=int(permissions),
            position=position + 1,
            mentionable=mentionable,
            hoist=hoist,
        )
        guild.roles[role.id] = role
        self.role_created(guild, role)
        return role

    def add_member(
        self,
        guild_id: int,
        username: str,
        *,
        user_id: int | None = None,
        roles: Iterable[int] = (),
        locale: str = "en-US",
        nick: str | None = None,
    ) -> Member:
        guild = self.state.guilds[guild_id]
        user = self.add_user(username, user_id=user_id)
        member = Member(user=user, guild_id=guild_id, roles=list(roles), locale=locale, nick=nick)
        guild.members[user.id] = member
        self.member_added(guild, member)
        return member

    def add_channel(
        self,
        guild_id: int,
        name: str,
        *,
        type: int = ChannelType.GUILD_TEXT,
        channel_id: int | None = None,
        parent_id: int | None = None,
        overwrites: Iterable[Any] = (),
        topic: str | None = None,
    ) -> Channel:
        guild = self.state.guilds[guild_id]
        channel = Channel(
            id=channel_id or self.state.ids.next(),
            guild_id=guild_id,
            type=int(type),
            name=normalize_name(name, int(type)),
            position=len(guild.top_level_channels()),
            parent_id=parent_id,
            topic=topic,
            overwrites={o.id: o for o in overwrites},
        )
        return self.add_channel_object(channel)

    def add_category(self, guild_id: int, name: str, **kwargs: Any) -> Channel:
        return self.add_channel(guild_id, name, type=ChannelType.GUILD_CATEGORY, **kwargs)

    def actor(self, user_id: int, guild_id: int | None = None) -> Actor:
        """An actor for member `user_id` (in `guild_id`, or the only guild they belong to)."""
        from bot.sandbox.actors import Actor

        if guild_id is None:
            guilds = [g.id for g in self.state.guilds.values() if user_id in g.members]
            if len(guilds) != 1:
                raise ValueError(f"user {user_id} is in {len(guilds)} guilds: pass guild_id")
            guild_id = guilds[0]
        if user_id not in self.state.guilds[guild_id].members:
            raise ValueError(f"user {user_id} is not a member of guild {guild_id}")
        return Actor(self, guild_id, user_id)

    def sent_by_bot(self, channel_id: int) -> list[Any]:
        """Non-ephemeral messages the bot (or its interaction webhook) posted in a channel."""
        bot_id = self.state.bot_user.id
        return [
            m
            for m in self.state.messages_in(channel_id).values()
            if m.author.id == bot_id and not m.ephemeral
        ]


@functools.cache
def load_validator() -> OpenApiValidator | None:
    """The (lenient) OpenAPI validator for Discord's description, or None when the file is
    absent. Parsed once per process: the description is large and the validator read-only."""
    from bot.sandbox.openapi import OpenApiValidator, find_spec

    path = find_spec()
    return None if path is None else OpenApiValidator.load(path)
