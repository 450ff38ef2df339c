"""Discord's OAuth2 authorization code grant, emulated (developer docs, topics/oauth2.mdx).

- ``GET /oauth2/authorize`` (on the emulator's root, as ``https://discord.com/oauth2/authorize``):
  Discord's consent screen. Discord knows who is using the browser from its own cookie; the
  emulator has no such thing, so its screen lists the people of its servers and the browser
  picks one (the sandbox page's *Seen as*, for sign-in). A bad ``client_id``, ``redirect_uri``,
  ``response_type`` or scope is shown as an error page and never redirected, like Discord.
- ``POST /oauth2/authorize``: the choice. Authorize redirects to ``redirect_uri`` with
  ``code`` and ``state``; Cancel with ``error=access_denied`` and ``state``.
- ``POST /api[/v10]/oauth2/token``: ``application/x-www-form-urlencoded`` only (JSON is an
  error, as the docs warn), client credentials by HTTP Basic or in the body; grants
  ``authorization_code`` (a code is single use, tied to its ``redirect_uri``, and lasts ten
  minutes) and ``refresh_token``; errors are RFC 6749 bodies (``invalid_client``,
  ``invalid_grant``, ``unsupported_grant_type``, ``invalid_request``).
- ``POST /api[/v10]/oauth2/token/revoke``: revokes every token of that authorization.
- Bearer tokens are accepted by ``GET /users/@me`` (``identify``) and ``GET
  /users/@me/guilds`` (``guilds``) only; see :mod:`bot.sandbox.rest.applications`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from aiohttp import web

if TYPE_CHECKING:
    from bot.i18n import Catalog
    from bot.sandbox.server import Emulator

# Discord documents these scopes; the emulator grants the two a sign-in needs and refuses the
# others rather than pretend to support them.
SUPPORTED_SCOPES = frozenset({"identify", "guilds"})
KNOWN_SCOPES = SUPPORTED_SCOPES | frozenset(
    {"email", "connections", "guilds.join", "guilds.members.read", "bot", "applications.commands"}
)
CODE_LIFETIME = 10 * 60.0  # RFC 6749 §4.1.2: ten minutes at most; Discord does not say
TOKEN_LIFETIME = 604_800  # the docs' example `expires_in`: a week
# Paths (under /api and /api/v10) that authenticate by client credentials, not a bot token.
TOKEN_PATHS = ("/oauth2/token", "/oauth2/token/revoke")
# Routes a Bearer token may call, and the scope each needs.
BEARER_ROUTES = {"/users/@me": "identify", "/users/@me/guilds": "guilds"}
GRANT_KEY: web.RequestKey[object] = web.RequestKey("oauth2_grant", object)


@dataclass
class Grant:
    """One authorization: who, which scopes, and its tokens."""

    user_id: int
    scopes: frozenset[str]
    redirect_uri: str
    access_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    refresh_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    expires_at: float = 0.0
    revoked: bool = False


@dataclass
class _Code:
    grant: Grant
    expires_at: float


class OAuth2:
    """The emulated application's OAuth2 side: its secret, redirect URIs, codes and tokens."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.client_secret = secrets.token_urlsafe(24)
        self.redirect_uris: set[str] = set()
        # `guichet sandbox`: any loopback callback is accepted, so a dashboard on any free
        # port signs in without registering it first. Off by default (Discord's rule).
        self.allow_loopback_redirects = False
        self.catalog: Catalog | None = None
        self._form_key = secrets.token_bytes(32)
        self._clock = clock
        self._codes: dict[str, _Code] = {}
        self._by_access: dict[str, Grant] = {}
        self._by_refresh: dict[str, Grant] = {}

    # --------------------------------------------------------------- checks
    def redirect_allowed(self, uri: str) -> bool:
        if uri in self.redirect_uris:
            return True
        parts = urlsplit(uri)
        return (
            self.allow_loopback_redirects
            and parts.scheme == "http"
            and parts.hostname in ("127.0.0.1", "localhost", "::1")
        )

    def bearer(self, token: str) -> Grant | None:
        grant = self._by_access.get(token)
        if grant is None or grant.revoked or grant.expires_at <= self._clock():
            return None
        return grant

    def consent_token(self, request: AuthorizeRequest) -> str:
        """What the consent form carries back: only a page read from the emulator knows it
        (another site cannot post an authorization on the person's behalf)."""
        fields = "\n".join(
            (request.client_id, request.redirect_uri, " ".join(sorted(request.scopes)),
             request.state or "")
        )  # fmt: skip
        return hmac.new(self._form_key, fields.encode(), hashlib.sha256).hexdigest()

    def consent_valid(self, request: AuthorizeRequest, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(self.consent_token(request), token)

    # --------------------------------------------------------------- grants
    def issue_code(self, user_id: int, scopes: frozenset[str], redirect_uri: str) -> str:
        code = secrets.token_urlsafe(24)
        grant = Grant(user_id, scopes, redirect_uri)
        self._codes[code] = _Code(grant, self._clock() + CODE_LIFETIME)
        return code

    def redeem(self, code: str, redirect_uri: str) -> Grant | None:
        """The grant of a code, once; None when unknown, used, expired or for another URI."""
        found = self._codes.pop(code, None)
        if found is None or found.expires_at <= self._clock():
            return None
        if found.grant.redirect_uri != redirect_uri:
            return None
        return self._activate(found.grant)

    def refresh(self, refresh_token: str) -> Grant | None:
        old = self._by_refresh.pop(refresh_token, None)
        if old is None or old.revoked:
            return None
        self._by_access.pop(old.access_token, None)
        return self._activate(Grant(old.user_id, old.scopes, old.redirect_uri))

    def revoke(self, token: str) -> None:
        grant = self._by_access.get(token) or self._by_refresh.get(token)
        if grant is not None:
            grant.revoked = True
            self._by_access.pop(grant.access_token, None)
            self._by_refresh.pop(grant.refresh_token, None)

    def _activate(self, grant: Grant) -> Grant:
        grant.expires_at = self._clock() + TOKEN_LIFETIME
        self._by_access[grant.access_token] = grant
        self._by_refresh[grant.refresh_token] = grant
        return grant


def json_response(data: Any, status: int = 200) -> web.Response:
    # As bot.sandbox.rest.common's (which this module cannot import: rest imports it).
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def token_response(grant: Grant) -> dict[str, Any]:
    return {
        "access_token": grant.access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME,
        "refresh_token": grant.refresh_token,
        "scope": " ".join(sorted(grant.scopes)),
    }


def oauth_error(error: str, description: str, status: int = 400) -> web.Response:
    return json_response({"error": error, "error_description": description}, status=status)


# ---------------------------------------------------------------- token endpoint
def _client_credentials(request: web.Request, form: Any) -> tuple[str, str] | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, sep, secret = decoded.partition(":")
        return (client_id, secret) if sep else None
    client_id, secret = form.get("client_id"), form.get("client_secret")
    if isinstance(client_id, str) and isinstance(secret, str):
        return client_id, secret
    return None


def token_handler(emulator: Emulator) -> Callable[[web.Request], Any]:
    async def token(request: web.Request) -> web.Response:
        if request.content_type != "application/x-www-form-urlencoded":
            return oauth_error("invalid_request", "Content-Type must be form-urlencoded")
        form = await request.post()
        credentials = _client_credentials(request, form)
        oauth = emulator.oauth2
        if credentials is None or credentials != (
            str(emulator.state.application_id),
            oauth.client_secret,
        ):
            return oauth_error("invalid_client", "Invalid client", status=401)
        grant_type = form.get("grant_type")
        grant: Grant | None
        if grant_type == "authorization_code":
            code, redirect_uri = form.get("code"), form.get("redirect_uri")
            if not isinstance(code, str) or not isinstance(redirect_uri, str):
                return oauth_error("invalid_request", 'Missing "code" or "redirect_uri"')
            grant = oauth.redeem(code, redirect_uri)
            if grant is None:
                return oauth_error("invalid_grant", 'Invalid "code" in request.')
        elif grant_type == "refresh_token":
            refresh = form.get("refresh_token")
            grant = oauth.refresh(refresh) if isinstance(refresh, str) else None
            if grant is None:
                return oauth_error("invalid_grant", 'Invalid "refresh_token" in request.')
        else:
            return oauth_error("unsupported_grant_type", "Unsupported grant type")
        return json_response(token_response(grant))

    return token


def revoke_handler(emulator: Emulator) -> Callable[[web.Request], Any]:
    async def revoke(request: web.Request) -> web.Response:
        if request.content_type != "application/x-www-form-urlencoded":
            return oauth_error("invalid_request", "Content-Type must be form-urlencoded")
        form = await request.post()
        if _client_credentials(request, form) != (
            str(emulator.state.application_id),
            emulator.oauth2.client_secret,
        ):
            return oauth_error("invalid_client", "Invalid client", status=401)
        token = form.get("token")
        if isinstance(token, str):
            emulator.oauth2.revoke(token)
        return json_response({})

    return revoke


# ---------------------------------------------------------------- the consent screen
@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    client_id: str
    redirect_uri: str
    scopes: frozenset[str]
    state: str | None


def parse_authorize(emulator: Emulator, query: Any) -> AuthorizeRequest | str:
    """The request, or the Fluent id of the error Discord's screen would show."""
    if query.get("client_id") != str(emulator.state.application_id):
        return "oauth-error-client"
    redirect_uri = query.get("redirect_uri") or ""
    if not emulator.oauth2.redirect_allowed(redirect_uri):
        return "oauth-error-redirect"
    if query.get("response_type") != "code":
        return "oauth-error-response-type"
    scopes = frozenset((query.get("scope") or "").split())
    if not scopes or not scopes <= KNOWN_SCOPES:
        return "oauth-error-scope"
    if not scopes <= SUPPORTED_SCOPES:
        return "oauth-error-scope-unsupported"
    return AuthorizeRequest(str(query["client_id"]), redirect_uri, scopes, query.get("state"))


def redirect_to(request: AuthorizeRequest, **params: str) -> str:
    if request.state is not None:
        params["state"] = request.state
    joiner = "&" if urlsplit(request.redirect_uri).query else "?"
    return request.redirect_uri + joiner + urlencode(params)


def add_routes(app: web.Application, emulator: Emulator) -> None:
    from bot.sandbox.oauth2_page import authorize_get, authorize_post

    app.router.add_get("/oauth2/authorize", authorize_get)
    app.router.add_post("/oauth2/authorize", authorize_post)
    for base in ("/api", "/api/v10"):
        app.router.add_post(base + TOKEN_PATHS[0], token_handler(emulator))
        app.router.add_post(base + TOKEN_PATHS[1], revoke_handler(emulator))
