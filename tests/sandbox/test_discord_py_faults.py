"""discord.py against the emulator's faults: a 429 on one route is retried transparently, and a
dropped Gateway connection is resumed with the missed events delivered."""

from __future__ import annotations

import asyncio

import discord

from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator


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


async def test_gateway_drop_is_resumed_with_missed_events(
    emulator: Emulator, start_discord_client
) -> None:
    guild = emulator.add_guild("G")
    channel = emulator.add_channel(guild.id, "general")
    member = emulator.actor(emulator.add_member(guild.id, "kim").id)
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
