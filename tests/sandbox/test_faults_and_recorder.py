"""Faults on demand and the request recorder, seen from a raw client."""

from __future__ import annotations

import asyncio

import pytest

from bot.sandbox.server import Emulator

from .conftest import Rest

ROUTE = "/channels/{channel_id}/messages"


@pytest.fixture
def lobby(emulator: Emulator):
    return emulator.add_channel(emulator.add_guild("F").id, "lobby")


async def test_server_errors_hit_only_the_next_matching_requests(
    emulator: Emulator, rest: Rest, lobby
) -> None:
    emulator.faults.fail("POST", ROUTE, status=503, times=2)
    path = f"/channels/{lobby.id}/messages"
    assert (await rest.call("GET", path))[0] == 200  # other method: untouched
    assert [(await rest.call("POST", path, {"content": "x"}))[0] for _ in range(3)] == [
        503,
        503,
        200,
    ]
    assert emulator.faults.pending() == []


async def test_rate_limit_carries_discord_headers(emulator: Emulator, rest: Rest, lobby) -> None:
    emulator.faults.rate_limit("POST", ROUTE, retry_after=1.5, is_global=True)
    url = emulator.api_url + f"/channels/{lobby.id}/messages"
    headers = {"Authorization": f"Bot {emulator.token}", "Content-Type": "application/json"}
    async with rest.session.post(url, data='{"content": "x"}', headers=headers) as response:
        assert response.status == 429
        assert response.headers["Retry-After"] == "2"
        assert response.headers["X-RateLimit-Global"] == "true"
        assert response.headers["X-RateLimit-Remaining"] == "0"
        body = await response.json()
    assert body["retry_after"] == 1.5 and body["global"] is True


async def test_hang_delays_the_answer(emulator: Emulator, rest: Rest, lobby) -> None:
    emulator.faults.hang("GET", ROUTE, seconds=0.3)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(rest.call("GET", f"/channels/{lobby.id}/messages"), timeout=0.1)


async def test_recorder_counts_reads_and_writes_per_route(
    emulator: Emulator, rest: Rest, lobby
) -> None:
    mark = emulator.recorder.mark()
    path = f"/channels/{lobby.id}/messages"
    await rest.call("POST", path, {"content": "a"})
    await rest.call("POST", path, {"content": "b"})
    await rest.call("GET", path)
    assert emulator.recorder.writes(ROUTE, since=mark) == 2
    assert emulator.recorder.reads(ROUTE, since=mark) == 1
    assert emulator.recorder.by_route(since=mark) == {f"POST {ROUTE}": 2, f"GET {ROUTE}": 1}
    [first, *_] = emulator.recorder.since(mark)
    assert first.body == {"content": "a"} and first.path == path and first.status == 200
    emulator.recorder.reset()
    assert emulator.recorder.count() == 0


async def test_closed_dms_refuse_bot_messages(emulator: Emulator, rest: Rest) -> None:
    guild = emulator.add_guild("D")
    member = emulator.add_member(guild.id, "private-person")
    _, dm = await rest.call("POST", "/users/@me/channels", {"recipient_id": str(member.id)})
    assert (await rest.call("POST", f"/channels/{dm['id']}/messages", {"content": "hi"}))[0] == 200
    emulator.close_dms(member.id)
    status, body = await rest.call("POST", f"/channels/{dm['id']}/messages", {"content": "hi"})
    assert (status, body["code"]) == (403, 50007)


async def test_delayed_interaction_delivery_eats_into_the_deadline(
    emulator: Emulator, rest: Rest, lobby
) -> None:
    guild_id = lobby.guild_id
    await rest.call(
        "PUT",
        f"/applications/{emulator.state.application_id}/commands",
        [{"name": "ping", "description": "Ping"}],
    )
    emulator.interaction_deadline = 0.2
    emulator.faults.delay_interactions(0.25)
    actor = emulator.actor(emulator.add_member(guild_id, "late").id)
    exchange = await actor.slash("ping", channel=lobby)
    await emulator.wait_for(lambda: exchange.interaction.delivered_monotonic, timeout=1)
    i = exchange.interaction
    status, body = await rest.call(
        "POST", f"/interactions/{i.id}/{i.token}/callback", {"type": 5}, auth=False
    )
    assert (status, body["code"]) == (404, 10062)
