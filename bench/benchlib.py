"""What the benchmarks share: copies of the example server, the emulator seeded from them, the
real bot in this process or a discord.py REST client on it, ticket openings fired together
and timed, every Discord request counted, and the lines each script prints (the command it
reproduces, the machine's load, what real Discord's limits would impose).

The emulator applies Discord's rate limits at Discord's own pace (bot.sandbox.rate_limits,
figures and sources in bot.sandbox.rate_limit_figures) in every benchmark using it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord

from bot.discord_app.bot import GuichetBot, intents
from bot.discord_app.pacing import BUDGET_PER_SECOND, GlobalPacer, pace_client
from bot.discord_app.panel_port import DiscordPanelPort
from bot.domain.custom_ids import Action, encode
from bot.i18n.catalog import Catalog
from bot.runtime import Runtime, load_runtime
from bot.sandbox.discord_client import configure_discord_for, start_client, stop_client
from bot.sandbox.fleet import FleetServer, write_fleet
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.rate_limit_figures import GLOBAL, INTERACTION_PREFIXES, MESSAGE_CREATE
from bot.sandbox.server import Emulator, load_validator
from bot.storage import Database

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "servers" / "example.yaml"
# Where the example's panels are (ids of servers/example.yaml; FleetServer.shifted moves them).
SELECT_PANEL, BUTTON_PANEL = 777777777777777777, 121212121212121212
LOG_CHANNEL = 333333333333333333
# The message of an opening's wait notice (bot.discord_app.wait_notice).
WAIT_NOTICE = "opening-wait-slowed"


# --- what every script prints ------------------------------------------------------------


def print_command() -> None:
    """The command line this run reproduces."""
    script = Path(sys.argv[0]).resolve()
    shown = script.relative_to(REPO) if script.is_relative_to(REPO) else script
    print("command:", ".venv/bin/python", shown, *sys.argv[1:], flush=True)


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def on_real_discord(rest_requests: int, *, tickets: int = 0, per_channel: int = 0) -> str:
    """What Discord's documented and observed limits impose on this many REST requests (the
    emulator applies the same figures, so the times measured include those waits)."""
    floor = rest_requests / GLOBAL.requests
    paced = rest_requests / BUDGET_PER_SECOND
    text = (
        f"on real Discord: {rest_requests} REST requests at its global {GLOBAL.requests}/s "
        f"take at least {floor:.1f} s ({paced:.1f} s at the bot's own {BUDGET_PER_SECOND}/s "
        "pacing); interaction answers are outside that limit"
    )
    if per_channel:
        window = per_channel / MESSAGE_CREATE.requests * MESSAGE_CREATE.per
        text += (
            f"; {per_channel} messages into one channel take ~{window:.0f} s at its "
            f"{MESSAGE_CREATE.requests} per {MESSAGE_CREATE.per:.0f} s"
        )
    if tickets:
        text += f"; that is {rest_requests / tickets:.1f} REST requests per ticket"
    return text + "; network round trips to Discord (not measured here) come on top"


# --- requests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requests:
    """Requests the emulator served: REST calls ("API") and interaction calls (callbacks,
    follow-ups, edits of the original answer), with the routes of each."""

    api: int
    interaction: int
    routes: Counter[str]
    writes: int = 0  # of all of them: POST, PUT, PATCH, DELETE

    @property
    def total(self) -> int:
        return self.api + self.interaction

    @property
    def reads(self) -> int:
        return self.total - self.writes

    @classmethod
    def of(cls, recorded: Sequence[Any]) -> Requests:
        api = sum(1 for r in recorded if not r.path.startswith(INTERACTION_PREFIXES))
        routes = Counter(f"{r.method} {r.route}" for r in recorded)
        return cls(api, len(recorded) - api, routes, sum(1 for r in recorded if r.is_write))


# --- server files and the emulator ----------------------------------------------------------


def example_servers(
    root: Path, count: int, *, edits: Sequence[tuple[str, str]] = (), prefix: str = "bench"
) -> list[FleetServer]:
    """``count`` copies of servers/example.yaml under ``root/servers`` (Fluent files under
    ``root/locales``), each with its own ids (bot.sandbox.fleet: automatic approval, no
    cooldown, high limits), after ``edits`` (``(old, new)`` replacements, each required)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        if old not in text:
            raise ValueError(f"{old!r} is not in {EXAMPLE}")
        text = text.replace(old, new, 1)
    source = root / "source"
    source.mkdir(parents=True)
    (source / EXAMPLE.name).write_text(text, encoding="utf-8")
    return write_fleet(
        root, count, example=source / EXAMPLE.name, locales=REPO / "locales", prefix=prefix
    )


