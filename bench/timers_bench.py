"""Discord requests each automatic action costs, and what a sweep costs with many open tickets.

Runs the real bot against the local emulator on the example server, its partners system
(private threads, up to 1,000 open at once) given ``auto_close: {after: 3d, warning: 24h}``,
and opens ``--tickets`` tickets from its panel (one member each). The bot's clock is a fake one
the script advances (the emulator's snowflakes follow it), never a sleep. Then, counting the
emulator's recorded requests:

1. a sweep while no timer is due (every ticket armed, none quiet long enough);
2. a sweep once every ticket is 3 days quiet: each is warned;
3. a sweep 24 h later: each closes (thread style, keep mode: the thread is locked);

and per action on a support ticket (a channel): an answer cancelling a warning, a close
request posted, answered (Close it) and timed out, an opener who leaves (``notify``).

Discord's rate-limit windows run 50 times faster than the wall clock here (counts unchanged),
as in the end-to-end tests; the requests counted are Discord's own figures.

    .venv/bin/python bench/timers_bench.py [--tickets 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchlib import Requests, load_line, print_command

from bot.discord_app.bot import GuichetBot
from bot.discord_app.pacing import BUDGET_PER_SECOND, GlobalPacer
from bot.domain.custom_ids import Action, encode
from bot.runtime import load_runtime
from bot.sandbox.discord_client import configure_discord_for, start_client, stop_client
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.storage import Database

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.clocks: the same settable clock as the tests'
from tests.clocks import FakeClock  # noqa: E402

SPEEDUP = 50.0
PARTNERS_PANEL = 121212121212121212
THREAD_PARENT = 999999999999999999
SUPPORT_PANEL = 777777777777777777
HOUR = {"delay": "1h"}


def workspace(root: Path) -> None:
    shutil.copytree(REPO / "locales", root / "locales")
    (root / "servers").mkdir()
    text = (REPO / "servers" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace("approval: manual", "approval: automatic")
    text = text.replace("cooldown: 1h30m", "cooldown: 0s").replace("cooldown: 2d", "cooldown: 0s")
    text = text.replace("on_leave: ignore", "on_leave: notify")
    text = text.replace(
        "    transcripts: false\n",
        "    transcripts: false\n    auto_close: {after: 3d, warning: 24h}\n",
    )
    (root / "servers" / "example.yaml").write_text(text, encoding="utf-8")


def counted(emulator: Emulator, mark: int) -> tuple[int, Counter[str]]:
    """Every request since ``mark`` (timers answer no interaction: none is left out)."""
    requests = Requests.of(emulator.recorder.since(mark))
    return requests.total, requests.routes


def show(label: str, total: int, routes: Counter[str], per: int = 1, seconds: float = 0) -> None:
    each = f" ({total / per:.1f} per ticket)" if per > 1 else ""
    took = f", {seconds:.2f}s" if seconds else ""
    print(f"{label}: {total} Discord requests{each}{took}")
    for route, count in routes.most_common():
        print(f"    {count:5d}  {route}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        workspace(root)
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors
        emulator = Emulator()
        emulator.rate_limits.speedup = SPEEDUP
        [server] = runtime.servers
        seeded = seed_from_server(emulator, server)
        members = [
            emulator.add_member(server.guild, f"m{i}", locale=("fr", "en-US")[i % 2])
            for i in range(args.tickets + 2)
        ]
        clock = FakeClock(datetime.now(UTC))
        emulator.state.ids.clock = clock.timestamp
        await emulator.start()
        configure_discord_for(emulator.url)
        db = await Database.open(root / "bench.sqlite3", clock=clock)
        bot = GuichetBot(
            runtime,
            db,
            servers_dir=root / "servers",
            locales_dir=root / "locales",
            guild_ready_timeout=0.05,
            pacer=GlobalPacer(int(BUDGET_PER_SECOND * SPEEDUP)),
            clock=clock,
            timers_in_upkeep=False,  # only the script's sweeps run timers
        )
        task = await start_client(bot, emulator.token, timeout=30)
        await asyncio.wait_for(bot.panels_synced.wait(), 60)
        [panel] = emulator.sent_by_bot(PARTNERS_PANEL)
        started = time.perf_counter()
        for index, member in enumerate(members[: args.tickets]):
            actor = emulator.actor(member.user.id, server.guild)
            exchange = await actor.click(panel, encode(Action.OPEN, "partners", "partnership"))
            await exchange.reply(timeout=30)
            if (index + 1) % 200 == 0:
                print(f"  {index + 1} tickets open ({time.perf_counter() - started:.0f}s)")
        print(f"{args.tickets} thread tickets open in {time.perf_counter() - started:.1f}s")

        async def sweep(label: str) -> None:
            mark, begun = emulator.recorder.mark(), time.perf_counter()
            handled = await bot.scheduler.run_due()
            total, routes = counted(emulator, mark)
            show(
                f"{label} ({handled} timers run)",
                total,
                routes,
                args.tickets,
                time.perf_counter() - begun,
            )

        await sweep("1. sweep, nothing due")
        clock.advance(days=3, seconds=1)
        await sweep("2. sweep, every ticket 3 days quiet: warned")
        # An answer in one warned thread cancels its warning (heard as a message event).
        first = next(
            c for c in emulator.state.channels.values() if c.parent_id == 999999999999999999
        )
        opener = emulator.actor(members[0].user.id, server.guild)
        mark = emulator.recorder.mark()
        await opener.say(first.id, "still here")
        await emulator.wait_for(lambda: counted(emulator, mark)[0] >= 1, timeout=10)
        show("an answer cancelling a warning", *counted(emulator, mark))
        clock.advance(hours=24, seconds=1)
        await sweep("3. sweep 24 h later: closed (all but the one answered)")

        await per_action(emulator, bot, clock, server.guild, members[args.tickets :], seeded)
        await stop_client(bot, task)
        await db.close()
        await emulator.stop()


async def per_action(
    emulator: Emulator,
    bot: GuichetBot,
    clock: FakeClock,
    guild: int,
    members: list[Any],
    seeded: Any,
) -> None:
    """One support ticket (a channel) per action; their auto-close is never due meanwhile."""
    [panel] = emulator.sent_by_bot(SUPPORT_PANEL)
    staff = emulator.actor(seeded.staff[0].user.id, guild)

    async def open_for(member: Any) -> tuple[Any, int]:
        actor = emulator.actor(member.user.id, guild)
        exchange = await actor.select(panel, encode(Action.PICK, "support"), ["other"])
        reply = await exchange.reply(timeout=30)
        return actor, int(reply.content.split("<#")[1].split(">")[0])

    async def measured(label: str, action: Any) -> None:
        mark = emulator.recorder.mark()
        await action()
        # Follow-up requests (the close after the answer, log lines) land after the answer:
        # counted once nothing new came for a second.
        seen = -1
        while (now := counted(emulator, mark)[0]) != seen:
            seen = now
            await asyncio.sleep(1.0)
        total, routes = counted(emulator, mark)
        show(label, total, routes)

    member, channel = await open_for(members[0])

    async def ask() -> None:
        done = await staff.slash(
            "ticket", "close-request", options={"delay": "1h"}, channel=channel
        )
        await done.reply(timeout=10)

    await measured("close request posted", ask)
    prompt = next(m for m in emulator.sent_by_bot(channel) if "close-accept" in str(m.components))
    ticket = int(prompt.components[0]["components"][0]["custom_id"].rsplit(":", 1)[1])

    async def accept() -> None:
        await (await member.click(prompt, encode(Action.CLOSE_ACCEPT, ticket))).response()

    await measured("close request accepted (keep mode: locked)", accept)

    member, channel = await open_for(members[1])
    await (
        await staff.slash("ticket", "close-request", options={"delay": "1h"}, channel=channel)
    ).reply()
    clock.advance(hours=1, seconds=1)

    async def timeout() -> None:
        await bot.scheduler.run_due()

    await measured("close request timed out (staff close: channel deleted)", timeout)

    member, channel = await open_for(members[0])
    await measured("opener leaves (on_leave: notify)", member.leave_guild)


if __name__ == "__main__":
    asyncio.run(main())
