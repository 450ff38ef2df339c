"""Sign in with Discord, sign out, and the language switch.

The state parameter is a random value bound to this browser and compared on the way back
(topics/oauth2, "State and Security"). It travels in a cookie of its own, signed, HTTP-only,
SameSite=Lax and scoped to the callback, because the session cookie is SameSite=Strict: a
browser coming back from Discord's site does not send it. For the same reason the callback
answers with a page that continues to the dashboard rather than a redirect (a redirect chain
that began on another site does not carry Strict cookies either).
"""

from __future__ import annotations

import hmac
import logging
import secrets

import itsdangerous
from aiohttp import web

from bot.dashboard.app import dashboard_of, sign_out
from bot.dashboard.oauth import OAuthError
from bot.web.sessions import session_of

log = logging.getLogger(__name__)
STATE_COOKIE = "guichet_oauth_state"
CALLBACK = "/auth/callback"
STATE_LIFETIME = 600  # seconds to come back from Discord's screen


def _signer(request: web.Request) -> itsdangerous.URLSafeTimedSerializer:
    secret = dashboard_of(request).settings.session_secret.reveal()
    return itsdangerous.URLSafeTimedSerializer(secret, salt="oauth-state")


async def sign_in(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    state = secrets.token_urlsafe(24)
    response = web.HTTPSeeOther(dashboard.oauth.authorize_url(state))
    response.set_cookie(
        STATE_COOKIE,
        _signer(request).dumps(state),
        path=CALLBACK,
        max_age=STATE_LIFETIME,
        httponly=True,
        samesite="Lax",
        secure=dashboard.settings.secure_cookies,
    )
    raise response


def _expected_state(request: web.Request) -> str | None:
    raw = request.cookies.get(STATE_COOKIE)
    if not raw:
        return None
    try:
        value = _signer(request).loads(raw, max_age=STATE_LIFETIME)
    except itsdangerous.BadData:
        return None
    return value if isinstance(value, str) else None


async def callback(request: web.Request) -> web.StreamResponse:
    response = await _callback(request)
    response.del_cookie(STATE_COOKIE, path=CALLBACK)  # one use
    return response


async def _callback(request: web.Request) -> web.Response:
    dashboard = dashboard_of(request)
    session = session_of(request)
    expected = _expected_state(request)
    state = request.query.get("state", "")
    if not expected or not hmac.compare_digest(expected, state):
        return dashboard.page(request, "signin.html", status=400, problem="web-signin-state")
    if "error" in request.query or "code" not in request.query:
        return dashboard.page(request, "signin.html", status=400, problem="web-signin-denied")
    try:
        user = await dashboard.oauth.sign_in(request.query["code"])
    except OAuthError as failure:
        log.warning("dashboard.sign_in_failed", extra={"kind": failure.kind})
        return dashboard.page(request, "signin.html", status=502, problem="web-signin-failed")
    configured = {s.guild for s in dashboard.servers()}
    sign_out(session)  # a fresh session id: no fixation of one set before sign-in
    session["uid"] = str(user.user_id)
    session["name"] = user.name
    if user.locale:
        session["locale"] = user.locale
    session["guilds"] = [str(g) for g in user.guild_ids if g in configured]
    session["exp"] = dashboard.clock() + dashboard.settings.session_hours * 3600
    log.info("dashboard.signed_in", extra={"user_id": user.user_id})
    return dashboard.page(request, "continue.html", target=dashboard.url("/"))


async def sign_out_route(request: web.Request) -> web.StreamResponse:
    sign_out(session_of(request))
    raise web.HTTPSeeOther(dashboard_of(request).url("/"))


async def choose_language(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    form = await request.post()
    chosen = str(form.get("lang", ""))
    if chosen in dashboard.catalog().locales:
        session_of(request).set("lang", chosen)
    back = str(form.get("back", "/"))
    # Only a path of this site: never an open redirect ("//host" and "/\\host" are hosts to
    # a browser, which reads a backslash as a slash).
    if not back.startswith("/") or back[1:2] in ("/", "\\") or any(c in back for c in "\r\n"):
        back = "/"
    raise web.HTTPSeeOther(back)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login", sign_in)
    app.router.add_get(CALLBACK, callback)
    app.router.add_post("/logout", sign_out_route)
    app.router.add_post("/language", choose_language)
