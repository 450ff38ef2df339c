"""The real Guichet bot (discord.py) against the local emulator, on a copy of the repository's
servers/ and locales/ that each test may edit, its data on SQLite and then on PostgreSQL
(`database_target`, tests/databases.py: every test here runs on both)."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.discord_app.bot import GuichetBot
from bot.discord_app.pacing import BUDGET_PER_SECOND, GlobalPacer
from bot.runtime import Runtime, load_runtime
from bot.sandbox.actors import Actor
from bot.sandbox.discord_client import (
    configure_discord_for,
    restore_discord_defaults,
    start_client,
    stop_client,
)
from bot.sandbox.from_config import SeededServer, seed_from_server
from bot.sandbox.pytest_plugin import emulator, prepare_emulator
from bot.sandbox.server import Emulator
from bot.storage import Database, DatabaseTarget
from tests.clocks import FakeClock

__all__ = ["emulator", "prepare_emulator"]

REPO = Path(__file__).resolve().parents[2]
# Members here act at machine speed, dozens of clicks a second where people manage one every
# few seconds: Discord's rate-limit windows run this many times faster (counts unchanged, see
# `bot.sandbox.rate_limits`), so the suite does not wait out windows no person fills, while a
# burst of the bot's own requests still fills its bucket. The summary reports the waits in
# Discord's seconds; bench/ measures at Discord's own pace.
DISCORD_SPEEDUP = 50.0
NOTICE_AFTER_HERE = 300.0  # seconds (bot.discord_app.wait_notice)
WORKING_HOURS = re.compile(r"^    working_hours:.*\n(?:      .*\n)+", re.MULTILINE)


@dataclass
class Guichet:
    """A running bot, its emulated Discord and its files, with helpers to act on them."""

    emulator: Emulator
    root: Path
    db: Database
    runtime: Runtime
    seeded: dict[str, SeededServer] = field(default_factory=dict)
    bot_class: type[GuichetBot] = GuichetBot  # or ShardedGuichetBot
    clock: FakeClock | None = None  # the bot's, its database's and Discord's, when given
    pacer: GlobalPacer | None = None  # the bot's global pacer, when not the sped-up default
    # More of the bot's options (or other values: guild_ready_timeout, discord_timeout).
    bot_options: dict[str, Any] = field(default_factory=dict)
    bot: GuichetBot | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def servers_dir(self) -> Path:
        return self.root / "servers"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    def server_file(self, name: str = "example") -> Path:
        return self.servers_dir / f"{name}.yaml"

    def ftl(self, locale: str, name: str = "example") -> Path:
        return self.locales_dir / locale / "servers" / f"{name}.ftl"

    def edit(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def server(self, name: str = "example") -> SeededServer:
        return self.seeded[name]

    def member(self, locale: str, name: str = "example") -> Actor:
        seeded = self.seeded[name]
        return self.emulator.actor(seeded.member(locale).user.id, seeded.guild.id)

    def actor(self, user_id: int, name: str = "example") -> Actor:
        return self.emulator.actor(user_id, self.seeded[name].guild.id)

    async def start(self) -> GuichetBot:
        self.bot = self.bot_class(
            self.runtime,
            self.db,
            servers_dir=self.servers_dir,
            locales_dir=self.locales_dir,
            # Discord's second runs DISCORD_SPEEDUP times faster here: so does the bot's budget.
            pacer=self.pacer or GlobalPacer(int(BUDGET_PER_SECOND * DISCORD_SPEEDUP)),
            # A test that moves the clock sweeps the timers itself, never concurrently.
            **({"clock": self.clock, "timers_in_upkeep": False} if self.clock else {}),
            **({"guild_ready_timeout": 0.05} | self.bot_options),
        )
        # Members here are told an opening waits behind the rate limits only when a test asks
        # for it (tests/e2e/test_opening_wait.py): on a loaded machine an opening could take
        # the 4 s, and the notice would stand where a test reads the answer.
        self.bot.ticket_ui.notice_after = NOTICE_AFTER_HERE
        configure_discord_for(self.emulator.url)
        self._task = await start_client(self.bot, self.emulator.token)
        await asyncio.wait_for(self.bot.panels_synced.wait(), 10)
        return self.bot

    async def stop(self) -> None:
        if self.bot is not None:
            await stop_client(self.bot, self._task)
            self.runtime = self.bot.runtime
            self.bot, self._task = None, None

    async def restart(self) -> GuichetBot:
        await self.stop()
        return await self.start()


StartGuichet = Callable[..., Awaitable[Guichet]]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "guichet"
    shutil.copytree(REPO / "servers", root / "servers")
    shutil.copytree(REPO / "locales", root / "locales")
    # The example's working hours would make answers depend on the hour the suite runs at:
    # these tests run without them (tests/e2e/test_working_hours.py sets its own, and a clock).
    example = root / "servers" / "example.yaml"
    example.write_text(WORKING_HOURS.sub("", example.read_text("utf-8")), "utf-8")
    return root


@pytest.fixture
async def start_guichet(
    emulator: Emulator, workspace: Path, database_target: DatabaseTarget
) -> AsyncIterator[StartGuichet]:
    """``g = await start_guichet(prepare=fn)``: seeds the emulator from the workspace's server
    files, lets ``prepare(g)`` change the emulated Discord, then starts the bot and waits for its
    start-up panel sync."""
    started: list[Guichet] = []
    emulator.rate_limits.speedup = DISCORD_SPEEDUP

    async def start(
        prepare: Callable[[Guichet], Any] | None = None,
        bot_class: type[GuichetBot] = GuichetBot,
        bot_locales: Path | None = None,
        clock: FakeClock | None = None,
        pacer: GlobalPacer | None = None,
    ) -> Guichet:
        more = {"bot_locales": bot_locales} if bot_locales is not None else {}
        runtime = load_runtime(
            workspace / "servers", workspace / "locales", strict_catalog=True, **more
        )
        assert not runtime.errors, runtime.errors
        if clock is not None:  # Discord's clock too: message times agree with the bot's now
            emulator.state.ids.clock = clock.timestamp
        db = await Database.open(database_target, **({"clock": clock} if clock else {}))
        g = Guichet(emulator, workspace, db, runtime, bot_class=bot_class, clock=clock, pacer=pacer)
        started.append(g)
        for server in runtime.servers:
            g.seeded[server.name] = seed_from_server(emulator, server)
        if prepare is not None:
            prepare(g)
        await g.start()
        return g

    try:
        yield start
    finally:
        for g in started:
            await g.stop()
            await g.db.close()
        restore_discord_defaults()
