"""Issue 10: the bot as it is deployed, a ``guichet run`` process against the emulator, killed
with SIGKILL at the worst moments of opening and closing and restarted within a second, or
stopped with SIGTERM while it works.

Before: a pending opening younger than two minutes was left alone at start, so the member
kept an empty channel and was told they already had a ticket; SIGTERM cancelled an opening
without undoing it. Now the new process's epoch makes every opening of the old one its
to recover at once, and a drain answers, finishes or undoes what is in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.runtime import load_runtime
from bot.sandbox.actors import Actor
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from tests.e2e.tickets_helpers import (
    CATEGORY,
    GUILD,
    SUPPORT_PANEL,
    confirm_id,
    edit_server,
    opened,
    panel,
    pick,
    reply_text,
    t,
)
from tests.processes import clean_env

pytestmark = pytest.mark.e2e

CREATE_CHANNEL = "/guilds/{guild_id}/channels"
MESSAGES = "/channels/{channel_id}/messages"
CHANNEL = "/channels/{channel_id}"


@dataclass
class Bot:
    """One ``guichet run`` process and what it logged."""

    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    async def logged(self, text: str, timeout: float = 20) -> None:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not any(text in line for line in self.lines):
            assert self.process.returncode is None, self.lines
            assert loop.time() < deadline, f"{text!r} not logged: {self.lines[-20:]}"
            await asyncio.sleep(0.05)


@dataclass
class Deployment:
    emulator: Emulator
    workspace: Path
    database: Path
    env: dict[str, str]
    runtime: object = None
    bots: list[Bot] = field(default_factory=list)

    async def start(self) -> Bot:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=self.workspace,
            env=self.env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        bot = Bot(process)
        self.bots.append(bot)

        async def read() -> None:
            assert process.stderr is not None
            while line := await process.stderr.readline():
                bot.lines.append(line.decode("utf-8", "replace").rstrip())

        bot.reader = asyncio.create_task(read())
        await bot.logged("panels synced")
        return bot

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with contextlib.closing(sqlite3.connect(self.database)) as db:
            return db.execute(sql).fetchall()


async def kill(bot: Bot) -> None:
    bot.process.kill()  # SIGKILL: no handler, no undo, no goodbye
    await bot.process.wait()


@pytest.fixture
async def deployment(emulator: Emulator, workspace: Path) -> AsyncIterator[Deployment]:
    from tests.e2e.tickets_helpers import AUTOMATIC, NO_PARTNERS_COOLDOWN, NO_SUPPORT_COOLDOWN

    edit_server(workspace, AUTOMATIC, NO_SUPPORT_COOLDOWN, NO_PARTNERS_COOLDOWN)
    runtime = load_runtime(workspace / "servers", workspace / "locales", strict_catalog=True)
    for server in runtime.servers:
        seed_from_server(emulator, server)
    database = workspace / "guichet.sqlite3"
    env = clean_env(
        GUICHET_TOKEN=emulator.token,
        GUICHET_DISCORD_API=emulator.api_url,
        GUICHET_DISCORD_GATEWAY=emulator.gateway_url,
        GUICHET_DATABASE=str(database),
        GUICHET_SERVERS=str(workspace / "servers"),
        GUICHET_LOCALES=str(workspace / "locales"),
        GUICHET_DRAIN_SECONDS="1",
        LANG="C.UTF-8",
        LC_ALL="",
    )
    deployed = Deployment(emulator, workspace, database, env, runtime)
    try:
        yield deployed
    finally:
        for bot in deployed.bots:
            if bot.process.returncode is None:
                bot.process.kill()
                await bot.process.wait()
            if bot.reader is not None:
                bot.reader.cancel()


class _G:
    """Enough of the in-process fixture's ``Guichet`` for the shared helpers."""

    def __init__(self, deployed: Deployment) -> None:
        self.emulator = deployed.emulator
        self.runtime = deployed.runtime

    def member(self, locale: str) -> Actor:
        guild = self.emulator.state.guilds[GUILD]
        member = next(
            m for m in guild.members.values() if m.user.username == f"member-{locale.lower()}"
        )
        return self.emulator.actor(member.user.id, GUILD)


def ticket_channels(emulator: Emulator) -> list[int]:
    return [c.id for c in emulator.state.channels.values() if c.parent_id == CATEGORY]


async def _consistent_and_open_again(deployed: Deployment, g: _G, locale: str) -> None:
    """No channel left behind, no half-made row, and the member opens a ticket as usual."""
    emulator = deployed.emulator
    await emulator.wait_for(lambda: ticket_channels(emulator) == [], timeout=15)
    assert deployed.rows("SELECT id FROM tickets WHERE creation = 'pending'") == []
    channel = await opened(g, await pick(g, g.member(locale), "other"))  # type: ignore[arg-type]
    assert ticket_channels(emulator) == [channel.id]


