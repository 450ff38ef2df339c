"""discord.py's HTTP client, tuned for bursts: its rate-limit bucket table swept in amortised
constant time, and a gateway socket that gives the event loop a turn after each message.

**Buckets.** discord.py keeps one ``Ratelimit`` per key (the route's bucket hash and its major
parameters: channel, guild, webhook) in ``HTTPClient._buckets``. Once the table holds 256
keys, ``HTTPClient.get_ratelimit`` scans *all* of them for inactive ones (idle 300 s, nothing
pending) each time it creates a key. A burst of openings creates a key per new channel and
route (its welcome message, its thread members, its log lines...) while none is 300 s old,
so every new key pays a full scan that frees nothing: quadratic work on the event loop
(issue 11 measured a fifth of the bot's busy time in it under 1,000 openings). Here the
rule is kept (inactive buckets go, active ones stay, nothing below 256), but the scan runs
only once the table has doubled since the last one: amortised O(1) per new key, and the
table never holds more than twice what the last scan kept (or 256).

**Gateway turns.** discord.py reads the gateway in one loop, and aiohttp hands over a
buffered message without suspending: when a burst of INTERACTION_CREATE arrives together,
every one of them is parsed before the first handler runs, so the first deferral waits for
the parsing of the whole burst (past Discord's 3 s for all of them when the burst is large
or the machine busy). The socket below yields once after each message, so each
interaction's handler sends its deferral in turn, in arrival order, between two parses.

discord.py offers no setting for either: :class:`GuichetHTTPClient` overrides two methods,
pinned by the ``discord.py>=2.7.1,<2.8`` requirement and by tests/discord_app/test_http_client.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import discord
from discord.http import HTTPClient

# discord.py's own threshold: below it, nothing is ever scanned.
SWEEP_FLOOR = 256


class YieldingSocket:
    """A gateway websocket whose ``receive`` lets other tasks run before returning."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket

    async def receive(self, timeout: float | None = None) -> aiohttp.WSMessage:  # noqa: ASYNC109
        message = await self._socket.receive(timeout)
        await asyncio.sleep(0)  # handlers scheduled by the previous message go first
        return message

    def __getattr__(self, name: str) -> Any:
        return getattr(self._socket, name)


class GuichetHTTPClient(HTTPClient):
    """discord.py's HTTP client, its bucket table swept when it doubles and its gateway
    socket yielding between messages."""

    _guichet_sweep_at: int = SWEEP_FLOOR

    def _try_clear_expired_ratelimits(self) -> None:
        if len(self._buckets) < self._guichet_sweep_at:
            return
        for key in [key for key, bucket in self._buckets.items() if bucket.is_inactive()]:
            del self._buckets[key]
        self._guichet_sweep_at = max(SWEEP_FLOOR, 2 * len(self._buckets))

    async def ws_connect(self, url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        socket = await super().ws_connect(url, compress=compress)
        return YieldingSocket(socket)  # type: ignore[return-value]  # same interface


def tune_http(client: discord.Client) -> None:
    """Make ``client``'s HTTP client a :class:`GuichetHTTPClient` (before login).

    Changed in place: the connection state, the webhook adapter and the pacer all hold this
    very object, so replacing it with a new one would leave them on the old."""
    http = client.http
    if not isinstance(http, GuichetHTTPClient):
        http.__class__ = GuichetHTTPClient
