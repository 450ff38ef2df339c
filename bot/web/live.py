"""Live updates over server-sent events: a page subscribes to ``/events`` and refreshes what
changed when told to.

:class:`ChangeFeed` is a version number that goes up whenever the data behind the page changes
(``bump()`` is cheap and synchronous, so any code may call it); :func:`stream_changes` sends one
``change`` event per burst of changes (bursts are coalesced: a bot answering with five requests
causes one refresh, not five) and a comment every ``keepalive`` seconds so proxies and browsers
keep the stream open. ``close()`` ends every stream, so a server stops without waiting for its
viewers to leave.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import web


class ChangeFeed:
    def __init__(self) -> None:
        self.version = 0
        self.closed = False
        self._changed = asyncio.Event()

    def bump(self) -> None:
        self.version += 1
        self._changed.set()

    def close(self) -> None:
        self.closed = True
        self._changed.set()

    async def wait_past(self, version: int, *, timeout: float) -> bool:  # noqa: ASYNC109
        """Until the version is past ``version`` (True), ``timeout`` elapses or the feed closes
        (False)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.version <= version and not self.closed:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return self.version > version and not self.closed


async def stream_changes(
    request: web.Request,
    feed: ChangeFeed,
    *,
    coalesce: float = 0.03,
    keepalive: float = 15.0,
) -> web.StreamResponse:
    """Serve ``feed`` as ``text/event-stream`` until the viewer leaves or the feed closes."""
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    seen = feed.version
    try:
        await response.write(f"retry: 1000\nevent: hello\ndata: {seen}\n\n".encode())
        while not feed.closed:
            if await feed.wait_past(seen, timeout=keepalive):
                await asyncio.sleep(coalesce)
                seen = feed.version
                await response.write(f"event: change\ndata: {seen}\n\n".encode())
            elif not feed.closed:
                await response.write(b": keepalive\n\n")
    except ConnectionResetError:
        pass  # the viewer left
    return response