def seeded_runtime(root: Path, *, validate: bool = True) -> tuple[Runtime, Emulator, list[Any]]:
    """The servers under ``root``, loaded, and an emulator seeded from them (not started):
    (runtime, emulator, each server's seeded guild). ``validate`` checks every request and
    response against Discord's OpenAPI description (the emulator's cost, not the bot's)."""
    runtime = load_runtime(root / "servers", root / "locales")
    assert not runtime.errors, runtime.errors[:3]
    emulator = Emulator(validator=load_validator() if validate else None)
    seeded = [seed_from_server(emulator, server) for server in runtime.servers]
    return runtime, emulator, seeded


@dataclass
class BenchBot:
    """The real bot running in this process against a started emulator."""

    runtime: Runtime
    emulator: Emulator
    seeded: list[Any]
    db: Database
    bot: GuichetBot
    task: Any

    async def stop(self) -> None:
        await stop_client(self.bot, self.task)
        await self.db.close()
        await self.emulator.stop()


async def start_bench_bot(
    root: Path,
    *,
    validate: bool = True,
    emulator: Emulator | None = None,
    db: Database | None = None,
) -> BenchBot:
    """The real bot on the servers of ``root/servers``, its start-up panel sync done: on a
    new emulator seeded from them and started (or on ``emulator``, running already), with
    the database ``root/bench.sqlite3`` (or ``db``)."""
    runtime = load_runtime(root / "servers", root / "locales")
    assert not runtime.errors, runtime.errors[:3]
    if emulator is None:
        _, emulator, seeded = seeded_runtime(root, validate=validate)
        await emulator.start()
    else:
        seeded = []
    configure_discord_for(emulator.url)
    db = db or await Database.open(root / "bench.sqlite3")
    bot = GuichetBot(
        runtime,
        db,
        servers_dir=root / "servers",
        locales_dir=root / "locales",
        guild_ready_timeout=0.05,
    )
    task = await start_client(bot, emulator.token, timeout=30)
    await asyncio.wait_for(bot.panels_synced.wait(), 120)
    return BenchBot(runtime, emulator, seeded, db, bot, task)


async def rest_client(emulator: Emulator) -> tuple[discord.Client, GlobalPacer, DiscordPanelPort]:
    """A discord.py client logged in over REST only, paced, as ``guichet apply`` runs."""
    configure_discord_for(emulator.url)
    client = discord.Client(intents=intents())
    pacer = pace_client(client)
    await client.login(emulator.token)
    port = DiscordPanelPort(client.http, lambda: client.user.id if client.user else None)
    return client, pacer, port


def copy_tree(root: Path) -> None:
    """servers/ and locales/ of the repository under ``root`` (single-server benchmarks)."""
    shutil.copytree(REPO / "locales", root / "locales")
    shutil.copytree(REPO / "servers", root / "servers")


# --- openings fired together -----------------------------------------------------------------


@dataclass
class Opening:
    """One member's click on a panel and what came back, timed from the click."""

    server: FleetServer
    actor: Any
    style: str  # "channel" (the select panel) or "thread" (the button panel)
    first: float | None = None  # the first answer (the deferral), when Discord accepted it
    notice: float | None = None  # the "being created, Discord is slowing things" edit, if any
    final: float | None = None  # the final reply
    channel: int | None = None  # the ticket, when it opened
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def click_open(emulator: Emulator, opening: Opening) -> Any:
    """The click (a coroutine giving its exchange): channel style through the select panel's
    "other" topic, thread style through the button panel's "partnership"."""
    if opening.style == "channel":
        [panel] = emulator.sent_by_bot(opening.server.shifted(SELECT_PANEL))
        return opening.actor.select(panel, encode(Action.PICK, "support"), ["other"])
    [panel] = emulator.sent_by_bot(opening.server.shifted(BUTTON_PANEL))
    return opening.actor.click(panel, encode(Action.OPEN, "partners", "partnership"))


def wait_notices() -> frozenset[str]:
    """The texts of the notice an opening waiting behind the rate limits edits its deferred
    answer to (bot.discord_app.wait_notice), in every shipped locale: not a final reply."""
    catalog = Catalog.load(REPO / "locales")
    return frozenset(catalog.translate(WAIT_NOTICE, locale) for locale in catalog.locales)


