"""The emulator: an aiohttp application serving Discord's REST API under /api/v10 and the
Gateway websocket at /, on loopback, plus the object tests drive (seeding, actors, faults, the
request recorder).

Every REST request goes through one middleware (`bot.sandbox.middleware`); seeding guilds,
members and channels is `bot.sandbox.seeding`; the Gateway-announced state changes are
`bot.sandbox.operations`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.command_access_rules import CommandPermission
from bot.sandbox.conformance import Conformance
from bot.sandbox.faults import Faults
from bot.sandbox.gateway import APP_FLAG_FOR_INTENT, PRIVILEGED, Gateway
from bot.sandbox.middleware import RestPipeline
from bot.sandbox.oauth2 import OAuth2
from bot.sandbox.oauth2 import add_routes as add_oauth2_routes
from bot.sandbox.rate_limits import RateLimits
from bot.sandbox.recorder import Recorder, Violation
from bot.sandbox.rest import route_tables
from bot.sandbox.rest.common import API_PREFIX, EMULATOR_KEY
from bot.sandbox.seeding import Seeding
from bot.sandbox.state import EmulatorState, Guild, Role, bot_token

if TYPE_CHECKING:
    from bot.sandbox.interaction_model import Interaction
    from bot.sandbox.openapi import OpenApiValidator

log = logging.getLogger(__name__)

# Where the sandbox page is served, when one is attached (`page_factory`).
PAGE_PREFIX = "/sandbox/"
# Seconds a stopping emulator gives the requests it is still handling (see `start`).
STOP_GRACE = 1.0


class _FromSpec:
    """`Emulator(validator=...)` default: load Discord's description when `find_spec()` finds it."""

    def __repr__(self) -> str:
        return "FROM_SPEC"


FROM_SPEC = _FromSpec()


class Emulator(Seeding, RestPipeline):
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
        # A stop does not wait for requests held by a fault (a hang, a late answer) to finish:
        # aiohttp's default grace is 60 s, which every test injecting a 60 s hang then paid at
        # teardown once its client was gone. One second lets ordinary handlers complete.
        runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False, shutdown_timeout=STOP_GRACE
        )
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


@functools.cache
def load_validator() -> OpenApiValidator | None:
    """The (lenient) OpenAPI validator for Discord's description, or None when the file is
    absent. Parsed once per process: the description is large and the validator read-only."""
    from bot.sandbox.openapi import OpenApiValidator, find_spec

    path = find_spec()
    return None if path is None else OpenApiValidator.load(path)
