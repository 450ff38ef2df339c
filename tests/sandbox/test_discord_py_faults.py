"""discord.py against the emulator's faults: a 429 on one route is retried transparently; a
dropped Gateway connection is resumed with the missed events delivered; RECONNECT and a
resumable INVALID_SESSION are resumed, a non-resumable one identified anew; a heartbeat request
is answered; a bad token ends the client with 4004."""

from __future__ import annotations

import asyncio

import discord

from bot.sandbox.actors import Actor
from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel


class Recorder(discord.Client):
    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(**sandbox_client_options(intents=intents))
        self.contents: list[str] = []
        self.resumed_count = 0

    async def on_message(self, message: discord.Message) -> None:
        self.contents.append(message.content)

    async def on_resumed(self) -> None:
        self.resumed_count += 1


async def test_rate_limited_route_is_retried_by_discord_py(
    emulator: Emulator, start_discord_client
) -> None:
    guild = emulator.add_guild("G")
    channel = emulator.add_channel(guild.id, "general")
    client = await start_discord_client(Recorder())
    route = "/channels/{channel_id}/messages"
    emulator.faults.rate_limit("POST", route, retry_after=0.05)
    mark = emulator.recorder.mark()
    sent = await client.get_channel(channel.id).send("after a 429")
    assert sent.content == "after a 429"
    statuses = [r.status for r in emulator.recorder.filter(method="POST", route=route, since=mark)]
    assert statuses == [429, 200]
    assert len(emulator.sent_by_bot(channel.id)) == 1


async def scene(emulator: Emulator) -> tuple[Channel, Actor]:
    """A guild with a channel and a member who talks in it."""
    guild = emulator.add_guild("G")
    channel = emulator.add_channel(guild.id, "general")
    return channel, emulator.actor(emulator.add_member(guild.id, "kim").id)


async def test_gateway_drop_is_resumed_with_missed_events(
    emulator: Emulator, start_discord_client
) -> None:
    channel, member = await scene(emulator)
    client = await start_discord_client(Recorder())
    connections = emulator.gateway.connections

    assert await emulator.drop_gateway() == 1
    await member.say(channel, "while you were away")  # buffered for the session
    await emulator.wait_for(lambda: emulator.gateway.connections > connections, timeout=3)
    await emulator.wait_for(lambda: client.contents, timeout=3)
    assert client.contents == ["while you were away"]
    assert emulator.gateway.resumes == 1
    await asyncio.sleep(0)  # let on_resumed run
    assert client.resumed_count == 1
    await member.say(channel, "live again")
    await emulator.wait_for(lambda: len(client.contents) == 2, timeout=2)
    assert client.contents[-1] == "live again"


class Reidentifier(Recorder):
    """A client that re-identifies at once: discord.py's default hook sleeps 5 s before it, for
    Discord's identify limit, which the tests' emulator does not apply."""

    def __init__(self) -> None:
        super().__init__()
        self.ready_count = 0

    async def on_ready(self) -> None:
        self.ready_count += 1

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


async def test_reconnect_request_is_followed_by_a_resume(
    emulator: Emulator, start_discord_client
) -> None:
    channel, member = await scene(emulator)
    client = await start_discord_client(Recorder())
    assert await emulator.gateway.reconnect() == 1
    await emulator.wait_for(lambda: emulator.gateway.resumes == 1, timeout=3)
    await member.say(channel, "after the reconnect")
    await emulator.wait_for(lambda: client.contents == ["after the reconnect"], timeout=2)
    assert emulator.gateway.identifies == 1  # resumed, not identified again


async def test_invalid_session_makes_discord_py_resume_or_identify(
    emulator: Emulator, start_discord_client
) -> None:
    channel, member = await scene(emulator)
    client = await start_discord_client(Reidentifier())

    assert emulator.gateway.invalidate_sessions(resumable=True) == 1
    await emulator.wait_for(lambda: emulator.gateway.resumes == 1, timeout=3)
    assert emulator.gateway.identifies == 1

    assert emulator.gateway.invalidate_sessions(resumable=False) == 1
    await emulator.wait_for(lambda: emulator.gateway.identifies == 2, timeout=3)
    await emulator.wait_for(lambda: client.ready_count == 2, timeout=3)
    await member.say(channel, "new session")
    await emulator.wait_for(lambda: client.contents == ["new session"], timeout=2)


async def test_discord_py_answers_a_heartbeat_request(
    emulator: Emulator, start_discord_client
) -> None:
    await start_discord_client(Recorder())
    [connection] = emulator.gateway._open
    before = connection.heartbeats
    assert emulator.gateway.request_heartbeat() == 1
    await emulator.wait_for(lambda: connection.heartbeats > before, timeout=2)


async def test_a_bad_token_ends_discord_py_with_4004(emulator: Emulator) -> None:
    from bot.sandbox.discord_client import configure_discord_for, restore_discord_defaults

    client = Recorder()
    configure_discord_for(emulator.url)
    try:
        await client.login(emulator.token)
        emulator.token = "rotated"  # the token changed between login and IDENTIFY
        try:
            await asyncio.wait_for(client.connect(reconnect=True), timeout=5)
        except discord.ConnectionClosed as closed:
            assert closed.code == 4004
        else:
            raise AssertionError("discord.py kept the connection")
    finally:
        await client.close()
        restore_discord_defaults()
    assert emulator.gateway.closes == [4004]


async def test_discord_py_measures_its_heartbeat_latency_from_this_heartbeat(
    emulator: Emulator, start_discord_client
) -> None:
    # discord.py stamps a heartbeat's send time from its keep-alive thread once the loop has
    # sent it; an ACK that arrives before that stamp is measured from the heartbeat before,
    # a whole interval (on Discord's 41.25 s: the warning "Can't keep up ... 41.3s behind"
    # in a quiet sandbox). The emulator's ACK takes a round trip's time, as over a network.
    emulator.gateway.heartbeat_interval_ms = 250
    client = await start_discord_client(discord.Client(**sandbox_client_options()))
    latencies = []
    for _ in range(60):  # about 12 heartbeats
        await asyncio.sleep(0.05)
        latencies.append(client.latency)
    assert emulator.gateway.heartbeat_timeouts == 0
    assert max(latencies) < 0.2, latencies  # the ACK's 0.05 s, not the interval
