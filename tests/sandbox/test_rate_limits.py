"""Discord's rate limits in the emulator: headers on every response, per-route buckets keyed by
their top-level resource, the per-channel message limit, the 2-per-10-minutes name/topic edits,
the global limit (interaction endpoints exempt), Discord's 429 shape, and discord.py honouring
the headers instead of meeting 429s."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import discord
import pytest

from bot.discord_app.pacing import BUDGET_PER_SECOND, GlobalPacer, pace_client
from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.rate_limits import (
    CHANNEL_NAME_TOPIC,
    GLOBAL,
    MESSAGE_CREATE,
    ManualClock,
    RateLimits,
    Scope,
    bucket_hash,
)
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel

from .conftest import Rest

MESSAGES = "/channels/{channel_id}/messages"
HEADERS = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Reset-After",
    "X-RateLimit-Bucket",
)


async def send(
    rest: Rest, method: str, path: str, body: Any = None
) -> tuple[int, Any, aiohttp.typedefs.LooseHeaders]:
    """A raw request (no client between us and the limiter): status, body, headers."""
    headers = {"Authorization": f"Bot {rest.emulator.token}"}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body)
    async with rest.session.request(
        method, rest.emulator.api_url + path, data=data, headers=headers
    ) as response:
        decoded = None if response.status == 204 else await response.json()
        return response.status, decoded, response.headers


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def limited(emulator: Emulator, clock: ManualClock) -> Emulator:
    """The emulator on a clock that moves only when the test says so."""
    emulator.rate_limits.clock = clock
    return emulator


@pytest.fixture
def channels(limited: Emulator) -> list[Channel]:
    guild = limited.add_guild("Limits")
    return [limited.add_channel(guild.id, f"room-{i}") for i in range(3)]


async def test_every_response_carries_the_bucket_headers(
    rest: Rest, channels: list[Channel]
) -> None:
    ok = await send(rest, "GET", f"/channels/{channels[0].id}")
    missing = await send(rest, "GET", "/channels/1")  # Unknown Channel: counted all the same
    posted = await send(rest, "POST", f"/channels/{channels[0].id}/messages", {"content": "x"})
    for status, _, headers in (ok, missing, posted):
        assert all(name in headers for name in HEADERS), status
    assert (ok[2]["X-RateLimit-Limit"], ok[2]["X-RateLimit-Remaining"]) == ("5", "4")
    assert posted[2]["X-RateLimit-Limit"] == str(MESSAGE_CREATE.requests)
    assert posted[2]["X-RateLimit-Reset-After"] == f"{MESSAGE_CREATE.per:.3f}"
    assert posted[2]["X-RateLimit-Bucket"] == bucket_hash("message-create")
    assert len(posted[2]["X-RateLimit-Bucket"]) == 32


async def test_messages_per_channel_then_discords_429(
    rest: Rest, limited: Emulator, clock: ManualClock, channels: list[Channel]
) -> None:
    first, other = channels[0], channels[1]
    path = f"/channels/{first.id}/messages"
    remaining = []
    for i in range(MESSAGE_CREATE.requests):
        status, _, headers = await send(rest, "POST", path, {"content": f"m{i}"})
        assert status == 200
        remaining.append(int(headers["X-RateLimit-Remaining"]))
    assert remaining == [4, 3, 2, 1, 0]

    clock.advance(1.25)
    status, body, headers = await send(rest, "POST", path, {"content": "one too many"})

    assert status == 429
    assert body == {
        "message": "You are being rate limited.",
        "retry_after": 3.75,
        "global": False,
        "code": 0,
    }
    assert headers["X-RateLimit-Scope"] == "user"
    assert headers["Retry-After"] == "4"
    assert headers["X-RateLimit-Remaining"] == "0"
    assert "X-RateLimit-Global" not in headers
    assert len(limited.sent_by_bot(first.id)) == 5  # the refused message was not posted
    # Another channel is another bucket (its id is a top-level resource)...
    assert (await send(rest, "POST", f"/channels/{other.id}/messages", {"content": "x"}))[0] == 200
    # ...and the window reopens when it resets.
    clock.advance(3.75)
    status, _, headers = await send(rest, "POST", path, {"content": "later"})
    assert (status, headers["X-RateLimit-Remaining"]) == (200, "4")
    assert [r.scope for r in limited.rate_limits.refusals] == [Scope.USER]


async def test_name_and_topic_edits_are_two_per_ten_minutes_per_channel(
    rest: Rest, limited: Emulator, clock: ManualClock, channels: list[Channel]
) -> None:
    room, other = channels[0], channels[1]
    path = f"/channels/{room.id}"
    assert (await send(rest, "PATCH", path, {"name": "first"}))[0] == 200
    clock.advance(5)
    assert (await send(rest, "PATCH", path, {"topic": "second"}))[0] == 200
    clock.advance(5)

    status, body, headers = await send(rest, "PATCH", path, {"name": "third"})

    assert status == 429
    assert body["retry_after"] == pytest.approx(CHANNEL_NAME_TOPIC.per - 10)
    assert body["global"] is False
    assert headers["X-RateLimit-Scope"] == "user"
    # As observed on Discord: the route's own 10/15 bucket in the headers, not exhausted.
    assert (headers["X-RateLimit-Limit"], headers["X-RateLimit-Remaining"]) == ("10", "8")
    assert room.name == "first" and room.topic == "second"
    # Other edits of the channel, and renames elsewhere, are not held back.
    assert (await send(rest, "PATCH", path, {"nsfw": True}))[0] == 200
    assert (await send(rest, "PATCH", f"/channels/{other.id}", {"name": "fine"}))[0] == 200

    clock.advance(CHANNEL_NAME_TOPIC.per - 10)
    assert (await send(rest, "PATCH", path, {"name": "third"}))[0] == 200
    assert room.name == "third"


def test_the_global_limit_spares_interaction_endpoints() -> None:
    clock = ManualClock()
    limiter = RateLimits(clock=clock, application_id=42)
    for i in range(GLOBAL.requests):  # one channel each: no route bucket fills
        admitted = limiter.admit(
            "GET", "/channels/{channel_id}", f"/channels/{i}", {"channel_id": str(i)}
        )
        assert admitted.refused is None
    over = limiter.admit("GET", "/channels/{channel_id}", "/channels/99", {"channel_id": "99"})
    assert over.refused is not None and over.refused.status == 429
    body = json.loads(over.refused.body)  # type: ignore[arg-type]
    assert body["global"] is True and 0 < body["retry_after"] <= 1
    assert over.refused.headers["X-RateLimit-Global"] == "true"
    assert over.refused.headers["X-RateLimit-Scope"] == "global"
    # "Interaction endpoints are not bound to the bot's Global Rate Limit."
    callback = "/interactions/{interaction_id}/{interaction_token}/callback"
    params = {"interaction_id": "7", "interaction_token": "t"}
    answered = limiter.admit("POST", callback, "/interactions/7/t/callback", params)
    assert answered.refused is None and answered.headers == {}  # no bucket at all: observed
    followup = "/webhooks/{webhook_id}/{webhook_token}"
    params = {"webhook_id": "42", "webhook_token": "t"}
    assert limiter.admit("POST", followup, "/webhooks/42/t", params).refused is None
    clock.advance(1)
    again = limiter.admit("GET", "/channels/{channel_id}", "/channels/99", {"channel_id": "99"})
    assert again.refused is None


def test_turning_limits_off_needs_a_reason() -> None:
    limiter = RateLimits(clock=ManualClock())
    with pytest.raises(ValueError, match="why"):
        limiter.off(reason=" ")
    limiter.off(reason="this test counts requests, not time")
    for _ in range(MESSAGE_CREATE.requests + 1):
        admitted = limiter.admit("POST", MESSAGES, "/channels/1/messages", {"channel_id": "1"})
        assert admitted.refused is None and "X-RateLimit-Bucket" in admitted.headers


async def test_an_injected_rate_limit_can_be_a_shared_one(
    rest: Rest, limited: Emulator, channels: list[Channel]
) -> None:
    limited.faults.rate_limit("POST", MESSAGES, retry_after=2.5, scope=Scope.SHARED)
    status, body, headers = await send(
        rest, "POST", f"/channels/{channels[0].id}/messages", {"content": "x"}
    )
    assert status == 429
    assert body["message"] == "The resource is being rate limited."
    assert (body["retry_after"], body["global"]) == (2.5, False)
    assert (headers["X-RateLimit-Scope"], headers["Retry-After"]) == ("shared", "3")
    assert limited.rate_limits.refused(Scope.SHARED)


async def test_discord_py_waits_on_an_exhausted_bucket_instead_of_meeting_a_429(
    emulator: Emulator, start_discord_client
) -> None:
    # Windows twice as fast as Discord's: the test waits 2.5 s, not 5 s. Faster windows made it
    # flaky on a loaded machine: five messages could take longer than the window itself.
    emulator.rate_limits.speedup = 2
    guild = emulator.add_guild("Busy")
    room = emulator.add_channel(guild.id, "busy")
    client = await start_discord_client(discord.Client(**sandbox_client_options()))
    channel = client.get_channel(room.id)
    mark = emulator.recorder.mark()

    for i in range(MESSAGE_CREATE.requests * 2):
        await channel.send(f"message {i}")

    statuses = [r.status for r in emulator.recorder.filter(route=MESSAGES, since=mark)]
    assert statuses == [200] * 10
    assert emulator.rate_limits.refusals == []
    # A window was drained (both, unless this machine took over 2.5 s for five messages), and
    # the client waited instead of sending into it: no 429 above.
    waits = emulator.rate_limits.exhaustions
    assert waits and all(0 < w.reset_after <= MESSAGE_CREATE.per for w in waits)


async def test_without_pacing_a_burst_meets_the_global_limit_with_it_none(
    emulator: Emulator, start_discord_client
) -> None:
    """discord.py learns of the global limit only from a 429; Guichet's pacer (every REST
    request of the bot and of `guichet apply`) keeps a burst under it. At Discord's own pace:
    the pacer's margin is for the milliseconds between sending and being counted, which a
    compressed window would magnify (about 2 s)."""
    guild = emulator.add_guild("Burst")
    rooms = [emulator.add_channel(guild.id, f"room-{i}") for i in range(60)]
    client = await start_discord_client(discord.Client(**sandbox_client_options()))

    async def burst() -> list[int]:
        mark = emulator.recorder.mark()
        await asyncio.gather(*(client.http.get_channel(r.id) for r in rooms))
        return [r.status for r in emulator.recorder.since(mark)]

    assert 429 in await burst()  # 60 at once: past 50 per second
    emulator.rate_limits.reset()
    pacer = pace_client(client)

    statuses = await burst()

    assert statuses == [200] * len(rooms)
    assert pacer.waited > 0


def test_each_process_paces_its_share_of_the_bots_budget() -> None:
    assert GlobalPacer.for_shards(1, None).rate == BUDGET_PER_SECOND
    assert GlobalPacer.for_shards(2, 2).rate == BUDGET_PER_SECOND
    half = GlobalPacer.for_shards(1, 2)
    assert (half.rate, half.burst) == (BUDGET_PER_SECOND // 2, 2)
    assert GlobalPacer.for_shards(1, 100).rate == 1


async def test_the_pacer_lets_a_burst_through_then_spaces_requests_in_order() -> None:
    pacer = GlobalPacer(100, burst=3, clock=lambda: 5.0)  # frozen: each waits its whole turn
    order: list[int] = []

    async def request(index: int) -> None:
        await pacer.wait()
        order.append(index)

    await asyncio.gather(*(request(i) for i in range(5)))

    assert order == [0, 1, 2, 3, 4]
    assert pacer.waited == pytest.approx(0.01 + 0.02)  # the 4th and 5th, after a burst of 3
