"""A burst: 1,000 members open a ticket at the same moment, over 100 servers.

For each storage engine (SQLite, PostgreSQL) and each layout (one ``guichet run`` process;
two processes, one shard each of two), a fresh emulator (Discord's rate limits on, no
OpenAPI validation: it would cost the emulator, not the bot) is seeded with 100 generated
servers, the bot processes start, and 10 members per server click a panel at once (half a
select opening a channel ticket, half a button opening a thread ticket). Reported:

- answered within Discord's 3 s: clicks whose first answer (the "thinking" defer) the
  emulator accepted before the interaction's deadline (a late one is refused, 10062);
- p50 / p99 from the click to that first answer, and to the final reply;
- told to retry: openings answered with a refusal (Discord refused a step, e.g. rate limits);
- duplicates: clicks that made more than one ticket, and ticket numbers used twice;
- told it waits: openings whose deferred answer was edited to say the ticket is being
  created while Discord slows things down, and the longest a member saw nothing new;
- orphans, counted once the bot is quiet (every opening answered, no ticket row pending, no
  deletion queued; the time that took is printed, and when the log lines were all posted):
  ticket rows still pending, and channels or threads the bot made that no ticket points at;
- database errors: error log lines of the bot processes that come from the driver;
- peak RSS of each bot process (VmHWM);
- every request the emulator served from the clicks until the bot was quiet (REST and
  interaction calls, undoing and log lines included), the 429s and bucket waits, and what
  real Discord's limits would impose on that many requests.

``--profile`` runs cProfile in each bot process over the burst only (bench/profile_hook)
and prints where its time went, with the share of discord.py's rate-limit bookkeeping.

The emulator runs in this process, so its own work is inside the latencies (as Discord's
would be, on its side). Reproduce:

    GUICHET_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/burst_bench.py [--servers 100] [--per-server 10] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import secrets
import signal
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchlib import (
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
    seeded_runtime,
)

from bot.sandbox.fleet import BotProcess, FleetServer, bot_env
from bot.sandbox.server import Emulator
from bot.storage import Database, parse_target

HOOK = Path(__file__).resolve().parent / "profile_hook"
DRIVER_WORDS = ("asyncpg", "sqlite3", "StorageError", "IntegrityError", "database is locked")
# discord.py's rate-limit bookkeeping, whose share of the bot's time --profile prints.
BUCKET_WORK = ("_try_clear_expired_ratelimits", "is_inactive", "get_ratelimit")


async def _database_facts(
    url: str, emulator: Emulator, servers: list[FleetServer]
) -> dict[str, int]:
    db = await Database.open(parse_target(url))
    try:
        rows = await db.fetch_all(
            "SELECT guild_id, number, opener_id, creation, channel_id FROM tickets"
        )
    finally:
        await db.close()
    per_opener: dict[tuple[int, int], int] = {}
    numbers: dict[tuple[int, int], int] = {}
    for guild, number, opener, _creation, _channel in rows:
        per_opener[(guild, opener)] = per_opener.get((guild, opener), 0) + 1
        numbers[(guild, number)] = numbers.get((guild, number), 0) + 1
    recorded = {r[4] for r in rows if r[4] is not None}
    # Tickets live in the support category (channels) and the partners channel (threads).
    parents = {s.shifted(p) for s in servers for p in (555555555555555555, 999999999999999999)}
    made = {c.id for c in emulator.state.channels.values() if c.parent_id in parents}
    return {
        "tickets": len(rows),
        "duplicate_clicks": sum(n - 1 for n in per_opener.values() if n > 1),
        "duplicate_numbers": sum(n - 1 for n in numbers.values() if n > 1),
        "pending": sum(1 for r in rows if r[3] == "pending"),
        "orphan_channels": len(made - recorded),
    }


async def _quiet(
    url: str,
    started: float,
    timeout: float,  # noqa: ASYNC109 - polls the database, a bound of its own
) -> dict[str, Any]:
    """Seconds from the clicks until no ticket row is pending and no channel deletion is
    queued (the burst's every undo done: ``quiet``), then until no log line is queued
    either (``logs_posted``); None for what ``timeout`` came first, with what was left."""
    db = await Database.open(parse_target(url))
    found: dict[str, Any] = {"quiet": None, "logs_posted": None}
    try:
        while time.perf_counter() - started < timeout:
            found["left_pending"] = await db.fetch_value(
                "SELECT count(*) FROM tickets WHERE creation = 'pending'"
            )
            found["left_cleanups"] = await db.fetch_value("SELECT count(*) FROM channel_cleanups")
            found["left_lines"] = await db.fetch_value("SELECT count(*) FROM log_queue")
            if found["quiet"] is None and not found["left_pending"] + found["left_cleanups"]:
                found["quiet"] = time.perf_counter() - started
            if found["quiet"] is not None and not found["left_lines"]:
                found["logs_posted"] = time.perf_counter() - started
                return found
            await asyncio.sleep(0.5)
    finally:
        await db.close()
    return found


async def run_case(engine: str, processes: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        servers = example_servers(root, args.servers, prefix="fleet")
        _, emulator, _ = seeded_runtime(root, validate=False)  # validation costs the emulator
        await emulator.start()
        database, cleanup = await _database(engine, root, args)
        env = bot_env(emulator, database, root)
        profiles = root / "profiles"
        if args.profile:
            profiles.mkdir()
            path = os.pathsep.join(p for p in (str(HOOK), env.get("PYTHONPATH")) if p)
            env |= {"PYTHONPATH": path, "GUICHET_BENCH_PROFILE": str(profiles)}
        if processes == 1:
            bots = [BotProcess("one", None, None, env)]
        else:
            bots = [BotProcess(f"shard{i}", (i,), processes, env) for i in range(processes)]
        try:
            for bot in bots:
                await bot.start()
            for bot in bots:
                await bot.wait_for("panels synced", timeout=300)
            openings = members_for(emulator, servers, args.per_server)
            await asyncio.sleep(1)  # the members' GUILD_MEMBER_ADD events are out of the way
            mark, limits = emulator.recorder.mark(), emulator.rate_limits.mark()
            _signal(bots, signal.SIGUSR1, args.profile)
            started = time.perf_counter()
            await fire(emulator, openings)
            wall = time.perf_counter() - started
            quiet = await _quiet(database, started, args.quiet_timeout)
            _signal(bots, signal.SIGUSR2, args.profile)
            requests = Requests.of(emulator.recorder.since(mark))
            costs = emulator.rate_limits.costs(limits)
            facts = await _database_facts(database, emulator, servers)
            rss = [bot.peak_rss_kib() or 0 for bot in bots]
        finally:
            for bot in bots:
                await bot.kill(signal.SIGTERM)
            await emulator.stop()
            await cleanup()
        if args.profile:
            _print_profiles(profiles)
        row = _row(engine, processes, bots, openings, wall, requests, costs, facts, rss)
        return row | quiet


def _signal(bots: list[BotProcess], sig: int, wanted: bool) -> None:
    for bot in bots:
        if wanted and bot.process is not None:
            bot.process.send_signal(sig)


def _print_profiles(folder: Path) -> None:
    for path in sorted(folder.glob("*.pstats")):
        stats = pstats.Stats(str(path))
        # (file, line, function) -> (calls, primitive calls, own time, cumulative, callers)
        own = [(key[2], entry[2]) for key, entry in stats.stats.items()]  # type: ignore[attr-defined]
        busy = sum(t for name, t in own if name != "<method 'poll' of 'select.epoll' objects>")
        buckets = sum(t for name, t in own if name in BUCKET_WORK)
        print(
            f"profile {path.name}: {busy:.2f} s busy (epoll waits left out), of which "
            f"discord.py's rate-limit buckets {buckets:.2f} s ({buckets / busy:.1%})"
        )
        stats.sort_stats("tottime").print_stats(12)


def _row(
    engine: str,
    processes: int,
    bots: list[BotProcess],
    openings: list[Opening],
    wall: float,
    requests: Requests,
    costs: Any,
    facts: dict[str, int],
    rss: list[int],
) -> dict[str, Any]:
    firsts = [o.first for o in openings if o.first is not None]
    finals = [o.final for o in openings if o.final is not None]
    db_errors = sum(
        1 for bot in bots for e in bot.problems() if any(w in str(e) for w in DRIVER_WORDS)
    )
    warned = Counter(
        str(e.get("event") or e.get("message"))
        for bot in bots
        for e in bot.events
        if e.get("level") in ("warning", "error", "critical")
    )
    return {
        "warnings": dict(warned.most_common(8)),
        "latency": latency_lines(openings),
        "requests": requests,
        "costs": costs,
        "engine": engine,
        "processes": processes,
        "clicks": len(openings),
        "within_3s": sum(1 for f in firsts if f <= 3.0),
        "first_p50": percentile(firsts, 0.5),
        "first_p99": percentile(firsts, 0.99),
        "final_p50": percentile(finals, 0.5),
        "final_p99": percentile(finals, 0.99),
        "unanswered": sum(1 for o in openings if o.final is None),
        "noticed": sum(1 for o in openings if o.notice is not None),
        "refused": sum(1 for o in openings if o.final is not None and not o.channel),
        "wall": wall,
        "db_errors": db_errors,
        "rss_mib": "+".join(f"{r / 1024:.0f}" for r in rss),
        **facts,
    }


async def _database(engine: str, root: Path, args: argparse.Namespace) -> tuple[str, Any]:
    async def nothing() -> None:
        return None

    if engine == "sqlite":
        return str(root / "burst.sqlite3"), nothing
    import asyncpg

    server = args.postgres
    name = f"guichet_burst_{os.getpid()}_{secrets.token_hex(3)}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()

    async def drop() -> None:
        conn = await asyncpg.connect(server)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()

    return str(parse_target(server).location.rsplit("/", 1)[0] + "/" + name), drop


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=100)
    parser.add_argument("--per-server", type=int, default=10)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--postgres", default=os.environ.get("GUICHET_TEST_POSTGRES", ""))
    parser.add_argument("--profile", action="store_true", help="cProfile the bots' burst")
    parser.add_argument(
        "--quiet-timeout",
        type=float,
        default=600,
        help="seconds to wait for every undo and log line before counting orphans anyway",
    )
    args = parser.parse_args()
    print_command()
    print(f"at the start: {load_line()}")
    rows = []
    for engine in args.engines.split(","):
        if engine == "postgresql" and not args.postgres:
            print("postgresql: skipped (set GUICHET_TEST_POSTGRES or --postgres)")
            continue
        for processes in map(int, args.processes.split(",")):
            row = await run_case(engine, processes, args)
            rows.append(row)
            requests, clicks = row["requests"], row["clicks"]
            print(f"done: {engine} x{processes} in {row['wall']:.1f} s", row["warnings"])
            for line in row["latency"]:
                print("  " + line)
            print("  " + _quiet_line(row, args.quiet_timeout))
            print(
                f"  requests: {requests.total} ({requests.api} REST, {requests.interaction} "
                f"interaction calls), {requests.total / clicks:.1f} per click; "
                f"rate limits: {row['costs']}"
            )
            print("  " + on_real_discord(requests.api, tickets=clicks), flush=True)
    print()
    print(_table(rows))
    print(f"\n(at the end: {load_line()})")


def _quiet_line(row: dict[str, Any], timeout: float) -> str:
    quiet, posted = row["quiet"], row["logs_posted"]
    if quiet is None:
        return (
            f"not quiet {timeout:.0f} s after the clicks: {row['left_pending']} ticket rows "
            f"pending, {row['left_cleanups']} channel deletions or searches queued, "
            f"{row['left_lines']} log lines queued"
        )
    text = f"quiet {quiet:.1f} s after the clicks (answers sent, undos done), log lines "
    if posted is None:
        return text + f"not all posted at {timeout:.0f} s ({row['left_lines']} queued)"
    return text + f"all posted after {posted:.1f} s"


def _table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| engine | processes | clicks | first answer ≤ 3 s | first p50 / p99 | final p50 / p99 "
        "| unanswered | told it waits | told to retry | duplicates | orphans (quiet after) "
        "| db errors | peak RSS (MiB) |"
    )
    lines = [head, "|" + " --- |" * 13]
    lines += [
        f"| {r['engine']} | {r['processes']} | {r['clicks']} | {r['within_3s']} "
        f"| {r['first_p50']:.2f} / {r['first_p99']:.2f} s "
        f"| {r['final_p50']:.2f} / {r['final_p99']:.2f} s | {r['unanswered']} | {r['noticed']} "
        f"| {r['refused']} | {r['duplicate_clicks']} clicks, {r['duplicate_numbers']} numbers "
        f"| {r['pending']} pending, {r['orphan_channels']} channels "
        + (f"({r['quiet']:.0f} s) " if r["quiet"] is not None else "(not quiet) ")
        + f"| {r['db_errors']} "
        f"| {r['rss_mib']} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n(nearest-rank percentiles)"


if __name__ == "__main__":
    asyncio.run(main())
