"""The sandbox page: an aiohttp application the emulator mounts at /sandbox/, showing the
emulated Discord to one chosen person at a time and acting as that person through the
emulator's actors.

Who the viewer is lives in the signed session cookie (per guild); the page's words are Fluent
messages in the viewer's Discord client language (negotiated against the shipped locales, then
the browser's). Live updates: every emulator change bumps a :class:`bot.web.ChangeFeed`, which
the browser hears over server-sent events and answers by fetching the changed regions.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.web.activity import ActivityLog
from bot.sandbox.web.state import ClientState
from bot.sandbox.web.views import ViewerView, display_name
from bot.web import (
    STATIC_DIR,
    ChangeFeed,
    PageText,
    SessionCodec,
    make_environment,
    security_middleware,
    session_middleware,
    viewer_locale,
)
from bot.web.sessions import session_of

if TYPE_CHECKING:
    from bot.i18n import Catalog
    from bot.sandbox.actors import Actor
    from bot.sandbox.server import Emulator

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
PAGE_KEY: web.AppKey[SandboxPage] = web.AppKey("sandbox_page")


@dataclass(frozen=True, slots=True)
class Viewer:
    """The person the page shows the guild to, and the page's words for them."""

    guild_id: int
    actor: Actor
    text: PageText
    view: ViewerView

    @property
    def user_id(self) -> int:
        return self.actor.user_id

    @property
    def name(self) -> str:
        return display_name(self.actor.member)


class SandboxPage:
    def __init__(
        self,
        emulator: Emulator,
        catalog: Catalog,
        *,
        prefix: str,
        servers_dir: Path | None = None,
        locales_dir: Path | None = None,
        watch_files: bool = False,
        secret: bytes | None = None,
    ) -> None:
        self.emulator = emulator
        self.catalog = catalog
        self.prefix = prefix.rstrip("/")
        self.servers_dir = servers_dir
        self.locales_dir = locales_dir
        self.watch_files = watch_files
        self.env = make_environment(HERE / "templates")
        self.env.filters["local_url"] = self.local_url
        self.codec = SessionCodec(secret, cookie_name="guichet_sandbox", path=self.prefix + "/")
        self.feed = ChangeFeed()
        self.activity = ActivityLog(emulator.recorder)
        self.clients = ClientState()
        self._tasks: set[asyncio.Task[Any]] = set()
        emulator.listeners.append(self.feed.bump)

    # ------------------------------------------------------------------ app
    def make_app(self) -> web.Application:
        from bot.sandbox.web import routes_act, routes_controls, routes_view

        app = web.Application(
            middlewares=[security_middleware(), session_middleware(self.codec)],
            client_max_size=1024 * 1024,
        )
        app[PAGE_KEY] = self
        routes_view.add_routes(app)
        routes_act.add_routes(app)
        routes_controls.add_routes(app)
        app.router.add_static("/static/web/", STATIC_DIR)
        app.router.add_static("/static/", HERE / "static")
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _on_startup(self, _app: web.Application) -> None:
        self.feed = ChangeFeed() if self.feed.closed else self.feed
        if self.watch_files and self.servers_dir is not None:
            from bot.sandbox.web.watcher import watch

            self.spawn(watch(self))

    async def _on_shutdown(self, _app: web.Application) -> None:
        self.feed.close()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def changed(self) -> None:
        """Something only the page holds changed (a modal, a notice): refresh the viewers."""
        self.feed.bump()

    # -------------------------------------------------------------- viewers
    def guild_or_404(self, request: web.Request) -> int:
        try:
            guild_id = int(request.match_info["guild"])
        except (KeyError, ValueError):
            raise web.HTTPNotFound() from None
        if guild_id not in self.emulator.state.guilds:
            raise web.HTTPNotFound()
        return guild_id

    def viewer(self, request: web.Request, guild_id: int) -> Viewer:
        guild = self.emulator.state.guilds[guild_id]
        chosen = (session_of(request).get("as") or {}).get(str(guild_id))
        member = guild.members.get(int(chosen)) if chosen else None
        if member is None or member.user.bot:
            member = guild.members[guild.owner_id]
        actor = self.emulator.actor(member.id, guild_id)
        locale = viewer_locale(
            self.catalog, [member.locale], accept=request.headers.get("Accept-Language")
        )
        text = PageText(self.catalog, locale)
        return Viewer(guild_id, actor, text, ViewerView(self.emulator, actor, text))

    def viewer_text(self, request: web.Request) -> PageText:
        """The page's words for a request with no person yet (the browser's languages)."""
        accept = request.headers.get("Accept-Language")
        return PageText(self.catalog, viewer_locale(self.catalog, accept=accept))

    def choose(self, request: web.Request, guild_id: int, user_id: int) -> None:
        session = session_of(request)
        chosen = dict(session.get("as") or {})
        chosen[str(guild_id)] = user_id
        session.set("as", chosen)

    def channel_url(self, guild_id: int, channel_id: int | None = None) -> str:
        if channel_id is None:
            return f"{self.prefix}/g/{guild_id}"
        return f"{self.prefix}/g/{guild_id}/c/{channel_id}"

    def local_url(self, url: str | None) -> str | None:
        """An attachment's URL as a path on this origin (the emulator serves the files), so the
        page works whichever loopback name the browser used; other URLs are not followed."""
        if not url or not url.startswith(self.emulator.url + "/attachments/"):
            return None
        return url[len(self.emulator.url) :]

    # --------------------------------------------------------------- status
    def bot_connected(self) -> bool:
        return any(
            s.connection is not None and not s.connection.socket.closed
            for s in self.emulator.gateway.sessions.values()
        )

    def run_hint(self) -> str:
        return run_hint(self.emulator)


def run_hint(emulator: Emulator) -> str:
    """The environment a bot started elsewhere needs to join `emulator`: its URLs, its
    (public, made-up) token, and a database of its own, since this Discord is new."""
    return (
        f"GUICHET_DATABASE=var/sandbox-{emulator.state.application_id}.sqlite3 "
        f"GUICHET_DISCORD_API={emulator.api_url} "
        f"GUICHET_DISCORD_GATEWAY={emulator.gateway_url} "
        f"GUICHET_TOKEN={emulator.token} guichet run"
    )
