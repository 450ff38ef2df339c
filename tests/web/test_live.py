"""Server-sent change events: one event per burst of changes, keep-alives, and streams that
end when the feed closes (so a server stops without waiting for its viewers)."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web import ChangeFeed, stream_changes


async def test_changes_reach_the_stream_coalesced_and_close_ends_it() -> None:
    feed = ChangeFeed()

    async def events(request: web.Request) -> web.StreamResponse:
        return await stream_changes(request, feed, coalesce=0.05, keepalive=0.2)

    app = web.Application()
    app.router.add_get("/events", events)
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/events")
        assert response.headers["Content-Type"] == "text/event-stream"
        assert (
            await response.content.readuntil(b"\n\n") == b"retry: 1000\nevent: hello\ndata: 0\n\n"
        )
        for _ in range(5):
            feed.bump()  # a burst: one event
        assert await response.content.readuntil(b"\n\n") == b"event: change\ndata: 5\n\n"
        assert await response.content.readuntil(b"\n\n") == b": keepalive\n\n"
        feed.close()
        rest = await asyncio.wait_for(response.content.read(), 2)
        assert b"change" not in rest


async def test_wait_past_returns_at_once_for_a_change_already_made() -> None:
    feed = ChangeFeed()
    feed.bump()
    assert await feed.wait_past(0, timeout=0.01)
    assert not await feed.wait_past(1, timeout=0.01)
