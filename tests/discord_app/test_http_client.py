"""The bot's HTTP client (bot.discord_app.http_client): discord.py's rate-limit bucket table
swept when it doubles, not at every new key (a burst of new channels stays linear), and a
gateway socket that lets handlers run between two buffered messages."""

from __future__ import annotations

import asyncio

import discord
import pytest
from discord.http import HTTPClient, Ratelimit

from bot.discord_app.http_client import (
    SWEEP_FLOOR,
    GuichetHTTPClient,
    YieldingSocket,
    tune_http,
)
from bot.discord_app.pacing import pace_client


def _client() -> discord.Client:
    return discord.Client(intents=discord.Intents.none())


def _count_scans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = Ratelimit.is_inactive

    def counted(self: Ratelimit) -> bool:
        calls[0] += 1
        return original(self)

    monkeypatch.setattr(Ratelimit, "is_inactive", counted)
    return calls


async def _fill(http: HTTPClient, count: int) -> None:
    for index in range(count):
        http.get_ratelimit(f"POST /channels/{{channel_id}}/messages:{index}")


async def test_discord_py_alone_scans_every_bucket_at_every_new_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the fix is for (and the proof the counting works): 1,200 new keys, all active."""
    calls = _count_scans(monkeypatch)
    client = _client()
    await _fill(client.http, 1200)
    assert calls[0] > 600_000
    await client.close()


async def test_the_swept_client_scans_when_the_table_doubles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_scans(monkeypatch)
    client = _client()
    tune_http(client)
    await _fill(client.http, 1200)
    # Scans at 256, 512 and 1,024 keys: 1,792 looks, every bucket kept (all are active).
    assert calls[0] == SWEEP_FLOOR + 512 + 1024
    assert len(client.http._buckets) == 1200
    await client.close()


async def test_inactive_buckets_still_go(monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client()
    tune_http(client)
    http = client.http
    await _fill(http, SWEEP_FLOOR - 1)
    idle = asyncio.get_running_loop().time() - 301  # discord.py's 300 s of inactivity
    for bucket in list(http._buckets.values())[:100]:
        bucket._last_request = idle
    http.get_ratelimit("GET /guilds/{guild_id}:1")  # the 256th key: a sweep
    assert len(http._buckets) == SWEEP_FLOOR - 100
    await client.close()


async def test_every_paced_client_is_swept() -> None:
    client = _client()
    pace_client(client)
    assert isinstance(client.http, GuichetHTTPClient)
    tune_http(client)  # twice: no harm
    assert type(client.http) is GuichetHTTPClient
    await client.close()


class _Buffered:
    """A socket with messages already buffered: ``receive`` returns without suspending."""

    closed = False

    async def receive(self, timeout: float | None = None) -> str:  # noqa: ASYNC109
        return "message"


async def test_the_gateway_socket_lets_scheduled_handlers_run_between_messages() -> None:
    ran: list[str] = []

    async def handler() -> None:
        ran.append("handler")

    plain = _Buffered()
    task = asyncio.create_task(handler())
    await plain.receive()
    assert ran == []  # what discord.py's read loop meets in a burst
    socket = YieldingSocket(plain)  # type: ignore[arg-type]
    assert await socket.receive() == "message"
    assert ran == ["handler"]
    assert socket.closed is False  # the rest is the socket's own
    await task
