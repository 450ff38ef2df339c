"""Two `guichet run` processes, two shards each of four, on one PostgreSQL, against the
emulator (20 servers spread over the shards): every opening becomes one ticket, numbered
without duplicates, answered by the process whose shards hold its server; killing a process
and starting it again loses nothing; a standby takes over a killed process's shards.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.shards import shard_of
from bot.runtime import load_runtime
from bot.sandbox.fleet import BotProcess, FleetServer, bot_env, write_fleet
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.storage import Database, parse_target

pytestmark = [pytest.mark.e2e, pytest.mark.postgresql]

REPO = Path(__file__).resolve().parents[2]
SHARDS = 4
SERVERS = 20
# Ten waves of openings over every server: enough for numbers to race in each server and for
# both processes to interleave (the thousand-click burst is bench/burst_bench.py's).
PER_SERVER = 10
SELECT_PANEL, BUTTON_PANEL = 777777777777777777, 121212121212121212


@pytest.fixture
async def fleet(
    tmp_path: Path, emulator: Emulator, postgres_schema_url: str
) -> AsyncIterator[tuple[list[FleetServer], dict[str, str]]]:
    servers = write_fleet(
        tmp_path, SERVERS, example=REPO / "servers" / "example.yaml", locales=REPO / "locales"
    )
    runtime = load_runtime(tmp_path / "servers", tmp_path / "locales", strict_catalog=True)
    assert not runtime.errors, runtime.errors
    for spec in runtime.servers:
        seed_from_server(emulator, spec)
    # What is tested here is who answers and how tickets are numbered: Discord's rate limits
    # stay on (same counts) but their windows run 50 times faster, or 200 openings take minutes.
    emulator.rate_limits.speedup = 50.0
    env = bot_env(emulator, postgres_schema_url, tmp_path) | {"GUICHET_DATABASE_POOL_SIZE": "4"}
    assert {shard_of(s.guild_id, SHARDS) for s in servers} == set(range(SHARDS))
    yield servers, env


@contextlib.asynccontextmanager
async def processes(*bots: BotProcess) -> AsyncIterator[None]:
    try:
        for bot in bots:
            await bot.start()
        for bot in bots:
            await bot.wait_for("panels synced", timeout=90)
        yield
    finally:
        for bot in bots:
            await bot.kill(signal.SIGTERM)


async def open_tickets(
    emulator: Emulator, servers: list[FleetServer], per_server: int, start: int = 0
) -> list[Any]:
    """``per_server`` openings in every server, one wave at a time (every server at once in a
    wave: the thousand-at-once burst is bench/burst_bench.py's), alternating channel and
    thread tickets; returns each opening's final reply (or the exception that replaced it)."""

    async def one(server: FleetServer, index: int) -> Any:
        member = emulator.add_member(server.guild_id, f"m{start + index}", locale="fr")
        actor = emulator.actor(member.id, server.guild_id)
        if index % 2 == 0:
            [panel] = emulator.sent_by_bot(server.shifted(SELECT_PANEL))
            exchange = await actor.select(panel, encode(Action.PICK, "support"), ["other"])
        else:
            [panel] = emulator.sent_by_bot(server.shifted(BUTTON_PANEL))
            exchange = await actor.click(panel, encode(Action.OPEN, "partners", "partnership"))
        return await exchange.reply(timeout=90)

    replies: list[Any] = []
    for index in range(per_server):
        wave = [one(server, index) for server in servers]
        replies += await asyncio.gather(*wave, return_exceptions=True)
    return replies


async def _tickets(url: str) -> list[tuple[int, int, str]]:
    db = await Database.open(parse_target(url))
    try:
        rows = await db.fetch_all("SELECT guild_id, number, creation FROM tickets")
        return [(r[0], r[1], r[2]) for r in rows]
    finally:
        await db.close()


def _owner(servers: list[FleetServer], guild_id: int, bots: tuple[BotProcess, ...]) -> str:
    shard = shard_of(guild_id, SHARDS)
    return next(b.name for b in bots if shard in b.shards)


async def test_two_processes_open_200_tickets_each_answered_by_its_shard(
    emulator: Emulator, fleet: tuple[list[FleetServer], dict[str, str]]
) -> None:
    servers, env = fleet
    bots = (BotProcess("a", (0, 1), SHARDS, env), BotProcess("b", (2, 3), SHARDS, env))
    async with processes(*bots):
        replies = await open_tickets(emulator, servers, per_server=PER_SERVER)
        failed = [r for r in replies if isinstance(r, BaseException)]
        assert not failed, (len(failed), [b.problems()[:5] for b in bots])
        assert all("<#" in r.content for r in replies)

        tickets = await _tickets(env["GUICHET_DATABASE"])
        assert len(tickets) == SERVERS * PER_SERVER
        assert {c for _, _, c in tickets} == {"active"}
        for server in servers:
            numbers = sorted(n for g, n, _ in tickets if g == server.guild_id)
            assert numbers == list(range(1, PER_SERVER + 1)), server.name
        for bot in bots:  # each process answered its servers, all of them, and no other
            opened = bot.opened_guilds()
            assert sum(opened.values()) == SERVERS * PER_SERVER // 2, bot.name
            assert {_owner(servers, g, bots) for g in opened} == {bot.name}
            assert not bot.problems(), bot.problems()[:3]
        # Each interaction answered once: Discord would refuse a second answer (40060).
        callbacks = [r for r in emulator.recorder.requests if r.route.endswith("/callback")]
        assert len({r.path for r in callbacks}) == len(callbacks) >= SERVERS * PER_SERVER
        # Only the process running shard 0 syncs the global commands; each applies its panels.
        assert bots[0].saw("slash commands synced") or bots[0].saw("slash commands up to date")
        assert not bots[1].saw("slash commands synced")


async def test_a_killed_process_started_again_loses_nothing(
    emulator: Emulator, fleet: tuple[list[FleetServer], dict[str, str]]
) -> None:
    servers, env = fleet
    a, b = BotProcess("a", (0, 1), SHARDS, env), BotProcess("b", (2, 3), SHARDS, env)
    async with processes(a, b):
        before = await open_tickets(emulator, servers, per_server=3)
        assert not [r for r in before if isinstance(r, BaseException)]
        await a.kill()  # kill -9, no goodbye
        b_servers = [s for s in servers if shard_of(s.guild_id, SHARDS) in b.shards]
        during = await open_tickets(emulator, b_servers, per_server=2, start=100)
        assert not [r for r in during if isinstance(r, BaseException)]  # b answers its own
        await a.start()
        await a.wait_for("panels synced", timeout=90)
        after = await open_tickets(emulator, servers, per_server=2, start=200)
        assert not [r for r in after if isinstance(r, BaseException)]

        tickets = await _tickets(env["GUICHET_DATABASE"])
        for server in servers:
            numbers = sorted(n for g, n, _ in tickets if g == server.guild_id)
            expected = 3 + 2 + (2 if server in b_servers else 0)
            assert numbers == list(range(1, expected + 1)), server.name
        assert {c for _, _, c in tickets} == {"active"}
        assert not b.opened_guilds().keys() - {s.guild_id for s in b_servers}


async def test_a_standby_takes_over_within_seconds_of_a_kill(
    emulator: Emulator, fleet: tuple[list[FleetServer], dict[str, str]]
) -> None:
    servers, env = fleet
    active = BotProcess("active", (0, 1, 2, 3), SHARDS, env)
    standby = BotProcess("standby", (0, 1, 2, 3), SHARDS, env)
    async with processes(active):
        await standby.start()
        await standby.wait_for(
            "standby: another process runs these shards; taking over when it stops"
        )
        first = await open_tickets(emulator, servers[:4], per_server=2)
        assert not [r for r in first if isinstance(r, BaseException)]
        assert not standby.saw("running shards")  # it never connected meanwhile
        killed = time.monotonic()
        await active.kill()
        await standby.wait_for("running shards", timeout=10)
        took_over = time.monotonic() - killed
        await standby.wait_for("panels synced", timeout=90)
        second = await open_tickets(emulator, servers[:4], per_server=2, start=50)
        assert not [r for r in second if isinstance(r, BaseException)]
        assert took_over < 5, took_over
        assert sum(standby.opened_guilds().values()) == 8
        assert sum(active.opened_guilds().values()) == 8
        await standby.kill(signal.SIGTERM)
