"""A real close of a long ticket, transcript on, while other members click panels elsewhere.

For each size (10,000 and 50,000 messages by default): a fresh emulator (Discord's rate
limits on, windows run ``--speedup`` times faster than the wall clock, no OpenAPI validation:
it would cost the emulator, not the bot) is seeded with copies of servers/example.yaml and the
bot starts as its own ``guichet run`` process (its event loop is the one measured). A member of
the first server opens a channel ticket; its channel is then filled with ``N`` messages written
into the emulator's state directly (markdown, mentions, replies, code blocks: not 50,000 POSTs).
The opener closes it (``/ticket close`` and the Confirm click) while members of the other
servers each click a panel at a steady ``--rate`` per second. Reported:

- the close's duration: from the Confirm click to the transcript posted and to the close's
  log line (all in the wall clock of this run);
- the Discord requests the close made (history pages, the upload, log lines, the others);
- the stored size of the transcript, as stored vs raw (HTML + text);
- the other members' first answer (the click to the bot's first callback) p50 / p99 / max,
  before the close (idle) and during it;
- the bot's peak RSS (VmHWM) before and after the close, and its children's (a worker);
- what real Discord's limits impose on the same close: Discord publishes no figure for
  ``GET /channels/{id}/messages``; the emulator applies 5 per 5 s per channel (observed when
  exhausted, discord-api-docs issue 8161; see bot/sandbox/rate_limit_figures.py), so the
  history alone takes about one second per page of 100 messages on Discord.

The emulator runs in this process, so its own work is inside the latencies (as Discord's would
be, on its side). Reproduce:

    .venv/bin/python bench/transcript_bench.py [--messages 10000,50000] [--servers 10]
        [--rate 4] [--speedup 10] [--runs 5] [--engine postgresql --postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import gzip
import math
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from burst_bench import _database, percentile
from requests_per_operation import button

from bot.domain.custom_ids import Action, encode
from bot.runtime import load_runtime
from bot.sandbox.fleet import BotProcess, FleetServer, bot_env, write_fleet
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.rate_limits import RateLimits
from bot.sandbox.server import Emulator
from bot.sandbox.snowflakes import DISCORD_EPOCH_MS
from bot.sandbox.state import Message, User
from bot.storage import Database, parse_target

REPO = Path(__file__).resolve().parents[1]
SELECT_PANEL, BUTTON_PANEL = 777777777777777777, 121212121212121212
LOG_CHANNEL, TRANSCRIPT_CHANNEL = 333333333333333333, 444444444444444444
PAGE = 100  # messages per history request (Discord's maximum)
DISCORD_HISTORY_PER_SECOND = 1.0  # 5 per 5 s per channel (rate_limit_figures.ROUTE_DEFAULT)

TEXTS = (
    "Hello, I can't log in since this morning.",
    "Could you send the **order number** and the _email_ you used?",
    "Sure: `ORD-2026-1142`, and it's the one on my profile ||secret@example.org||",
    "> I can't log in\nDid you try resetting your password? See https://example.org/reset.",
    (
        'Here is the log:\n```py\nTraceback (most recent call last):\n  File "app.py", line 3\n'
        "    raise LoginError('<denied>')\nLoginError: <denied>\n```"
    ),
    "Thanks <@{staff}>! see <#{channel}> <:thumbsup:4001>",
    "~~never mind~~ __found it__, it was in [the docs](https://example.org/docs).",
    "<script>alert('no')</script> \"><img src=x onerror=alert(1)>",
    "# Summary\n- refund issued\n- account unlocked\n-# closed by staff",
    "ok",
)


def seed_history(emulator: Emulator, channel_id: int, guild_id: int, authors: list[User], n: int):
    """``n`` messages in the channel, older than anything the bot posted, spread over days (so
    the transcript's time stamps vary as a real conversation's do); ids strictly increasing."""
    rng = random.Random(n)
    messages = emulator.state.messages_in(channel_id)
    already = dict(messages)
    messages.clear()
    at_ms = int(time.time() * 1000) - n * 8_000
    previous: int | None = None
    for index in range(n):
        at_ms += rng.randint(1_000, 14_000)
        snowflake = ((at_ms - DISCORD_EPOCH_MS) << 22) | (index & 0xFFF)
        author = authors[index % len(authors)] if rng.random() < 0.7 else rng.choice(authors)
        text = rng.choice(TEXTS).format(staff=authors[-1].id, channel=channel_id)
        reply = previous is not None and rng.random() < 0.05
        messages[snowflake] = Message(
            id=snowflake,
            channel_id=channel_id,
            guild_id=guild_id,
            author=author,
            content=text,
            type=19 if reply else 0,
            message_reference={"message_id": str(previous), "channel_id": str(channel_id)}
            if reply
            else None,
            edited_timestamp=None,
        )
        previous = snowflake
    messages.update(already)  # the bot's welcome message stays the newest


@dataclass
class Clicks:
    """Other members clicking panels at a steady rate; first answers in seconds."""

    emulator: Emulator
    servers: list[FleetServer]
    rate: float
    firsts: list[tuple[float, float]] = field(default_factory=list)  # (clicked at, first)
    errors: list[str] = field(default_factory=list)
    _count: int = 0

    async def one(self, server: FleetServer) -> None:
        self._count += 1
        member = self.emulator.add_member(server.guild_id, f"c{self._count}")
        actor = self.emulator.actor(member.user.id, server.guild_id)
        started = time.perf_counter()
        try:
            if self._count % 2:
                [panel] = self.emulator.sent_by_bot(server.shifted(SELECT_PANEL))
                exchange = await actor.select(panel, encode(Action.PICK, "support"), ["other"])
            else:
                [panel] = self.emulator.sent_by_bot(server.shifted(BUTTON_PANEL))
                exchange = await actor.click(panel, encode(Action.OPEN, "partners", "partnership"))
            await exchange.response(timeout=30)
            self.firsts.append((started, time.perf_counter() - started))
        except TimeoutError:
            # No first answer: Discord refused the late one (past its 3 s, error 10062).
            self.firsts.append((started, math.inf))
        except Exception as exc:
            self.errors.append(type(exc).__name__)

    async def run(self, stop: asyncio.Event) -> None:
        tasks = []
        index = 0
        while not stop.is_set():
            tasks.append(asyncio.create_task(self.one(self.servers[index % len(self.servers)])))
            index += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1 / self.rate)
        await asyncio.gather(*tasks)

    def between(self, start: float, end: float) -> list[float]:
        return [first for at, first in self.firsts if start <= at <= end]


def children_rss_kib(pid: int) -> int:
    """Peak RSS of the process's children (a rendering worker), summed."""
    total = 0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in kids:
            try:
                status = Path(f"/proc/{kid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total


async def stored_sizes(url: str) -> tuple[int, int]:
    """(stored bytes, raw bytes) of the newest transcript: compressed columns when present."""
    if "://" not in url:
        with sqlite3.connect(url) as conn:
            conn.row_factory = sqlite3.Row
            row = dict(
                conn.execute("SELECT * FROM transcripts ORDER BY id DESC LIMIT 1").fetchone()
            )
    else:
        db = await Database.open(parse_target(url))
        try:
            found = await db.fetch_one("SELECT * FROM transcripts ORDER BY id DESC LIMIT 1")
            row = dict(found) if found is not None else {}
        finally:
            await db.close()
    stored = raw = 0
    for name in ("html", "text", "html_gz", "text_gz"):
        value = row.get(name)
        if value is None:
            continue
        data = value.encode() if isinstance(value, str) else bytes(value)
        stored += len(data)
        raw += len(gzip.decompress(data)) if name.endswith("_gz") else len(data)
    return stored, raw


async def quiet(emulator: Emulator, seconds: float = 2.0) -> None:
    seen = -1
    while len(emulator.recorder.requests) != seen:
        seen = len(emulator.recorder.requests)
        await asyncio.sleep(seconds)


async def run_case(size: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        servers = write_fleet(
            root, args.servers, example=REPO / "servers" / "example.yaml", locales=REPO / "locales"
        )
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors
        emulator = Emulator(validator=None, rate_limits=RateLimits(speedup=args.speedup))
        seeded = [seed_from_server(emulator, spec) for spec in runtime.servers]
        await emulator.start()
        database, cleanup = await _database(args.engine, root, args)
        bot = BotProcess("one", None, None, bot_env(emulator, database, root))
        try:
            await bot.start()
            await bot.wait_for("panels synced", timeout=300)
            home, others = servers[0], servers[1:]
            guild = home.guild_id
            opener = emulator.actor(emulator.add_member(guild, "opener", locale="fr").id, guild)
            [select] = emulator.sent_by_bot(home.shifted(SELECT_PANEL))
            exchange = await opener.select(select, encode(Action.PICK, "support"), ["other"])
            channel = int((await exchange.reply(timeout=30)).content.split("<#")[1].split(">")[0])
            staff = seeded[0].staff[0].user
            seed_history(emulator, channel, guild, [opener.member.user, staff], size)
            # The seeded messages live as long as the emulator: kept out of this process's
            # garbage collections, whose pauses would be the emulator's, not the bot's.
            gc.collect()
            gc.freeze()
            await quiet(emulator)

            clicks = Clicks(emulator, others, args.rate)
            stop = asyncio.Event()
            clicking = asyncio.create_task(clicks.run(stop))
            await asyncio.sleep(args.idle)  # first answers of an idle bot, for comparison
            rss_before = bot.peak_rss_kib() or 0
            transcripts_channel = home.shifted(TRANSCRIPT_CHANNEL)
            posted = len(emulator.sent_by_bot(transcripts_channel))
            asked = await opener.slash(
                "ticket", "close", options={"reason": "bench"}, channel=channel
            )
            prompt = await asked.reply(timeout=30)
            mark = emulator.recorder.mark()
            limits = emulator.rate_limits.mark()
            clicked = time.perf_counter()
            clicked_mono = time.monotonic()
            await opener.click(prompt, button(prompt, "guichet:close-confirm:"))
            deadline = time.monotonic() + args.timeout
            children = 0  # a render worker lives for its job: its peak, sampled meanwhile
            while len(emulator.sent_by_bot(transcripts_channel)) == posted:
                if time.monotonic() > deadline:
                    raise AssertionError("no transcript posted")
                if bot.process is not None:
                    children = max(children, children_rss_kib(bot.process.pid))
                await asyncio.sleep(0.1)
            uploaded = time.perf_counter() - clicked
            await asyncio.sleep(args.idle)
            stop.set()
            await clicking
            await quiet(emulator)
            ended = time.perf_counter()
            rss_after = bot.peak_rss_kib() or 0
            requests = emulator.recorder.since(mark)
            costs = emulator.rate_limits.costs(limits)
        finally:
            await bot.kill(signal.SIGTERM)
            await emulator.stop()
        stored, raw = await stored_sizes(database)
        await cleanup()
    log = home.shifted(LOG_CHANNEL)
    mine = [r for r in requests if f"/channels/{channel}" in r.path]
    pages = [r for r in mine if r.method == "GET" and r.route.endswith("/messages")]
    uploads = [r for r in requests if r.path.startswith(f"/channels/{transcripts_channel}/")]
    logs = [r for r in requests if r.path.startswith(f"/channels/{log}/")]
    log_done = max((r.at + r.duration for r in logs), default=float("nan")) - clicked_mono
    during = clicks.between(clicked, clicked + uploaded)
    idle = clicks.between(0, clicked)
    home_requests = len(mine) + len(uploads) + len(logs)
    return {
        "messages": size,
        "close_to_upload": uploaded,
        "close_to_log": log_done,
        "pages": len(pages),
        "uploads": len(uploads),
        "log_posts": len(logs),
        "other_close_requests": home_requests - len(pages) - len(uploads) - len(logs),
        "stored": stored,
        "raw": raw,
        "idle": idle,
        "during": during,
        "clicks": len(clicks.firsts),
        "click_errors": clicks.errors,
        "rss_before": rss_before,
        "rss_after": rss_after,
        "children_rss": children,
        "waited": costs.waited,
        "discord_history_s": len(pages) / DISCORD_HISTORY_PER_SECOND,
        "ended": ended,
        "slowest": sorted(
            ((first, at - clicked) for at, first in clicks.firsts if at >= clicked), reverse=True
        )[:3],
        "phases": (
            pages[0].at - clicked_mono if pages else math.nan,
            pages[-1].at - clicked_mono if pages else math.nan,
            uploads[0].at - clicked_mono if uploads else math.nan,
        ),
    }


def _ms(values: list[float]) -> str:
    """p50 / p99 / max; a click never answered counts as an infinite wait ("none")."""
    if not values:
        return "—"

    def ms(value: float) -> str:
        return "none" if math.isinf(value) else f"{value * 1000:.0f}"

    p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
    missed = sum(1 for v in values if math.isinf(v))
    return (
        f"{ms(p50)} / {ms(p99)} / {ms(max(values))} ms "
        f"({len(values)} clicks, {missed} not answered within Discord's 3 s)"
    )


def _wait(seconds: float) -> str:
    return "unanswered" if math.isinf(seconds) else f"{seconds * 1000:.0f} ms"


def report(row: dict[str, Any]) -> str:
    mib = 1024 * 1024
    return "\n".join(
        [
            f"## {row['messages']:,} messages",
            (
                f"close → transcript posted: {row['close_to_upload']:.1f} s; → close log line: "
                f"{row['close_to_log']:.1f} s (wall, windows {ARGS.speedup:g}x faster)"
            ),
            (
                f"requests: {row['pages']} history pages, {row['uploads']} upload(s) to the "
                f"transcripts channel, {row['log_posts']} log post(s), "
                f"{row['other_close_requests']} other in the ticket's channel"
            ),
            (
                f"stored: {row['stored'] / mib:.2f} MiB for {row['raw'] / mib:.2f} MiB raw "
                f"(HTML + text, {row['raw'] / max(row['stored'], 1):.1f}x)"
            ),
            (
                f"others' first answer p50 / p99 / max: idle {_ms(row['idle'])}; "
                f"during the close {_ms(row['during'])}; "
                f"click errors: {row['click_errors'] or 'none'}"
            ),
            (
                f"bot peak RSS: {row['rss_before'] / 1024:.0f} MiB before the close, "
                f"{row['rss_after'] / 1024:.0f} MiB after; "
                f"its children {row['children_rss'] / 1024:.0f} MiB"
            ),
            (
                "timeline: history +{:.1f} .. +{:.1f} s, upload +{:.1f} s; slowest answers "
                "during the close: ".format(*row["phases"])
                + ", ".join(f"{_wait(wait)} at +{at:.1f} s" for wait, at in row["slowest"])
            ),
            (
                f"rate-limit waits announced (Discord seconds): {row['waited']:.0f} s; on real "
                f"Discord the history alone: ~{row['discord_history_s']:.0f} s "
                f"({row['pages']} pages at 5 per 5 s per channel)"
            ),
        ]
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", default="10000,50000")
    parser.add_argument("--servers", type=int, default=10)
    parser.add_argument("--rate", type=float, default=4.0, help="other members' clicks per s")
    parser.add_argument("--speedup", type=float, default=10.0)
    parser.add_argument("--idle", type=float, default=3.0, help="s of clicks before and after")
    parser.add_argument("--timeout", type=float, default=1200.0)
    parser.add_argument("--runs", type=int, default=1, help="runs per size (medians printed)")
    parser.add_argument("--engine", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--postgres", default=os.environ.get("GUICHET_TEST_POSTGRES", ""))
    global ARGS
    ARGS = parser.parse_args()
    print("command: .venv/bin/python bench/transcript_bench.py", *sys.argv[1:], flush=True)
    for size in map(int, ARGS.messages.split(",")):
        rows = []
        for run in range(ARGS.runs):
            rows.append(await run_case(size, ARGS))
            print(f"# run {run + 1}/{ARGS.runs} (load {os.getloadavg()[0]:.2f})", flush=True)
            print(report(rows[-1]), flush=True)
        if ARGS.runs > 1:
            print(medians(rows), flush=True)
    print(f"(load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")


def medians(rows: list[dict[str, Any]]) -> str:
    """The median over the runs of each figure (a run's unanswered clicks count as infinite)."""

    def mid(values: list[float]) -> float:
        return statistics.median(values)

    def ms(value: float) -> str:
        return "none" if math.isinf(value) else f"{value * 1000:.0f}"

    during = [r["during"] for r in rows]
    p50 = mid([percentile(d, 0.5) for d in during])
    p99 = mid([percentile(d, 0.99) for d in during])
    top = mid([max(d) for d in during])
    missed = mid([sum(1 for v in d if math.isinf(v)) for d in during])
    mib = 1024 * 1024
    return (
        f"## median of {len(rows)} runs, {rows[0]['messages']:,} messages: close → posted "
        f"{mid([r['close_to_upload'] for r in rows]):.1f} s, → log line "
        f"{mid([r['close_to_log'] for r in rows]):.1f} s; others' first answer during the "
        f"close p50 / p99 / max {ms(p50)} / {ms(p99)} / {ms(top)} ms, {missed:g} not answered; "
        f"stored {mid([r['stored'] for r in rows]) / mib:.2f} MiB of "
        f"{mid([r['raw'] for r in rows]) / mib:.2f} MiB; bot peak RSS "
        f"{mid([r['rss_after'] for r in rows]) / 1024:.0f} MiB, worker "
        f"{mid([r['children_rss'] for r in rows]) / 1024:.0f} MiB"
    )


ARGS: argparse.Namespace

if __name__ == "__main__":
    asyncio.run(main())
