"""The bot's HTTP client sweeps discord.py's rate-limit bucket table when it doubles, not at
every new key (bot.discord_app.rate_buckets): a burst of new channels stays linear."""

from __future__ import annotations

import asyncio

import discord
import pytest
from discord.http import HTTPClient, Ratelimit

from bot.discord_app.pacing import pace_client
from bot.discord_app.rate_buckets import SWEEP_FLOOR, SweptHTTPClient, sweep_buckets_amortised


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
    sweep_buckets_amortised(client)
    await _fill(client.http, 1200)
    # Scans at 256, 512 and 1,024 keys: 1,792 looks, every bucket kept (all are active).
    assert calls[0] == SWEEP_FLOOR + 512 + 1024
    assert len(client.http._buckets) == 1200
    await client.close()


async def test_inactive_buckets_still_go(monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client()
    sweep_buckets_amortised(client)
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
    assert isinstance(client.http, SweptHTTPClient)
    sweep_buckets_amortised(client)  # twice: no harm
    assert type(client.http) is SweptHTTPClient
    await client.close()
