"""Discord requests per ticket opened/closed, and how fast a member's click is answered.

Generates 20 server files from servers/example.yaml (own guild and channel ids, automatic
approval, no cooldown), seeds the local emulator with them, runs the real bot once, and has
200 members open tickets (10 per server, servers interleaved, one click in flight at a time
so the recorder attributes every request to its ticket): 100 from the select panel (channel
style) and 100 from the button panel (private thread style). Then each ticket is closed once
with ``/ticket close reason:`` and a click on Confirm in the ephemeral prompt it answers
with (the reason waits in storage meanwhile; the counts cover both steps): thread tickets by
their opener (keep mode, no transcript: the partners system keeps none); channel tickets
alternately by their opener (keep mode: locked, Reopen/Delete posted) and by the server owner
(staff close of a ``delete-if-admin`` system: the channel is deleted), both with the
transcript (history read, files posted in the transcript channel) and the log-channel lines.

Requests are counted from the emulator's recorder between the click and the final answer:
"Discord API" are REST calls the bot makes for the ticket (its log-channel lines included),
"interaction" its answers to the interaction (callback + webhook edits). Latency: from the
click to the first answer (the ephemeral "thinking" defer, which Discord requires within
3 s) and to the final reply. Discord's rate limits are on at Discord's own pace: the 429s the
bot met and the waits exhausted buckets announced are printed for the openings and the
closes, and the latencies and wall time include those waits.

    .venv/bin/python bench/tickets_bench.py [--servers 20] [--per-server 10]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bot.discord_app.bot import GuichetBot
from bot.domain.custom_ids import Action, encode
from bot.runtime import load_runtime
from bot.sandbox.discord_client import configure_discord_for, start_client, stop_client
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator, load_validator
from bot.storage import Database

REPO = Path(__file__).resolve().parents[1]
BASE_GUILD = 123456789012345678
# Every id of the example file, shifted per server so the 20 guilds do not collide.
EXAMPLE_IDS = (
    123456789012345678,
    222222222222222222,
    333333333333333333,
    444444444444444444,
    555555555555555555,
    666666666666666666,
    777777777777777777,
    888888888888888888,
    999999999999999999,
    121212121212121212,
)
INTERACTION_ROUTES = ("/interactions/", "/webhooks/")


def write_servers(root: Path, count: int) -> None:
    """``count`` copies of the example server with their own ids and Fluent files."""
    shutil.copytree(REPO / "locales", root / "locales")
    (root / "servers").mkdir()
    text = (REPO / "servers" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace("approval: manual", "approval: automatic")
    text = text.replace("cooldown: 1h30m", "cooldown: 0s").replace("cooldown: 2d", "cooldown: 0s")
    text = text.replace("max_open_per_member: 2", "max_open_per_member: 50")
    for index in range(count):
        name = f"bench-{index:02d}"
        shifted = text
        for snowflake in EXAMPLE_IDS:
            shifted = shifted.replace(str(snowflake), str(snowflake + index * 1000))
        (root / "servers" / f"{name}.yaml").write_text(shifted, encoding="utf-8")
        for locale in ("en-US", "fr"):
            folder = root / "locales" / locale / "servers"
            shutil.copy(folder / "example.ftl", folder / f"{name}.ftl")
        (root / "servers" / "example.yaml").unlink(missing_ok=True)


LOG_CHANNEL = 333333333333333333
RECEPTION = 666666666666666666  # the support system's (automatic here): closes are told there


async def start_bench_bot(root: Path) -> tuple[Any, Emulator, list[Any], Database, GuichetBot, Any]:
    """The emulator seeded from ``root/servers``, started, and the real bot on it, its
    start-up panel sync done: (runtime, emulator, seeded servers, database, bot, its task)."""
    runtime = load_runtime(root / "servers", root / "locales")
    assert not runtime.errors, runtime.errors
    emulator = Emulator(validator=load_validator())
    seeded = [seed_from_server(emulator, server) for server in runtime.servers]
    await emulator.start()
    configure_discord_for(emulator.url)
    db = await Database.open(root / "bench.sqlite3")
    bot = GuichetBot(
        runtime,
        db,
        servers_dir=root / "servers",
        locales_dir=root / "locales",
        guild_ready_timeout=0.05,
    )
    task = await start_client(bot, emulator.token, timeout=30)
    await asyncio.wait_for(bot.panels_synced.wait(), 60)
    return runtime, emulator, seeded, db, bot, task


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def split(requests: list[Any]) -> tuple[int, int, Counter[str]]:
    api = [r for r in requests if not r.path.startswith(INTERACTION_ROUTES)]
    routes = Counter(f"{r.method} {r.route}" for r in api)
    return len(api), len(requests) - len(api), routes


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--per-server", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_servers(root, args.servers)
        runtime, emulator, seeded, db, bot, task = await start_bench_bot(root)
        members = {
            s.guild.id: [
                emulator.add_member(s.guild.id, f"m{i}", locale=("fr", "en-US")[i % 2])
                for i in range(args.per_server)
            ]
            for s in seeded
        }
        owners = {s.guild.id: s.owner.user.id for s in seeded}
        recorder = emulator.recorder
        results: dict[str, list[dict[str, Any]]] = {"channel": [], "thread": []}
        lock = asyncio.Lock()  # counts per ticket need the recorder to ourselves

        async def one(server: Any, member: Any, style: str) -> None:
            offset = server.guild - BASE_GUILD
            actor = emulator.actor(member.id, server.guild)
            if style == "channel":
                [panel] = emulator.sent_by_bot(777777777777777777 + offset)
                click = actor.select(panel, encode(Action.PICK, "support"), ["other"])
            else:
                [panel] = emulator.sent_by_bot(121212121212121212 + offset)
                click = actor.click(panel, encode(Action.OPEN, "partners", "partnership"))
            async with lock:
                mark = recorder.mark()
                started = time.perf_counter()
                exchange = await click
                await exchange.response(timeout=10)
                acked = time.perf_counter() - started
                reply = await exchange.reply(timeout=10)
                done = time.perf_counter() - started
                # The "opened" log line follows the answer (queued): counted once posted.
                await bot.log_queue.settled(timeout=10)
                api, answers, routes = split(recorder.since(mark))
            results[style].append(
                {"ack": acked, "done": done, "api": api, "answers": answers, "routes": routes}
            )
            channel_id = int(reply.content.split("<#")[1].split(">")[0])
            results[style][-1]["channel"] = channel_id
            results[style][-1]["actor"] = actor
            results[style][-1]["owner"] = emulator.actor(owners[server.guild], server.guild)

        async def per_server(server: Any) -> None:
            for index, member in enumerate(members[server.guild]):
                await one(server, member, "channel" if index % 2 == 0 else "thread")

        started = time.perf_counter()
        limits = emulator.rate_limits.mark()
        await asyncio.gather(*(per_server(s) for s in runtime.servers))
        wall = time.perf_counter() - started
        opening_limits = emulator.rate_limits.costs(limits)
        opening_paced = bot.pacer.waited
        limits = emulator.rate_limits.mark()
        closing_started = time.perf_counter()

        closes: dict[str, list[tuple[int, int, Counter[str]]]] = {
            "channel keep": [],
            "channel delete": [],
            "thread keep": [],
        }
        for style, rows in results.items():
            for index, row in enumerate(rows):
                by_staff = style == "channel" and index % 2 == 1
                closer = row["owner"] if by_staff else row["actor"]
                for line in range(3):  # a short conversation for the transcript
                    await row["actor"].say(row["channel"], f"bench line {line}")
                mark = recorder.mark()
                asked = await closer.slash(
                    "ticket", "close", options={"reason": "bench"}, channel=row["channel"]
                )
                prompt = await asked.reply(timeout=10)
                confirm = next(
                    c["custom_id"]
                    for r in prompt.components
                    for c in r.get("components", [])
                    if c["custom_id"].startswith("guichet:close-confirm:")
                )
                exchange = await closer.click(prompt, confirm)
                await exchange.response(timeout=10)
                # The log lines (queued, posted after the answer; lines due together in one
                # message per channel): the transcript's, the close, the deletion, in the log
                # channel and an automatic system's reception.
                mode = "delete" if by_staff else "keep"
                if not by_staff:  # keep mode: the prompt becomes the outcome (its last edit)
                    await emulator.wait_for(lambda prompt=prompt: not prompt.components)
                else:
                    await emulator.wait_for(
                        lambda row=row: row["channel"] not in emulator.state.channels,
                        timeout=10,
                    )
                await bot.log_queue.settled(timeout=10)
                closes[f"{style} {mode}"].append(split(recorder.since(mark)))

        closing_wall = time.perf_counter() - closing_started
        closing_limits = emulator.rate_limits.costs(limits)
        closing_paced = bot.pacer.waited - opening_paced
        await stop_client(bot, task)
        await db.close()
        await emulator.stop()

    print("command: .venv/bin/python bench/tickets_bench.py", *sys.argv[1:])
    print(f"{args.servers} servers, {args.servers * args.per_server} tickets, {wall:.2f}s wall")
    print(
        f"  rate limits while opening: {opening_limits}; "
        f"pacing held requests back {opening_paced:.1f} s in all"
    )
    print(
        f"  closing them all: {closing_wall:.2f}s wall; rate limits: {closing_limits}; "
        f"pacing held requests back {closing_paced:.1f} s in all"
    )
    for costs in (opening_limits, closing_limits):
        if costs.routes:
            print(f"    routes: {', '.join(costs.routes)}")
    for style in ("channel", "thread"):
        rows = results[style]
        api = Counter(r["api"] for r in rows)
        answers = Counter(r["answers"] for r in rows)
        print(f"\n{style} style: {len(rows)} tickets opened")
        print(f"  Discord API requests per opening: {dict(api)}")
        print(f"  interaction answers per opening:  {dict(answers)}")
        total = Counter(r["api"] + r["answers"] for r in rows)
        print(f"  every request per opening:        {dict(total)}")
        print(f"  routes (first ticket): {dict(rows[0]['routes'])}")
    for kind, rows_closed in closes.items():
        transcript = "no transcript" if kind.startswith("thread") else "with transcript"
        close_api = Counter(c[0] for c in rows_closed)
        close_all = Counter(c[0] + c[1] for c in rows_closed)
        print(f"\nclose, {kind} mode ({transcript}): {len(rows_closed)} tickets")
        print(f"  Discord API requests per close: {dict(close_api)}")
        print(f"  every request per close (interaction calls too): {dict(close_all)}")
        print(f"  routes (first close): {dict(rows_closed[0][2])}")
    every = results["channel"] + results["thread"]
    for key, label in (("ack", "click → first answer (defer)"), ("done", "click → final reply")):
        values = [r[key] * 1000 for r in every]
        print(
            f"\n{label}: median {statistics.median(values):.1f} ms, "
            f"p99 {percentile(values, 0.99):.1f} ms, max {max(values):.1f} ms"
        )


if __name__ == "__main__":
    asyncio.run(main())
