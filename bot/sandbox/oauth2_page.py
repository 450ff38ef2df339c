"""The emulator's consent screen (``/oauth2/authorize``), in the browser's language.

Discord shows the person already signed in to Discord and asks them to authorize the
application; the emulator has nobody signed in, so the screen lists the people of its servers
(their roles too, to find a staff member) and the choice stands for "this browser is theirs".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from aiohttp import web

from bot.sandbox.oauth2 import AuthorizeRequest, parse_authorize, redirect_to
from bot.sandbox.rest.common import EMULATOR_KEY
from bot.web import PageText, make_environment, viewer_locale
from bot.web.security import content_security_policy

if TYPE_CHECKING:
    from bot.i18n import Catalog
    from bot.sandbox.server import Emulator

HERE = Path(__file__).parent / "oauth2_templates"
_ENV = make_environment(HERE)


def _catalog(emulator: Emulator) -> Catalog:
    oauth = emulator.oauth2
    if oauth.catalog is None:
        from bot.i18n import Catalog
        from bot.resources import BOT_LOCALES

        oauth.catalog = Catalog.load(BOT_LOCALES)
    return oauth.catalog


def _text(request: web.Request, emulator: Emulator) -> PageText:
    catalog = _catalog(emulator)
    locale = viewer_locale(catalog, accept=request.headers.get("Accept-Language"))
    return PageText(catalog, locale)


def _page(
    request: web.Request, name: str, status: int = 200, *, back_to: str = "", **context: object
) -> web.Response:
    """``back_to``: the redirect_uri the consent form ends at; CSP's form-action governs the
    redirect after a submission too, so its origin is allowed there."""
    emulator = cast("Emulator", request.app[EMULATOR_KEY])
    text = _text(request, emulator)
    html = _ENV.get_template(name).render(t=text, lang=text.locale, csrf="", **context)
    response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
    policy = content_security_policy("none")
    if back_to:
        parts = urlsplit(back_to)
        policy = policy.replace(
            "form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}"
        )
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Frame-Options"] = "DENY"  # clickjacking: the docs' own warning
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _people(emulator: Emulator) -> list[dict[str, object]]:
    people = []
    for guild in emulator.state.guilds.values():
        for member in guild.members.values():
            if member.user.bot:
                continue
            roles = [guild.roles[r].name for r in member.roles if r in guild.roles]
            people.append(
                {
                    "id": member.user.id,
                    "name": member.nick or member.user.global_name or member.user.username,
                    "guild": guild.name,
                    "roles": ", ".join(roles),
                    "owner": member.user.id == guild.owner_id,
                }
            )
    return people


async def authorize_get(request: web.Request) -> web.Response:
    emulator = cast("Emulator", request.app[EMULATOR_KEY])
    parsed = parse_authorize(emulator, request.query)
    if isinstance(parsed, str):
        return _page(request, "oauth2_error.html", status=400, error=parsed)
    return _page(
        request,
        "oauth2_authorize.html",
        back_to=parsed.redirect_uri,
        request_=parsed,
        consent=emulator.oauth2.consent_token(parsed),
        scopes=sorted(parsed.scopes),
        app_name=emulator.state.application_name,
        people=_people(emulator),
    )


async def authorize_post(request: web.Request) -> web.Response:
    emulator = cast("Emulator", request.app[EMULATOR_KEY])
    form = await request.post()
    parsed = parse_authorize(emulator, form)
    if isinstance(parsed, str):
        return _page(request, "oauth2_error.html", status=400, error=parsed)
    if not emulator.oauth2.consent_valid(parsed, form.get("consent")):
        return _page(request, "oauth2_error.html", status=403, error="oauth-error-origin")
    if form.get("decision") != "authorize":
        raise web.HTTPFound(
            redirect_to(parsed, error="access_denied", error_description="The user denied")
        )
    user_id = _user_id(emulator, form.get("user_id"))
    if user_id is None:
        return _page(request, "oauth2_error.html", status=400, error="oauth-error-user")
    code = emulator.oauth2.issue_code(user_id, parsed.scopes, parsed.redirect_uri)
    raise web.HTTPFound(redirect_to(parsed, code=code))


def _user_id(emulator: Emulator, raw: object) -> int | None:
    if not isinstance(raw, str) or not raw.isdigit():
        return None
    user = emulator.state.users.get(int(raw))
    return None if user is None or user.bot else user.id


__all__ = ["AuthorizeRequest", "authorize_get", "authorize_post"]
