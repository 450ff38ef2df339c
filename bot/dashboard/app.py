"""The staff dashboard: an aiohttp application, mountable in the bot's process or served by
``guichet web``.

Every page goes through the shared web conventions (:mod:`bot.web`): a CSP with a nonce and no
inline handlers, a Host check (the public URL's host and loopback), a signed HTTP-only
SameSite=Strict session cookie and a CSRF token on every form. Who the viewer is comes from
Discord's OAuth2 at sign-in; whether they are staff of a server is asked again at every request
(:meth:`DashboardService.staff_view`). Errors are pages in the viewer's language; nothing shows
a traceback.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from babel.numbers import format_decimal

from bot.dashboard.oauth import DiscordOAuth
from bot.dashboard.settings import DashboardSettings
from bot.i18n.dates import babel_locale, format_datetime
from bot.services.members import DirectoryUnavailableError
from bot.web import STATIC_DIR, PageText, SessionCodec, make_environment, render, viewer_locale
from bot.web.security import LOOPBACK_HOSTS, security_middleware
from bot.web.sessions import SESSION_KEY, Session, session_middleware

if TYPE_CHECKING:
    from datetime import datetime

    from bot.config.specs import ServerSpec
    from bot.i18n import Catalog
    from bot.services.dashboard import DashboardService, StaffView

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
DASHBOARD_KEY: web.AppKey[Dashboard] = web.AppKey("dashboard")
COOKIE = "guichet_dashboard"


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in person, from the session."""

    user_id: int
    name: str
    guild_ids: tuple[int, ...]


class Dashboard:
    def __init__(
        self,
        *,
        settings: DashboardSettings,
        service: DashboardService,
        servers: Callable[[], Sequence[ServerSpec]],
        catalog: Callable[[], Catalog],
        oauth: DiscordOAuth | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``servers`` and ``catalog`` are read at each request: a reload of the bot's
        configuration shows at once."""
        self.settings = settings
        self.service = service
        self.servers = servers
        self.catalog = catalog
        self.clock = clock
        self.oauth = oauth or DiscordOAuth(
            client_id=settings.client_id,
            client_secret=settings.client_secret.reveal(),
            api_base=settings.discord_api,
            authorize_url=settings.authorize_url,
            redirect_uri=settings.redirect_uri,
        )
        self.codec = SessionCodec(
            settings.session_secret.reveal().encode(),
            cookie_name=COOKIE,
            secure=settings.secure_cookies,
            max_age=int(settings.session_hours * 3600),
        )
        self.env = make_environment(HERE / "templates")

    def make_app(self) -> web.Application:
        from bot.dashboard import routes_auth, routes_tickets, routes_transcripts

        hosts = {*LOOPBACK_HOSTS, self.settings.public_host}
        app = web.Application(
            middlewares=[
                security_middleware(hosts),
                self._error_pages,
                session_middleware(self.codec),
            ],
            client_max_size=256 * 1024,
        )
        app[DASHBOARD_KEY] = self
        routes_auth.add_routes(app)
        routes_tickets.add_routes(app)
        routes_transcripts.add_routes(app)
        app.router.add_static("/static/web/", STATIC_DIR)
        app.router.add_static("/static/", HERE / "static")
        return app

    # ------------------------------------------------------------------ viewer
    def viewer(self, request: web.Request) -> Viewer | None:
        """The signed-in person; None (and a cleared session) once the session expired."""
        session = request.get(SESSION_KEY)
        if session is None or "uid" not in session:
            return None
        if float(session.get("exp", 0)) <= self.clock():
            sign_out(session)
            return None
        return Viewer(
            int(session["uid"]),
            str(session.get("name", "")),
            tuple(int(g) for g in session.get("guilds", ())),
        )

    def text(self, request: web.Request) -> PageText:
        """The viewer's words: their choice on the page, their Discord language, then the
        browser's languages."""
        session = request.get(SESSION_KEY) or {}
        catalog = self.catalog()
        locale = viewer_locale(
            catalog,
            [session.get("lang"), session.get("locale")],
            accept=request.headers.get("Accept-Language"),
        )
        return PageText(catalog, locale)

    def server(self, guild_id: int) -> ServerSpec | None:
        return next((s for s in self.servers() if s.guild == guild_id), None)

    async def staff_view(self, request: web.Request) -> StaffView:
        """The viewer as staff of the URL's server, or a redirect (signed out) or a 404 page
        (not staff there, or no such server: the same answer)."""
        viewer = self.viewer(request)
        if viewer is None:
            raise web.HTTPSeeOther(self.url("/"))
        raw = request.match_info.get("guild", "")
        server = self.server(int(raw)) if raw.isdigit() else None
        view = None if server is None else await self.service.staff_view(server, viewer.user_id)
        if view is None:
            raise NotYours()
        return view

    # ------------------------------------------------------------------ pages
    def url(self, path: str) -> str:
        return path

    def page(
        self, request: web.Request, name: str, *, status: int = 200, **context: Any
    ) -> web.Response:
        text = self.text(request)
        view = context.get("view")
        if view is not None:  # a server's page: its name, links and labels
            from bot.dashboard.labels import Labels

            context = {
                "server": view.server,
                "base": f"/g/{view.server.guild}",
                "labels": Labels(text, view.server),
                **context,
            }
        session = request.get(SESSION_KEY)
        flash = session.pop("flash", None) if session is not None else None
        if flash is not None and session is not None:
            session.changed = True
        return render(
            self.env,
            name,
            request,
            {
                "t": text,
                "lang": text.locale,
                "viewer": self.viewer(request),
                "when": lambda value: self.when(value, text.locale),
                "number": lambda value: format_decimal(value, locale=babel_locale(text.locale)),
                "locale_name": locale_name,
                "flash": flash,
                "locales": self.catalog().locales,
                "here": request.path_qs,
                **context,
            },
            status=status,
        )

    def when(self, value: datetime | None, locale: str) -> str:
        return "" if value is None else format_datetime(value, locale, format="medium")

    @web.middleware
    async def _error_pages(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refusals as pages in the viewer's language: 403 (a form without its token), 404
        (nothing here, or not theirs), 500 (logged, never shown)."""
        try:
            return await handler(request)
        except NotYours:
            return self.page(request, "error.html", status=404, error="web-error-not-found")
        except DirectoryUnavailableError:
            log.warning("dashboard.discord_unavailable", extra={"path": request.path})
            return self.page(request, "error.html", status=503, error="web-error-discord")
        except web.HTTPForbidden:
            return self.page(request, "error.html", status=403, error="web-error-csrf")
        except web.HTTPNotFound:
            return self.page(request, "error.html", status=404, error="web-error-not-found")
        except web.HTTPException:
            raise
        except Exception:
            log.exception("dashboard.request_failed", extra={"path": request.path})
            return self.page(request, "error.html", status=500, error="web-error-internal")


def locale_name(code: str) -> str:
    """A language's own name for itself (Babel's CLDR data), for the switch."""
    found = babel_locale(code)
    return found.get_display_name(found) or code


class NotYours(Exception):  # noqa: N818 - a page, not an error of ours
    """Not found, or not the viewer's to see: one answer for both."""


def sign_out(session: Session) -> None:
    """Forget the person; a new session id, so forms of the old session stop working."""
    for key in list(session):
        if key != "lang":
            del session[key]
    session["sid"] = secrets.token_urlsafe(18)
    session.changed = True


def dashboard_of(request: web.Request) -> Dashboard:
    return request.app[DASHBOARD_KEY]
