"""Start-up of ``guichet run`` on many servers: time to "panels synced" on a no-op start, RSS.

For each server count, copies of servers/example.yaml (``bot.sandbox.fleet.write_fleet``, the
generator bench/burst_bench.py uses; each copy has its own ``.ftl`` texts in both locales) are
seeded into an emulator running in this process (Discord's rate limits on, no OpenAPI
validation: it would cost the emulator, not the bot). A first ``guichet run`` posts the panels
and records them (not timed); then ``--runs`` more starts of a fresh ``guichet run`` process,
with nothing changed, are timed from the process's spawn to its "panels synced" log line. At
that moment, or once it has logged "connected" too (every guild in discord.py's cache) if
later, the bot process's peak and current resident memory (VmHWM, VmRSS) are read from /proc.
Every REST request the emulator served from the spawn until the bot is quiet again is counted
(a no-op start should only log in and check its Gateway: no panel read, no edit).
Each start is spawned once Discord's identify limit (one IDENTIFY per 5 s, enforced by the
emulator) allows a new session: otherwise the start right after the previous one would be
refused (INVALID_SESSION) and retry 5 s later, timing the bench's cadence; the refusals of each
start are printed (0 expected).

    .venv/bin/python bench/startup_bench.py [--servers 10,100,1000] [--runs 5]

Printed: the command, per count the medians and each run, the phases of the median run (from
the bot's JSON log: logging up, connected, slash commands checked, panels synced), the routes
requested on a no-op start, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.runtime import load_runtime
from bot.sandbox.fleet import BotProcess, bot_env, write_fleet
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator

REPO = Path(__file__).resolve().parents[1]
SYNCED = "panels synced"
QUIET = 1.0  # seconds without a request after "panels synced": the start is over
CONNECTED = "connected"  # on_ready: every GUILD_CREATE received
PHASES = (CONNECTED, "slash commands up to date", SYNCED)


@dataclass
class Start:
    seconds: float  # spawn to "panels synced" (the bot's own log time)
    hwm_kib: int
    rss_kib: int
    requests: Counter[str] = field(default_factory=Counter)
    phases: dict[str, float] = field(default_factory=dict)  # seconds from the spawn
    identify_refusals: int = 0  # INVALID_SESSIONs for identifying too soon (should be 0)


def _memory(pid: int) -> tuple[int, int]:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")

    def read(name: str) -> int:
        found = re.search(rf"^{name}:\s+(\d+) kB", status, re.MULTILINE)
        return int(found[1]) if found else 0

    return read("VmHWM"), read("VmRSS")


def _logged_at(event: dict[str, object]) -> float | None:
    stamp = event.get("time")
    return datetime.fromisoformat(stamp).timestamp() if isinstance(stamp, str) else None


async def _quiet(emulator: Emulator, mark: int) -> None:
    seen = -1
    while (now := len(emulator.recorder.since(mark))) != seen:
        seen = now
        await asyncio.sleep(QUIET)


async def _identify_window(emulator: Emulator) -> float:
    """Wait until Discord's identify limit (one IDENTIFY per 5 s) lets a new session start:
    the previous start identified a few seconds ago, and a start timed within that window
    would time the bench's own cadence (an INVALID_SESSION, then discord.py's 5 s retry), not
    the bot. A restart that soon pays it on real Discord too: it is reported, not hidden."""
    gateway = emulator.gateway
    last = max(gateway._identified.values(), default=None)
    wait = 0.0 if last is None else last + gateway.identify_window + 0.1 - time.monotonic()
    if wait > 0:
        await asyncio.sleep(wait)
    return max(0.0, wait)


async def one_start(emulator: Emulator, env: dict[str, str], timeout: float) -> Start:  # noqa: ASYNC109
    bot = BotProcess("startup", None, None, env)
    await _identify_window(emulator)
    refusals = emulator.gateway.identify_refusals
    mark = emulator.recorder.mark()
    spawned = time.time()
    await bot.start()
    assert bot.process is not None
    deadline = time.monotonic() + timeout
    try:
        # Memory once both are logged: the panels synced and every guild in discord.py's
        # cache (on_ready), whichever comes first, so that two versions compare alike.
        while not (bot.saw(SYNCED) and bot.saw(CONNECTED)):
            if bot.process.returncode is not None or time.monotonic() > deadline:
                raise SystemExit(f"no {SYNCED!r}: {bot.events[-10:]}")
            await asyncio.sleep(0.01)
        hwm, rss = _memory(bot.process.pid)
        await _quiet(emulator, mark)
        if bot.problems():
            raise SystemExit(f"the bot logged errors: {bot.problems()[:5]}")
    finally:
        await bot.kill(signal.SIGTERM)
    phases = {"first log line": _logged_at(bot.events[0]) or spawned}
    for event in bot.events:
        message = event.get("message")
        at = _logged_at(event)
        if message in PHASES and at is not None and message not in phases:
            phases[str(message)] = at
    phases = {k: v - spawned for k, v in phases.items()}
    requests = Counter(f"{r.method} {r.route}" for r in emulator.recorder.since(mark))
    refused = emulator.gateway.identify_refusals - refusals
    return Start(phases[SYNCED], hwm, rss, requests, phases, refused)


async def run_count(count: int, runs: int) -> tuple[Start, list[Start], Counter[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_fleet(
            root, count, example=REPO / "servers" / "example.yaml", locales=REPO / "locales"
        )
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors
        emulator = Emulator(validator=None)
        for spec in runtime.servers:
            seed_from_server(emulator, spec)
        del runtime
        await emulator.start()
        env = bot_env(emulator, str(root / "startup.sqlite3"), root)
        # A deployment's own cache folder (bot.startup_cache), not the one other runs share.
        env["XDG_CACHE_HOME"] = str(root / "cache")
        timeout = 60 + count  # the first start posts every panel within the rate limits
        try:
            first = await one_start(emulator, env, timeout)
            starts = [await one_start(emulator, env, timeout) for _ in range(runs)]
        finally:
            await emulator.stop()
        return first, starts, first.requests


def _median_start(starts: list[Start]) -> Start:
    ordered = sorted(starts, key=lambda s: s.seconds)
    return ordered[len(ordered) // 2]


def _mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default="10,100,1000", help="server counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("command: .venv/bin/python bench/startup_bench.py", *sys.argv[1:], flush=True)
    rows = []
    for count in map(int, args.servers.split(",")):
        first, starts, _ = await run_count(count, args.runs)
        median = _median_start(starts)
        rows.append((count, first, starts, median))
        runs = " ".join(f"{s.seconds:.2f}" for s in starts)
        phases = ", ".join(f"{k} {v:.2f}" for k, v in median.phases.items())
        print(f"\n{count} servers: no-op starts {runs} s; median run's phases (s): {phases}")
        print(f"  first start (posts and records every panel): {sum(first.requests.values())}")
        print("  requests of each no-op start:", [sum(s.requests.values()) for s in starts])
        print("  identify refusals of each no-op start:", [s.identify_refusals for s in starts])
        for route, n in sorted(median.requests.items()):
            print(f"    {n:5d} {route}")
        print(f"  (load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
    print(
        "\n| servers | no-op start to panels synced (median of 5) | VmHWM (MiB) | VmRSS (MiB) "
        "| KiB per server (VmRSS over 10 servers') | requests per no-op start |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    base = next((r for r in rows if r[0] == 10), rows[0])
    base_rss = statistics.median(s.rss_kib for s in base[2])
    for count, _first, starts, _median in rows:
        hwm = statistics.median(s.hwm_kib for s in starts)
        rss = statistics.median(s.rss_kib for s in starts)
        per = (rss - base_rss) / (count - base[0]) if count != base[0] else float("nan")
        seconds = statistics.median(s.seconds for s in starts)
        requests = statistics.median(sum(s.requests.values()) for s in starts)
        print(
            f"| {count} | {seconds:.2f} s | {_mib(hwm)} | {_mib(rss)} | {per:.0f} "
            f"| {requests:.0f} |"
        )
    print(f"\n(load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    asyncio.run(main())
