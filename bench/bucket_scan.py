"""What discord.py's rate-limit bucket table costs the bot in a burst of openings, with
discord.py's own ``HTTPClient`` and with the bot's (bot.discord_app.http_client).

Each opening makes new bucket keys (a key is a route and its channel, guild or webhook):
its channel's or thread's welcome message, a thread's member, and per server its channel
and thread creations. The keys of ``--openings`` openings over ``--servers`` servers (half
channel tickets, half threads, as bench/burst_bench.py) are created through
``HTTPClient.get_ratelimit``, as ``HTTPClient.request`` does before each request; none is
300 s old, so no sweep can free any. Printed: the time spent and how many buckets were
looked at, best of 3 (the figure is the algorithm's, not the machine's load).

    .venv/bin/python bench/bucket_scan.py [--openings 1000] [--servers 100]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import discord
from benchlib import load_line, print_command
from discord.http import Ratelimit

from bot.discord_app.http_client import tune_http


def keys(openings: int, servers: int) -> list[str]:
    """The bucket keys a burst creates, in order (route key and major parameters)."""
    made = []
    for index in range(openings):
        guild, channel = 10_000 + index % servers, 1_000_000 + index
        if index % 2 == 0:  # a channel ticket: created in the guild, then its welcome
            made.append(f"POST /guilds/{{guild_id}}/channels:{guild}")
        else:  # a thread: created under the system's channel, the opener added, welcome
            made.append(f"POST /channels/{{channel_id}}/threads:{20_000 + index % servers}")
            made.append(f"PUT /channels/{{channel_id}}/thread-members/{{user_id}}:{channel}")
        made.append(f"POST /channels/{{channel_id}}/messages:{channel}")
    return made


async def run(tuned: bool, made: list[str], *, count: bool) -> tuple[float, int, int]:
    """(seconds, buckets looked at when ``count``, buckets kept)."""
    client = discord.Client(intents=discord.Intents.none())
    if tuned:
        tune_http(client)
    looked = [0]
    original = Ratelimit.is_inactive

    def counted(self: Ratelimit) -> bool:
        looked[0] += 1
        return original(self)

    if count:  # a separate pass: the counting wrapper would inflate the time
        Ratelimit.is_inactive = counted  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        for key in made:
            client.http.get_ratelimit(key)
        elapsed = time.perf_counter() - started
    finally:
        Ratelimit.is_inactive = original  # type: ignore[method-assign]
    buckets = len(client.http._buckets)
    await client.close()
    return elapsed, looked[0], buckets


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openings", type=int, default=1000)
    parser.add_argument("--servers", type=int, default=100)
    args = parser.parse_args()
    print_command()
    print(f"at the start: {load_line()}")
    made = keys(args.openings, args.servers)
    distinct = len(set(made))
    print(f"{args.openings} openings over {args.servers} servers: {distinct} bucket keys")
    for label, tuned in (("discord.py's HTTPClient", False), ("the bot's HTTPClient", True)):
        elapsed, _, buckets = min([await run(tuned, made, count=False) for _ in range(3)])
        _, looked, _ = await run(tuned, made, count=True)
        print(
            f"{label:24s} {elapsed * 1000:8.1f} ms, {looked:9d} buckets looked at "
            f"({elapsed / args.openings * 1e6:6.1f} µs an opening), {buckets} kept"
        )
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    asyncio.run(main())
