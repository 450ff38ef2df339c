"""Requests per second the local Discord emulator sustains on this machine.

Message create + get pairs through aiohttp on loopback, with a few concurrent workers, bounded by
a request count and a duration. OpenAPI validation of requests and responses is on (as in tests)
unless --no-validate; Discord's rate limits are off (they would cap this at 5 messages per 5 s).

    .venv/bin/python bench/emulator_rps.py [--requests 4000] [--seconds 10] [--workers 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

import aiohttp
from benchlib import load_line, print_command

from bot.sandbox.recorder import SUITE
from bot.sandbox.server import Emulator, load_validator


async def worker(
    session: aiohttp.ClientSession,
    emulator: Emulator,
    channel_id: int,
    budget: list[int],
    deadline: float,
) -> int:
    headers = {"Authorization": f"Bot {emulator.token}", "Content-Type": "application/json"}
    url = f"{emulator.api_url}/channels/{channel_id}/messages"
    done = 0
    while budget[0] > 0 and time.monotonic() < deadline:
        budget[0] -= 2
        async with session.post(url, data=json.dumps({"content": "bench"}), headers=headers) as r:
            message = await r.json()
        async with session.get(f"{url}/{message['id']}", headers=headers) as r:
            await r.read()
        done += 2
    return done


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args()
    print_command()
    print(f"at the start: {load_line()}")

    emulator = Emulator(validator=None if args.no_validate else load_validator())
    emulator.rate_limits.off(reason="measures the emulator's own throughput, not Discord's caps")
    await emulator.start()
    guild = emulator.add_guild("Bench")
    channel = emulator.add_channel(guild.id, "bench")
    budget = [args.requests]
    try:
        async with aiohttp.ClientSession() as session:
            started = time.monotonic()
            deadline = started + args.seconds
            counts = await asyncio.gather(
                *(
                    worker(session, emulator, channel.id, budget, deadline)
                    for _ in range(args.workers)
                )
            )
            elapsed = time.monotonic() - started
    finally:
        await emulator.stop()
    total = sum(counts)
    validation = "off" if emulator.validator is None else "on"
    print(
        f"{total} requests in {elapsed:.2f}s: {total / elapsed:.0f} req/s "
        f"({args.workers} workers, create+get, OpenAPI validation {validation})"
    )
    print(f"recorded {emulator.recorder.count()} requests; violations: {len(emulator.violations)}")
    validated = emulator.recorder.validated
    print(
        f"validated {validated['request']} request and {validated['response']} response bodies "
        f"in {SUITE.seconds:.2f}s ({SUITE.seconds / elapsed:.0%} of the run)"
    )


if __name__ == "__main__":
    asyncio.run(main())
