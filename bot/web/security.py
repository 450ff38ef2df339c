"""Protective headers on every response of a page, and a Host check.

The Content-Security-Policy allows scripts and styles from the page's own origin only (plus the
response's nonce, for a ``<script type="module" nonce=...>`` a template may need), no inline
event handlers, no plugins, no framing, forms posting only to the page itself. The Host check
refuses requests whose ``Host`` is not one the page serves: a page on loopback would otherwise
be reachable through DNS rebinding from any web site the viewer opens.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable

from aiohttp import web

NONCE_KEY: web.RequestKey[str] = web.RequestKey("csp_nonce", str)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        )
    )


def host_name(host_header: str) -> str:
    """``example.org`` of ``example.org:8080``; IPv6 literals keep their brackets."""
    if host_header.startswith("["):
        return host_header.partition("]")[0] + "]"
    return host_header.rpartition(":")[0] if ":" in host_header else host_header


def security_middleware(
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """A middleware adding CSP (with a fresh nonce in ``request[NONCE_KEY]``), nosniff,
    no-referrer and frame denial to every response, after checking the Host header."""
    hosts = frozenset(h.lower() for h in allowed_hosts)

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if host_name(request.host.lower()) not in hosts:
            raise web.HTTPMisdirectedRequest(text="unknown host")
        nonce = secrets.token_urlsafe(16)
        request[NONCE_KEY] = nonce
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = exc
            _protect(response, nonce)
            raise
        _protect(response, nonce)
        return response

    return middleware


def _protect(response: web.StreamResponse, nonce: str) -> None:
    if response.prepared:
        return  # a stream (server-sent events) set its headers before starting
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Cache-Control", "no-store")
