"""Concurrent ticket openings and closes against the real bot in this process: how fast
members are answered when they click together, and every Discord request it costs.

Copies servers/example.yaml into 20 servers (own ids, automatic approval, no cooldown),
seeds the local emulator (Discord's rate limits on, at Discord's pace; every request and
response checked against Discord's OpenAPI description), runs the real bot once, and has
200 members (10 per server, servers interleaved, French and English) click a panel **at
the same moment**: half the select panel (a channel ticket), half the button panel (a
private thread). Then every ticket is closed at the same moment, with ``/ticket close
reason:`` and a click on Confirm in the prompt it answers with: thread tickets by their
opener (keep mode, no transcript), channel tickets alternately by their opener (keep mode,
with transcript) and by the server's owner (``delete-if-admin``: deleted, with transcript).

Printed per phase: from the click to the first answer (the deferral Discord wants within
3 s) and to the final reply, p50 / p99; every request the emulator served until the bot is
quiet (REST calls, log lines included, and interaction calls: callbacks, follow-ups,
edits), their routes, the 429s and bucket waits met, and what real Discord's limits would
impose. Requests of one operation alone are in bench/requests_per_operation.py; 1,000
clicks over 100 servers, as ``guichet run`` processes on SQLite and PostgreSQL, in
bench/burst_bench.py.

    .venv/bin/python bench/tickets_bench.py [--servers 20] [--per-server 10]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import (
    BenchBot,
    Opening,
    Requests,
    example_servers,
    fire,
    latency_lines,
    load_line,
    members_for,
    on_real_discord,
    percentile,
    print_command,
    start_bench_bot,
)


def confirm_id(prompt: Any) -> str:
    return next(
        c["custom_id"]
        for r in prompt.components
        for c in r.get("components", [])
        if c["custom_id"].startswith("guichet:close-confirm:")
    )


async def close(run: BenchBot, opening: Opening, owner: Any, by_staff: bool) -> float:
    """``/ticket close reason:`` then Confirm; seconds until the outcome shows."""
    emulator, channel = run.emulator, opening.channel
    closer = owner if by_staff else opening.actor
    started = time.perf_counter()
    asked = await closer.slash("ticket", "close", options={"reason": "bench"}, channel=channel)
    prompt = await asked.reply(timeout=60)
    exchange = await closer.click(prompt, confirm_id(prompt))
    await exchange.response(timeout=60)
    if by_staff:  # delete-if-admin: the channel goes
        await emulator.wait_for(lambda: channel not in emulator.state.channels, timeout=120)
    else:  # keep: the prompt becomes the outcome (its last edit)
        await emulator.wait_for(lambda: not prompt.components, timeout=120)
    return time.perf_counter() - started


async def settled(run: BenchBot, mark: int) -> Requests:
    """Every request since ``mark`` once the bot's queued lines are all posted."""
    await run.bot.log_queue.settled(timeout=120)
    await asyncio.sleep(0.5)
    return Requests.of(run.emulator.recorder.since(mark))


def report(label: str, count: int, wall: float, requests: Requests, costs: Any) -> None:
    print(f"\n{label}: {count} in {wall:.2f} s wall")
    print(
        f"  every request: {requests.total} ({requests.api} REST, {requests.interaction} "
        f"interaction calls), {requests.total / count:.2f} per ticket "
        f"({requests.api / count:.2f} REST + {requests.interaction / count:.2f} interaction)"
    )
    print(f"  routes: {dict(requests.routes.most_common())}")
    print(f"  rate limits: {costs}")
    print("  " + on_real_discord(requests.api, tickets=count))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--per-server", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        servers = example_servers(root, args.servers)
        run = await start_bench_bot(root)
        emulator = run.emulator
        openings = members_for(emulator, servers, args.per_server)
        owners = {s.guild.id: emulator.actor(s.owner.user.id, s.guild.id) for s in run.seeded}
        await run.bot.log_queue.settled(timeout=60)
        await asyncio.sleep(0.5)  # the members' arrival is not the burst's

        mark, limits = emulator.recorder.mark(), emulator.rate_limits.mark()
        started = time.perf_counter()
        await fire(emulator, openings)
        opening_wall = time.perf_counter() - started
        opened = await settled(run, mark)
        opening_costs = emulator.rate_limits.costs(limits)

        ready = [o for o in openings if o.channel is not None]
        for opening in ready:  # a short conversation for the transcripts
            for line in range(3):
                await opening.actor.say(opening.channel, f"bench line {line}")
        await asyncio.sleep(0.5)
        mark, limits = emulator.recorder.mark(), emulator.rate_limits.mark()
        started = time.perf_counter()
        channel_index = [o for o in ready if o.style == "channel"]
        closes = await asyncio.gather(
            *(
                close(
                    run,
                    o,
                    owners[o.server.guild_id],
                    by_staff=o.style == "channel" and channel_index.index(o) % 2 == 1,
                )
                for o in ready
            ),
            return_exceptions=True,
        )
        closing_wall = time.perf_counter() - started
        closed = await settled(run, mark)
        closing_costs = emulator.rate_limits.costs(limits)
        await run.stop()

    print(f"\n{args.servers} servers, {len(openings)} members clicking at once")
    for line in latency_lines(openings):
        print("  " + line)
    report("openings", len(ready), opening_wall, opened, opening_costs)
    times = [c for c in closes if isinstance(c, float)]
    failed = [type(c).__name__ for c in closes if not isinstance(c, float)]
    print(
        f"\ncloses, all at once: /ticket close → outcome p50 {percentile(times, 0.5):.2f} s, "
        f"p99 {percentile(times, 0.99):.2f} s; failed: {failed or 'none'}"
    )
    label = "closes (threads kept, no transcript; channels with transcript, half deleted)"
    report(label, len(times), closing_wall, closed, closing_costs)
    print(f"\n(at the end: {load_line()})")


if __name__ == "__main__":
    asyncio.run(main())
