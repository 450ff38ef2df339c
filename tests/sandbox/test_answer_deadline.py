"""The ports' "Discord did not answer" deadline (bot.discord_app.http_errors.within) starts
when a request leaves: waiting for its turn under the rate limits (the bot's global pacer)
is not a failure, however long; Discord not answering in time is one; and an operation's
own deadline (an opening's) bounds the whole, queueing included. A real discord.py client
against the emulator."""

from __future__ import annotations

import asyncio
import time

import discord
import pytest

from bot.discord_app.http_errors import within
from bot.discord_app.pacing import GlobalPacer, pace_client
from bot.domain.port_errors import PortError, PortErrorKind
from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator
from bot.services import urgency

CHANNEL = "/channels/{channel_id}"
DEADLINE = 0.3  # the per-request deadline here; the pacer holds requests far longer


async def paced_client(start_discord_client, rate: int) -> discord.Client:
    client = await start_discord_client(discord.Client(**sandbox_client_options()))
    pace_client(client, GlobalPacer(rate, burst=1))
    return client


async def test_a_request_waiting_its_turn_past_the_deadline_is_no_timeout(
    emulator: Emulator, start_discord_client
) -> None:
    guild = emulator.add_guild("Burst")
    rooms = [emulator.add_channel(guild.id, f"room-{i}") for i in range(4)]
    client = await paced_client(start_discord_client, rate=4)  # the last waits 0.75 s
    began = time.monotonic()

    found = await asyncio.gather(
        *(within(DEADLINE, lambda r=r: client.http.get_channel(r.id)) for r in rooms)
    )

    assert [int(f["id"]) for f in found] == [r.id for r in rooms]
    assert time.monotonic() - began > 2 * DEADLINE  # held by the pacer, not failed


async def test_discord_not_answering_in_time_is_a_timeout(
    emulator: Emulator, start_discord_client
) -> None:
    guild = emulator.add_guild("Slow")
    room = emulator.add_channel(guild.id, "room")
    client = await paced_client(start_discord_client, rate=50)
    emulator.faults.hang("GET", CHANNEL, seconds=5 * DEADLINE)
    began = time.monotonic()

    with pytest.raises(PortError) as failed:
        await within(DEADLINE, lambda: client.http.get_channel(room.id))

    assert failed.value.kind is PortErrorKind.TIMEOUT
    assert time.monotonic() - began < 4 * DEADLINE
    # The next request is answered: the deadline was the hung one's only.
    assert int((await within(DEADLINE, lambda: client.http.get_channel(room.id)))["id"]) == room.id


async def test_an_operations_own_deadline_bounds_its_queueing(
    emulator: Emulator, start_discord_client
) -> None:
    """An opening's whole (``urgency.bounded``) is bounded, the queue included: a request
    still waiting for its turn at the operation's deadline fails, as rate limited since it
    was never sent (nothing to look for in Discord afterwards), and an undo
    (``urgency.extended``) gets time of its own after it."""
    guild = emulator.add_guild("Queue")
    rooms = [emulator.add_channel(guild.id, f"room-{i}") for i in range(3)]
    client = await paced_client(start_discord_client, rate=2)  # a slot every 0.5 s

    async def step(room_id: int) -> str:
        try:
            await within(None, lambda: client.http.get_channel(room_id))
        except PortError as error:
            return error.kind.value
        return "answered"

    mark = emulator.recorder.mark()
    with urgency.serving(), urgency.bounded(0.7):
        outcomes = await asyncio.gather(*(step(r.id) for r in rooms))  # at 0, 0.5 and 1 s
        never_sent = PortErrorKind.RATE_LIMITED.value
        assert outcomes == ["answered", "answered", never_sent]
        assert await step(rooms[0].id) == never_sent  # out of time: queued, then dropped
        with urgency.extended(2.0):
            assert await step(rooms[0].id) == "answered"
    assert len(emulator.recorder.since(mark)) == 3  # the two dropped were never sent
