"""Transcripts: shown in a sandboxed frame, downloadable, and searched by their words.

The stored HTML is served as it was written, with its own Content-Security-Policy (no script,
inline styles, images) and, over it, a ``sandbox`` policy header: it runs nothing and gets an
opaque origin, so even a transcript that somehow held markup could not reach the dashboard's
cookies or pages. The dashboard's page frames it (``frame-ancestors 'self'``).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.dashboard.app import NotYours, dashboard_of
from bot.dashboard.routes_tickets import _ticket_id
from bot.domain.tickets import Transcript
from bot.web.security import NONCE_KEY, content_security_policy

TRANSCRIPT_POLICY = (
    "sandbox; default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
    "img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _transcript_id(request: web.Request) -> int:
    raw = request.match_info.get("transcript", "")
    if not raw.isdigit() or len(raw) > 18:
        raise NotYours()
    return int(raw)


async def _find(request: web.Request):  # type: ignore[no-untyped-def]
    dashboard = dashboard_of(request)
    view = await dashboard.staff_view(request)
    ticket_id = _ticket_id(request)
    transcript = await dashboard.service.transcript(view, ticket_id, _transcript_id(request))
    ticket = await dashboard.service.ticket(view, ticket_id)
    if transcript is None or ticket is None:
        raise NotYours()
    return dashboard, view, ticket, transcript


async def transcript_page(request: web.Request) -> web.StreamResponse:
    dashboard, view, ticket, transcript = await _find(request)
    response = dashboard.page(
        request,
        "transcript.html",
        view=view,
        t_=ticket,
        transcript=transcript,
    )
    # The one page that frames something: its own transcript, from this origin.
    nonce = request.get(NONCE_KEY) or ""
    response.headers["Content-Security-Policy"] = (
        content_security_policy(nonce) + "; frame-src 'self'"
    )
    return response


async def _raw(
    request: web.Request, transcript: Transcript, *, download: str | None
) -> web.Response:
    """The stored page as it was written. Compressed rows go out as they are stored, with
    ``Content-Encoding: gzip``, to every browser that says it takes gzip (all do): nothing to
    decompress here. Otherwise (and for rows older than compression) it is decompressed off
    the event loop."""
    gzipped = transcript.html_gzip
    if gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
        response = web.Response(body=gzipped, content_type="text/html", charset="utf-8")
        response.headers["Content-Encoding"] = "gzip"
    else:
        html = await asyncio.to_thread(lambda: transcript.html)
        response = web.Response(text=html, content_type="text/html", charset="utf-8")
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Content-Security-Policy"] = TRANSCRIPT_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


async def transcript_raw(request: web.Request) -> web.StreamResponse:
    _, _, _, transcript = await _find(request)
    return await _raw(request, transcript, download=None)


async def transcript_download(request: web.Request) -> web.StreamResponse:
    _, _, ticket, transcript = await _find(request)
    name = f"ticket-{ticket.number}-transcript-{transcript.id}.html"
    return await _raw(request, transcript, download=name)


async def search(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    view = await dashboard.staff_view(request)
    query = request.query.get("q", "").strip()[:200]
    before_raw = request.query.get("before", "")
    before = int(before_raw) if before_raw.isdigit() and len(before_raw) < 19 else None
    hits = await dashboard.service.search(view, query, before=before) if query else []
    return dashboard.page(
        request,
        "search.html",
        view=view,
        query=query,
        hits=hits,
        more=hits[-1].transcript_id if len(hits) == 20 else None,
    )


def add_routes(app: web.Application) -> None:
    prefix = "/g/{guild}/t/{ticket}/transcripts/{transcript}"
    app.router.add_get(prefix, transcript_page)
    app.router.add_get(prefix + "/raw", transcript_raw)
    app.router.add_get(prefix + "/download", transcript_download)
    app.router.add_get("/g/{guild}/search", search)
