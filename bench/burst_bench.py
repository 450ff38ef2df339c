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
- orphans: ticket rows still pending, and channels or threads the bot made that no ticket
  points at;
- database errors: error log lines of the bot processes that come from the driver;
- peak RSS of each bot process (VmHWM).

The emulator runs in this process, so its own work is inside the latencies (as Discord's
would be, on its side). Reproduce:

    GUICHET_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/burst_bench.py [--servers 100] [--per-server 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain.custom_ids import Action, encode
from bot.runtime import load_runtime
from bot.sandbox.fleet import BotProcess, FleetServer, bot_env, write_fleet
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.storage import Database, parse_target

REPO = Path(__file__).resolve().parents[1]
SELECT_PANEL, BUTTON_PANEL = 777777777777777777, 121212121212121212
DRIVER_WORDS = ("asyncpg", "sqlite3", "StorageError", "IntegrityError", "database is locked")


@dataclass
class Outcome:
    first: float | None = None  # seconds from the click
    final: float | None = None
    opened: bool = False  # the final reply points at the new ticket (else: a refusal)
    error: str | None = None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _burst(emulator: Emulator, servers: list[FleetServer], per_server: int) -> list[Outcome]:
    actors = [
        (
            server,
            index,
            emulator.actor(emulator.add_member(server.guild_id, f"b{index}").id, server.guild_id),
        )
        for index in range(per_server)
        for server in servers
    ]

    async def one(server: FleetServer, index: int, actor: Any) -> Outcome:
        outcome = Outcome()
        started = time.perf_counter()
        try:
            if index % 2 == 0:
                [panel] = emulator.sent_by_bot(server.shifted(SELECT_PANEL))
                exchange = await actor.select(panel, encode(Action.PICK, "support"), ["other"])
            else:
                [panel] = emulator.sent_by_bot(server.shifted(BUTTON_PANEL))
                exchange = await actor.click(panel, encode(Action.OPEN, "partners", "partnership"))
            await exchange.response(timeout=60)
            outcome.first = time.perf_counter() - started
            reply = await exchange.reply(timeout=180)
            outcome.final = time.perf_counter() - started
            outcome.opened = "<#" in reply.content
        except Exception as exc:
            outcome.error = type(exc).__name__
        return outcome

    return await asyncio.gather(*(one(*a) for a in actors))


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


async def run_case(engine: str, processes: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        servers = write_fleet(
            root, args.servers, example=REPO / "servers" / "example.yaml", locales=REPO / "locales"
        )
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors
        emulator = Emulator(validator=None)
        for spec in runtime.servers:
            seed_from_server(emulator, spec)
        await emulator.start()
        database, cleanup = await _database(engine, root, args)
        env = bot_env(emulator, database, root)
        if processes == 1:
            bots = [BotProcess("one", None, None, env)]
        else:
            bots = [BotProcess(f"shard{i}", (i,), processes, env) for i in range(processes)]
        try:
            for bot in bots:
                await bot.start()
            for bot in bots:
                await bot.wait_for("panels synced", timeout=300)
            started = time.perf_counter()
            outcomes = await _burst(emulator, servers, args.per_server)
            wall = time.perf_counter() - started
            await asyncio.sleep(1)
            facts = await _database_facts(database, emulator, servers)
            rss = [bot.peak_rss_kib() or 0 for bot in bots]
        finally:
            for bot in bots:
                await bot.kill(signal.SIGTERM)
            await emulator.stop()
            await cleanup()
        firsts = [o.first for o in outcomes if o.first is not None]
        finals = [o.final for o in outcomes if o.final is not None]
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
            "engine": engine,
            "processes": processes,
            "clicks": len(outcomes),
            "within_3s": sum(1 for f in firsts if f <= 3.0),
            "first_p50": percentile(firsts, 0.5),
            "first_p99": percentile(firsts, 0.99),
            "final_p50": percentile(finals, 0.5),
            "final_p99": percentile(finals, 0.99),
            "unanswered": sum(1 for o in outcomes if o.final is None),
            "refused": sum(1 for o in outcomes if o.final is not None and not o.opened),
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
    args = parser.parse_args()
    rows = []
    for engine in args.engines.split(","):
        if engine == "postgresql" and not args.postgres:
            print("postgresql: skipped (set GUICHET_TEST_POSTGRES or --postgres)")
            continue
        for processes in map(int, args.processes.split(",")):
            rows.append(await run_case(engine, processes, args))
            print(_line(rows[-1]), rows[-1]["warnings"], flush=True)
    print()
    print(_table(rows))
    print(f"\n(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def _line(row: dict[str, Any]) -> str:
    return f"done: {row['engine']} x{row['processes']} in {row['wall']:.1f} s"


def _table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| engine | processes | clicks | first answer ≤ 3 s | first p50 / p99 | final p50 / p99 "
        "| unanswered | told to retry | duplicates | orphans | db errors | peak RSS (MiB) |"
    )
    lines = [head, "|" + " --- |" * 12]
    lines += [
        f"| {r['engine']} | {r['processes']} | {r['clicks']} | {r['within_3s']} "
        f"| {r['first_p50']:.2f} / {r['first_p99']:.2f} s "
        f"| {r['final_p50']:.2f} / {r['final_p99']:.2f} s | {r['unanswered']} | {r['refused']} "
        f"| {r['duplicate_clicks']} clicks, {r['duplicate_numbers']} numbers "
        f"| {r['pending']} pending, {r['orphan_channels']} channels | {r['db_errors']} "
        f"| {r['rss_mib']} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n(nearest-rank percentiles)"


if __name__ == "__main__":
    asyncio.run(main())
