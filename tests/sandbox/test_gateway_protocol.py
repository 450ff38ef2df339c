"""The Gateway as documented (developer docs, "Gateway", "Opcodes and Status Codes"), over a raw
websocket: transport compression, text and binary frames, heartbeats both ways, RECONNECT and
INVALID_SESSION as faults, every close code a client can cause, sharding and /gateway/bot."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from bot.sandbox.gateway import Intents
from bot.sandbox.gateway_protocol import ZSTD
from bot.sandbox.server import Emulator

from .conftest import Rest
from .gateway_client import DEFAULT, Connection, connect, identify, identify_payload


@pytest.fixture
async def session():
    async with aiohttp.ClientSession() as s:
        yield s


async def resume(conn: Connection, emulator: Emulator, session_id: str, seq: int) -> None:
    await conn.send(6, {"token": emulator.token, "session_id": session_id, "seq": seq})


# -- transport ---------------------------------------------------------------------------------


async def test_plain_json_text_frames_unless_compression_is_asked(
    emulator: Emulator, session
) -> None:
    emulator.add_guild("G")
    plain, ready = await identify(session, emulator, compress=False)
    assert ready["t"] == "READY"
    await plain.until("GUILD_CREATE")
    assert set(plain.frame_types) == {aiohttp.WSMsgType.TEXT}

    zipped, _ = await identify(session, emulator, compress=True)
    await zipped.until("GUILD_CREATE")
    # HELLO, READY, GUILD_CREATE: binary frames of one zlib stream, each ending in Z_SYNC_FLUSH
    # (the client helper inflates them with a single shared context).
    assert zipped.frame_types == [aiohttp.WSMsgType.BINARY] * 3


async def test_a_binary_identify_and_heartbeat_are_understood(emulator: Emulator, session) -> None:
    conn = await connect(session, emulator)
    await conn.send(2, identify_payload(emulator), binary=True)
    assert (await conn.until("READY"))["d"]["session_id"]
    await conn.send(1, 1, binary=True)
    assert (await conn.receive())["op"] == 11


async def test_zstd_stream_when_asked(emulator: Emulator, session) -> None:
    """Each binary frame is a flushed block of one zstd stream (compression.zstd, or
    backports.zstd before Python 3.14: a test dependency)."""
    zstd = ZSTD
    assert zstd is not None
    ws = await session.ws_connect(f"{emulator.gateway_url}?v=10&encoding=json&compress=zstd-stream")
    inflate = zstd.ZstdDecompressor()

    async def receive() -> dict:
        msg = await ws.receive(timeout=2)
        assert msg.type == aiohttp.WSMsgType.BINARY
        return json.loads(inflate.decompress(msg.data))

    assert (await receive())["op"] == 10
    await ws.send_str(json.dumps({"op": 2, "d": identify_payload(emulator)}))
    assert (await receive())["t"] == "READY"
    await ws.send_str(json.dumps({"op": 1, "d": None}))
    assert (await receive())["op"] == 11


async def test_unsupported_encoding_or_compression_is_refused(emulator: Emulator, session) -> None:
    for query in ("v=10&encoding=etf", "v=10&encoding=json&compress=brotli"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{emulator.gateway_url}?{query}")
        assert refused.value.status == 400


# -- heartbeats ----------------------------------------------------------------------------------


async def test_a_silent_client_is_closed_with_4009_and_its_session_ends(
    emulator: Emulator, session
) -> None:
    emulator.gateway.heartbeat_interval_ms = 200
    loop = asyncio.get_running_loop()
    started = loop.time()
    conn, ready = await identify(session, emulator)
    assert await conn.closed(timeout=5) == 4009
    # After the interval and its tolerance (a quarter of it) from HELLO, not before.
    assert loop.time() - started >= 0.25
    assert emulator.gateway.heartbeat_timeouts == 1

    again = await connect(session, emulator)
    await resume(again, emulator, ready["d"]["session_id"], ready["s"])
    frame = await again.receive()
    assert (frame["op"], frame["d"]) == (9, False)  # "start a new one"


async def test_a_heartbeating_client_stays(emulator: Emulator, session) -> None:
    emulator.gateway.heartbeat_interval_ms = 500
    conn, _ = await identify(session, emulator)
    for _ in range(4):  # 0.8 s: past one timeout (0.625 s)
        await asyncio.sleep(0.2)
        await conn.send(1, None)
    frames = [await conn.receive() for _ in range(4)]
    assert [f["op"] for f in frames] == [11] * 4
    assert emulator.gateway.heartbeat_timeouts == 0


async def test_the_server_may_ask_for_a_heartbeat(emulator: Emulator, session) -> None:
    conn, ready = await identify(session, emulator)
    assert emulator.gateway.request_heartbeat() == 1
    asked = await conn.receive()
    assert (asked["op"], asked["d"]) == (1, ready["s"])
    await conn.send(1, asked["d"])
    assert (await conn.receive())["op"] == 11


# -- faults: RECONNECT, INVALID_SESSION ----------------------------------------------------------


async def test_reconnect_then_resume_gets_the_missed_events(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    emulator.gateway.reconnect_grace = 0.05
    conn, ready = await identify(session, emulator)
    create = await conn.until("GUILD_CREATE")
    assert await emulator.gateway.reconnect() == 1
    assert (await conn.receive())["op"] == 7
    # A client that does not leave is closed a moment later (4000: it may resume).
    assert await conn.closed() == 4000
    emulator.add_channel(guild.id, "while-away")

    again = await connect(session, emulator)
    await resume(again, emulator, ready["d"]["session_id"], create["s"])
    assert (await again.until("CHANNEL_CREATE"))["d"]["name"] == "while-away"
    await again.until("RESUMED")


@pytest.mark.parametrize("resumable", [True, False])
async def test_invalid_session_resumable_or_not(
    emulator: Emulator, session, resumable: bool
) -> None:
    conn, ready = await identify(session, emulator)
    assert emulator.gateway.invalidate_sessions(resumable=resumable) == 1
    frame = await conn.receive()
    assert (frame["op"], frame["d"]) == (9, resumable)
    await conn.ws.close(code=4000)

    again = await connect(session, emulator)
    await resume(again, emulator, ready["d"]["session_id"], ready["s"])
    if resumable:
        assert (await again.until("RESUMED"))["op"] == 0
    else:
        frame = await again.receive()
        assert (frame["op"], frame["d"]) == (9, False)
        await again.send(2, identify_payload(emulator))
        assert (await again.until("READY"))["d"]["session_id"] != ready["d"]["session_id"]


async def test_closing_with_1000_ends_the_session(emulator: Emulator, session) -> None:
    conn, ready = await identify(session, emulator)
    await conn.ws.close(code=1000)
    await emulator.wait_for(lambda: not emulator.gateway.sessions)
    again = await connect(session, emulator)
    await resume(again, emulator, ready["d"]["session_id"], ready["s"])
    assert (await again.receive())["d"] is False


# -- close codes ---------------------------------------------------------------------------------


async def closed_after(emulator: Emulator, session, *sends: tuple[int, object]) -> int | None:
    conn = await connect(session, emulator)
    for op, d in sends:
        await conn.send(op, d)
    return await conn.closed()


async def test_close_codes_for_what_a_client_sends(emulator: Emulator, session) -> None:
    good = identify_payload(emulator)
    assert await closed_after(emulator, session, (2, {**good, "token": "nope"})) == 4004
    assert await closed_after(emulator, session, (2, {**good, "intents": 1 << 30})) == 4013
    assert await closed_after(emulator, session, (2, {**good, "intents": "513"})) == 4013
    assert await closed_after(emulator, session, (2, good), (2, good)) == 4005
    assert await closed_after(emulator, session, (5, {})) == 4001  # no such opcode
    assert await closed_after(emulator, session, (2, "not an object")) == 4001
    assert await closed_after(emulator, session, (8, {"guild_id": "1"})) == 4003
    conn = await connect(session, emulator)
    await conn.ws.send_str("{not json")
    assert await conn.closed() == 4002
    assert emulator.gateway.closes == [4004, 4013, 4013, 4005, 4001, 4001, 4003, 4002]


async def test_an_unknown_api_version_is_4012(emulator: Emulator, session) -> None:
    ws = await session.ws_connect(f"{emulator.gateway_url}?v=3&encoding=json")
    msg = await ws.receive(timeout=2)
    assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 4012


async def test_a_resume_beyond_the_last_sequence_is_4007(emulator: Emulator, session) -> None:
    conn, ready = await identify(session, emulator)
    await conn.ws.close(code=4000)
    again = await connect(session, emulator)
    await resume(again, emulator, ready["d"]["session_id"], ready["s"] + 10)
    assert await again.closed() == 4007


async def test_more_than_the_payload_limit_is_4008(emulator: Emulator, session) -> None:
    emulator.gateway.payload_limit = (3, 60.0)
    conn, _ = await identify(session, emulator)
    for _ in range(3):
        await conn.send(1, None)
    assert await conn.closed() == 4008


async def test_identifies_beyond_max_concurrency_get_invalid_session(
    emulator: Emulator, session
) -> None:
    emulator.gateway.identify_window = 5.0  # Discord's
    await identify(session, emulator)
    refused = await connect(session, emulator)
    await refused.send(2, identify_payload(emulator))
    frame = await refused.receive()
    assert (frame["op"], frame["d"]) == (9, False)
    assert emulator.gateway.identify_refusals == 1

    # With max_concurrency 2, shards 0 and 1 (keys 0 and 1) start together; shard 2 (key 0)
    # must wait for the next window.
    emulator.gateway.max_concurrency = 2
    emulator.gateway._identified.clear()  # a new window, without waiting 5 s
    await identify(session, emulator, shard=[0, 3])
    await identify(session, emulator, shard=[1, 3])
    third = await connect(session, emulator)
    await third.send(2, identify_payload(emulator, shard=[2, 3]))
    assert (await third.receive())["op"] == 9


# -- sharding ------------------------------------------------------------------------------------


def sharded_guilds(emulator: Emulator) -> tuple[int, int, int]:
    """Three guilds: two on shard 0 of 2, one on shard 1 (shard = (id >> 22) % 2)."""
    ids = (10 << 22, 11 << 22, 12 << 22)
    for n, guild_id in enumerate(ids):
        emulator.add_guild(f"G{n}", guild_id=guild_id)
    return ids


async def test_each_shard_gets_its_guilds_and_their_events_dms_go_to_shard_0(
    emulator: Emulator, session, rest: Rest
) -> None:
    even, odd, even_too = sharded_guilds(emulator)
    intents = DEFAULT | Intents.DIRECT_MESSAGES
    zero, ready0 = await identify(session, emulator, intents, shard=[0, 2])
    one, ready1 = await identify(session, emulator, intents, shard=[1, 2])
    assert ready0["d"]["shard"] == [0, 2] and ready1["d"]["shard"] == [1, 2]
    assert [g["id"] for g in ready0["d"]["guilds"]] == [str(even), str(even_too)]
    assert [g["id"] for g in ready1["d"]["guilds"]] == [str(odd)]
    creates0 = [await zero.until("GUILD_CREATE") for _ in range(2)]
    assert [c["d"]["id"] for c in creates0] == [str(even), str(even_too)]
    assert (await one.until("GUILD_CREATE"))["d"]["id"] == str(odd)

    emulator.add_channel(odd, "odd-only")
    emulator.add_channel(even, "even-only")
    seen_by_one = await one.frames_until("CHANNEL_CREATE")
    assert seen_by_one[-1]["d"]["name"] == "odd-only"
    seen_by_zero = await zero.frames_until("CHANNEL_CREATE")
    assert [f["d"]["name"] for f in seen_by_zero if f.get("t") == "CHANNEL_CREATE"] == ["even-only"]

    user = emulator.add_user("pen-pal")
    _, dm = await rest.call("POST", "/users/@me/channels", {"recipient_id": str(user.id)})
    await rest.call("POST", f"/channels/{dm['id']}/messages", {"content": "hello"})
    assert (await zero.until("MESSAGE_CREATE"))["d"]["channel_id"] == dm["id"]
    emulator.add_channel(odd, "marker")
    later = await one.frames_until("CHANNEL_CREATE")
    assert [f.get("t") for f in later] == ["CHANNEL_CREATE"]  # no DM on shard 1


async def test_an_unsharded_ready_has_no_shard_and_gets_every_guild(
    emulator: Emulator, session
) -> None:
    sharded_guilds(emulator)
    _, ready = await identify(session, emulator)
    assert "shard" not in ready["d"] and len(ready["d"]["guilds"]) == 3


async def test_invalid_shards_and_sharding_required(emulator: Emulator, session) -> None:
    sharded_guilds(emulator)
    good = identify_payload(emulator)
    for shard in ([2, 2], [-1, 2], [0, 0], [0], "0,1"):
        assert await closed_after(emulator, session, (2, {**good, "shard": shard})) == 4010
    emulator.gateway.max_guilds_per_shard = 2
    assert await closed_after(emulator, session, (2, good)) == 4011
    _, ready = await identify(session, emulator, shard=[1, 2])  # one guild: allowed
    assert len(ready["d"]["guilds"]) == 1


async def test_gateway_bot_recommends_shards_and_counts_session_starts(
    emulator: Emulator, session, rest: Rest
) -> None:
    sharded_guilds(emulator)
    _, info = await rest.call("GET", "/gateway/bot")
    assert info["url"] == emulator.gateway_url and info["shards"] == 1
    assert info["session_start_limit"] == {
        "total": 1000,
        "remaining": 1000,
        "reset_after": 0,
        "max_concurrency": 1,
    }
    emulator.gateway.guilds_per_recommended_shard = 2
    await identify(session, emulator)
    await identify(session, emulator, shard=[0, 2])
    _, info = await rest.call("GET", "/gateway/bot")
    limit = info["session_start_limit"]
    assert info["shards"] == 2 and limit["remaining"] == 998
    assert 0 < limit["reset_after"] <= 86_400_000


async def test_beyond_the_session_start_limit_the_token_is_reset(
    emulator: Emulator, session
) -> None:
    emulator.gateway.session_start_total = 1
    first, _ = await identify(session, emulator)
    old_token = emulator.token
    assert await closed_after(emulator, session, (2, identify_payload(emulator))) == 4004
    assert await first.closed() == 4004  # "all active sessions ... will be terminated"
    assert emulator.token != old_token
    headers = {"Authorization": f"Bot {old_token}"}
    async with session.get(f"{emulator.api_url}/users/@me", headers=headers) as response:
        assert response.status == 401