Moment = Callable[[Emulator], None]

WORST_MOMENTS_OF_OPENING: dict[str, Moment] = {
    # Discord made the channel; the answer (its id) never reached the bot.
    "channel made, answer lost": lambda e: e.faults.answer_late("POST", CREATE_CHANNEL, seconds=60),
    # The channel exists and is recorded; its first message (the buttons) is on its way.
    "first message in flight": lambda e: e.faults.hang("POST", MESSAGES, seconds=60),
}


@pytest.mark.parametrize("moment", sorted(WORST_MOMENTS_OF_OPENING))
async def test_kill_during_an_opening_then_restart_at_once(
    deployment: Deployment, moment: str
) -> None:
    g = _G(deployment)
    bot = await deployment.start()
    WORST_MOMENTS_OF_OPENING[moment](deployment.emulator)

    await pick(g, g.member("fr"), "other")  # type: ignore[arg-type]
    await deployment.emulator.wait_for(lambda: ticket_channels(deployment.emulator), timeout=10)
    await asyncio.sleep(0.3)  # the bot records what it knows of the channel
    await kill(bot)
    assert deployment.rows("SELECT id FROM tickets WHERE creation = 'pending'") != []

    deployment.emulator.faults.clear()
    await deployment.start()  # within a second of the kill

    await _consistent_and_open_again(deployment, g, "fr")


async def test_kill_while_a_closed_ticket_is_being_deleted_then_restart(
    deployment: Deployment,
) -> None:
    """Staff close (on_close: delete-if-admin): the transcript is kept, then the delete call
    is cut by the kill. The restarted bot finishes the deletion; nothing is kept twice."""
    g = _G(deployment)
    await deployment.start()
    member = g.member("en-US")
    channel = await opened(g, await pick(g, member, "other"))  # type: ignore[arg-type]
    owner = deployment.emulator.actor(deployment.emulator.state.guilds[GUILD].owner_id, GUILD)
    deployment.emulator.faults.hang("DELETE", CHANNEL, seconds=60)

    asked = await owner.slash("ticket", "close", options={"reason": "done"}, channel=channel)
    prompt = await asked.reply()
    await owner.click(prompt, confirm_id(prompt))
    await deployment.emulator.wait_for(
        lambda: deployment.rows("SELECT count(*) FROM channel_cleanups") == [(1,)], timeout=10
    )
    await kill(deployment.bots[-1])
    deployment.emulator.faults.clear()
    await deployment.start()

    await deployment.emulator.wait_for(
        lambda: channel.id not in deployment.emulator.state.channels, timeout=15
    )
    [(status, deleted)] = deployment.rows("SELECT status, deleted_at IS NOT NULL FROM tickets")
    assert (status, deleted) == ("closed", 1)
    assert deployment.rows("SELECT count(*) FROM transcripts") == [(1,)]
    assert deployment.rows("SELECT count(*) FROM channel_cleanups") == [(0,)]
    again = await opened(g, await pick(g, member, "other"))  # type: ignore[arg-type]
    assert ticket_channels(deployment.emulator) == [again.id]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_sigterm_answers_new_work_and_undoes_what_outlives_the_deadline(
    deployment: Deployment, locale: str
) -> None:
    g = _G(deployment)
    bot = await deployment.start()
    deployment.emulator.faults.hang("POST", MESSAGES, seconds=30)  # the first message hangs
    first = await pick(g, g.member(locale), "other")  # type: ignore[arg-type]
    await deployment.emulator.wait_for(lambda: ticket_channels(deployment.emulator), timeout=10)

    bot.process.send_signal(signal.SIGTERM)
    await bot.logged("shutting down")
    late = await pick(g, g.member("en-US" if locale == "fr" else "fr"), "other")  # type: ignore[arg-type]

    other_locale = "en-US" if locale == "fr" else "fr"
    assert await reply_text(late, timeout=5) == t(g, "restarting", other_locale)  # type: ignore[arg-type]
    assert await reply_text(first, timeout=10) == t(g, "restarting", locale)  # type: ignore[arg-type]
    assert await asyncio.wait_for(bot.process.wait(), 20) == 0
    await deployment.emulator.wait_for(
        lambda: ticket_channels(deployment.emulator) == [], timeout=10
    )
    assert deployment.rows("SELECT count(*) FROM tickets") == [(0,)]
    assert panel(g, SUPPORT_PANEL) is not None  # type: ignore[arg-type]
