"""A signed cookie session and CSRF tokens.

The cookie holds a small JSON object signed with the page's secret (itsdangerous): it is
``HttpOnly`` (no script reads it), ``SameSite=Strict`` (no other site sends it along) and scoped
to the page's path; a tampered or foreign cookie is ignored and a fresh session starts. The
secret is made at start by default, so restarting the page signs everyone out.

Every request that can change state (anything but GET, HEAD and OPTIONS) must carry the
session's CSRF token, in the ``csrf`` form field or the ``X-CSRF-Token`` header; the token is
the session id signed under another salt, so it is worthless with any other session.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import itsdangerous
from aiohttp import web

CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Session(dict[str, Any]):
    """The session's values; ``changed`` tells the middleware to send the cookie again."""

    def __init__(self, values: MutableMapping[str, Any] | None = None, *, new: bool) -> None:
        super().__init__(values or {})
        self.new = new
        self.changed = new
        if "sid" not in self:
            self["sid"] = secrets.token_urlsafe(18)

    @property
    def sid(self) -> str:
        return str(self["sid"])

    def set(self, key: str, value: Any) -> None:
        if self.get(key) != value:
            self[key] = value
            self.changed = True


SESSION_KEY: web.RequestKey[Session] = web.RequestKey("web_session", Session)


class SessionCodec:
    """Signs and checks session cookies and CSRF tokens with one secret."""

    def __init__(
        self,
        secret: bytes | None = None,
        *,
        cookie_name: str = "guichet_session",
        path: str = "/",
        secure: bool = False,
        max_age: int = 7 * 24 * 3600,
    ) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._cookies = itsdangerous.URLSafeTimedSerializer(self._secret, salt="session")
        self._csrf = itsdangerous.Signer(self._secret, salt="csrf")
        self.cookie_name = cookie_name
        self.path = path
        self.secure = secure
        self.max_age = max_age

    def load(self, cookie: str | None) -> Session:
        if cookie:
            try:
                values = self._cookies.loads(cookie, max_age=self.max_age)
            except itsdangerous.BadData:
                values = None
            if isinstance(values, dict) and isinstance(values.get("sid"), str):
                return Session(values, new=False)
        return Session(new=True)

    def dump(self, session: Session) -> str:
        return self._cookies.dumps(dict(session))

    def csrf_token(self, session: Session) -> str:
        return self._csrf.sign(session.sid.encode()).decode()

    def csrf_valid(self, session: Session, token: str | None) -> bool:
        if not token:
            return False
        try:
            signed = self._csrf.unsign(token.encode())
        except itsdangerous.BadSignature:
            return False
        return hmac.compare_digest(signed, session.sid.encode())

    def set_cookie(self, response: web.StreamResponse, session: Session) -> None:
        response.set_cookie(
            self.cookie_name,
            self.dump(session),
            path=self.path,
            max_age=self.max_age,
            httponly=True,
            samesite="Strict",
            secure=self.secure,
        )


CODEC_KEY: web.RequestKey[SessionCodec] = web.RequestKey("web_session_codec", SessionCodec)


def session_of(request: web.Request) -> Session:
    return request[SESSION_KEY]


def csrf_token(request: web.Request) -> str:
    """The token forms and scripts send back; empty outside :func:`session_middleware`."""
    codec = request.get(CODEC_KEY)
    if codec is None:
        return ""
    return codec.csrf_token(session_of(request))


def session_middleware(
    codec: SessionCodec,
) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """Loads the session into ``request[SESSION_KEY]``, refuses state-changing requests without
    a valid CSRF token (403), and sends the cookie back when the session changed."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        session = codec.load(request.cookies.get(codec.cookie_name))
        request[SESSION_KEY] = session
        request[CODEC_KEY] = codec
        if request.method not in SAFE_METHODS:
            token = request.headers.get(CSRF_HEADER)
            if token is None and request.content_type in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                token = str((await request.post()).get(CSRF_FIELD) or "") or None
            if session.new or not codec.csrf_valid(session, token):
                raise web.HTTPForbidden(text="missing or invalid CSRF token")
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            if session.changed:
                codec.set_cookie(exc, session)
            raise
        if session.changed and not response.prepared:
            codec.set_cookie(response, session)
        return response

    return middleware