async def fire(
    emulator: Emulator, openings: Sequence[Opening], *, wait: float = 180
) -> list[Opening]:
    """Every click at once, as fast as the emulator makes them, each delivered to the bot as
    soon as it is made (the loop gets a turn between clicks: otherwise the first ones would
    age towards Discord's 3 s while the emulator makes the others).

    Times are the emulator's, as Discord would see them: from the interaction's creation
    (where Discord's 3 s start) to the end of the bot's callback request when the emulator
    accepted it (the first answer), of its wait notice when it sent one (an edit of the
    deferred answer whose text is a notice's), and of its first other accepted request on
    the interaction's webhook (the final reply). One watcher follows them all: a waiter per
    click re-checked at every emulator change would cost the emulator more than the bot."""
    loop = asyncio.get_running_loop()
    notices = wait_notices()
    for opening in openings:
        opening.extra["exchange"] = await click_open(emulator, opening)
        await asyncio.sleep(0)
    recorder = emulator.recorder
    callbacks: dict[int, tuple[float, int]] = {}  # interaction id -> (answered at, status)
    finals: dict[str, float] = {}  # interaction token -> first accepted webhook request's end
    noticed: dict[str, float] = {}  # interaction token -> its wait notice's end
    seen, deadline = 0, loop.time() + wait

    def settled(opening: Opening) -> bool:
        interaction = opening.extra["exchange"].interaction
        if interaction.token in finals:
            return True
        refused = callbacks.get(interaction.id, (0.0, 200))[1] >= 300
        expired = time.monotonic() - interaction.created_monotonic > 30
        return interaction.response_type is None and (refused or expired)

    while loop.time() < deadline:
        await asyncio.sleep(0.25)
        for request in recorder.since(seen):
            parts, end = request.path.split("/"), request.at + request.duration
            if request.path.startswith("/interactions/"):
                callbacks.setdefault(int(parts[2]), (end, request.status))
            elif request.path.startswith("/webhooks/") and request.status < 300:
                body = request.body if isinstance(request.body, dict) else {}
                if body.get("content") in notices:
                    noticed.setdefault(parts[3], end)
                else:
                    finals.setdefault(parts[3], end)
        seen = recorder.mark()
        if all(settled(o) for o in openings):
            break
    for opening in openings:
        exchange = opening.extra.pop("exchange")
        interaction = exchange.interaction
        answered = callbacks.get(interaction.id)
        if answered is not None and answered[1] < 300:
            opening.first = answered[0] - interaction.created_monotonic
        if interaction.token in noticed:
            opening.notice = noticed[interaction.token] - interaction.created_monotonic
        if interaction.token in finals:
            opening.final = finals[interaction.token] - interaction.created_monotonic
            for message in (exchange.original, *exchange.followups):
                if message is not None and "<#" in (message.content or ""):
                    opening.channel = int(message.content.split("<#")[1].split(">")[0])
        if opening.final is None:
            opening.error = "refused (10062)" if answered else "no answer"
    return list(openings)


def latency_lines(openings: Sequence[Opening]) -> list[str]:
    """First answer and final reply, p50 / p99 / max, and how many met Discord's 3 s."""
    firsts = [o.first for o in openings if o.first is not None]
    finals = [o.final for o in openings if o.final is not None]
    lines = []
    for label, values in (("click → first answer", firsts), ("click → final reply", finals)):
        lines.append(
            f"{label}: p50 {percentile(values, 0.5):.2f} s, p99 {percentile(values, 0.99):.2f} s"
            f", max {max(values, default=float('nan')):.2f} s ({len(values)} of {len(openings)})"
        )
    notices = [o.notice for o in openings if o.notice is not None]
    lines.append(
        f"told it waits behind the rate limits: {len(notices)} of {len(openings)}, click → "
        f"notice p50 {percentile(notices, 0.5):.2f} s, p99 {percentile(notices, 0.99):.2f} s; "
        f"longest silence after the first answer: {longest_silence(openings):.2f} s"
    )
    lines.append(
        f"first answer within Discord's 3 s: {sum(1 for f in firsts if f <= 3.0)} of "
        f"{len(openings)}; opened: {sum(1 for o in openings if o.channel)}; "
        f"unanswered: {dict(Counter(o.error for o in openings if o.final is None))}"
    )
    return lines


def longest_silence(openings: Sequence[Opening]) -> float:
    """The longest a member saw nothing new after the deferral: until the notice, or until
    the final reply when no notice came (NaN when nobody was answered)."""
    waits = [
        (o.notice if o.notice is not None else o.final) - o.first
        for o in openings
        if o.first is not None and o.final is not None
    ]
    return max(waits, default=float("nan"))


def members_for(
    emulator: Emulator,
    servers: Sequence[FleetServer],
    per_server: int,
    *,
    locale: Callable[[int], str] = lambda i: ("fr", "en-US")[i % 2],
) -> list[Opening]:
    """``per_server`` new members in each server, servers interleaved, alternately opening
    a channel ticket and a thread ticket."""
    return [
        Opening(
            server,
            emulator.actor(
                emulator.add_member(server.guild_id, f"m{i}", locale=locale(i)).user.id,
                server.guild_id,
            ),
            "channel" if i % 2 == 0 else "thread",
        )
        for i in range(per_server)
        for server in servers
    ]
