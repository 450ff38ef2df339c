"""Discord requests per operation, every one counted: interaction calls, log lines included.

Seeds the emulator (Discord's rate limits on) with copies of servers/example.yaml (automatic
approval, no cooldown), runs the real bot, and per server does each operation once, one at a
time, reading the emulator's recorder from the click until the bot has been quiet for a
moment (so log lines posted after the answer are counted too):

- open: a channel ticket (select panel) and a thread ticket (button panel);
- claim and unclaim of the channel ticket (``claim_hides``: the support system hides it);
- close: the channel ticket by its opener (keep mode, with transcript), a second channel
  ticket by the owner (``delete-if-admin``: deleted, with transcript), the thread ticket by
  its opener (keep mode, no transcript); ``/ticket close`` and the Confirm click both count;
- the member's summary (``close_summary``, issue 15): part of the support closes above (their
  DM channel opened the first time, the summary with the transcript, its log line); then a
  rating: a button (its dialog), the dialog sent with a comment (the DM edited), its line;
- approval, in one more copy whose support system is ``approval: manual``: a member's
  request (posted in the reception), staff accepting it (the ticket opens), and a second
  request refused by staff (the Refuse click, its reason dialog, the member told by DM);
- reload: ``/guichet reload`` with nothing changed (once per run), and after one panel text
  changed (one edit expected);
- open out of hours (``working_hours`` added to one server's support system, then a reload):
  with ``outside: notice`` (it opens, the answer says when the team is back) and with
  ``outside: refuse``.

Prints the command it reproduces, then per operation the median count over the servers and
its routes (first server). Real Discord would add nothing here: every request is one the
emulator served; the pacing and 429s met are printed.

    .venv/bin/python bench/requests_per_operation.py [--servers 5]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchlib import (
    BUTTON_PANEL,
    SELECT_PANEL,
    example_servers,
    load_line,
    print_command,
    start_bench_bot,
)

from bot.domain.custom_ids import Action, encode
from bot.domain.working_hours import DAYS
from bot.sandbox.command_access_rules import CommandPermission, TargetKind
from bot.sandbox.server import Emulator

STAFF_ROLE = 222222222222222222
RECEPTION = 666666666666666666
QUIET = 1.5  # seconds without a request: the operation is over (429 waits included)


async def quiet(emulator: Emulator, mark: int) -> list[Any]:
    """The requests since ``mark``, once none has come for ``QUIET`` seconds."""
    seen = -1
    while True:
        now = len(emulator.recorder.since(mark))
        if now == seen:
            return emulator.recorder.since(mark)
        seen = now
        await asyncio.sleep(QUIET)


def with_hours(text: str, outside: str) -> str:
    """``text`` (a bench server) with its support system out of hours now, for 3 days."""
    today = datetime.now(UTC).date()
    first, last = today - timedelta(days=1), today + timedelta(days=2)
    days = "".join(f"        {day}: 00:00-24:00\n" for day in DAYS)
    block = (
        f"    working_hours:\n      time_zone: UTC\n      schedule:\n{days}"
        f"      exceptions: [{{date: {first}, until: {last}}}]\n      outside: {outside}\n"
    )
    anchor = "    enabled: true\n    topics:\n      billing:\n"
    assert anchor in text
    return text.replace(anchor, block + anchor, 1)


def button(message: Any, prefix: str) -> str:
    return next(
        c["custom_id"]
        for row in message.components
        for c in row.get("components", [])
        if c["custom_id"].startswith(prefix)
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")

    counts: dict[str, list[int]] = {}
    routes: dict[str, Counter[str]] = {}

    def record(name: str, requests: list[Any]) -> None:
        counts.setdefault(name, []).append(len(requests))
        routes.setdefault(name, Counter(f"{r.method} {r.route}" for r in requests))

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        *fleet, manual = example_servers(root, args.servers + 1)
        path = root / "servers" / f"{manual.name}.yaml"  # its support system: staff decide
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("approval: automatic", "approval: manual", 1), "utf-8")
        run = await start_bench_bot(root)
        emulator = run.emulator
        seeded = {s.guild.id: s for s in run.seeded}
        await quiet(emulator, emulator.recorder.mark())
        limits = emulator.rate_limits.mark()
        started = time.perf_counter()

        for server in fleet:
            guild = server.guild_id
            member = emulator.actor(emulator.add_member(guild, "m", locale="fr").user.id, guild)
            other = emulator.actor(emulator.add_member(guild, "n", locale="en-US").user.id, guild)
            staff = emulator.actor(seeded[guild].staff[0].user.id, guild)
            owner = emulator.actor(seeded[guild].owner.user.id, guild)

            async def opened(exchange: Any) -> int:
                reply = await exchange.reply(timeout=10)
                return int(reply.content.split("<#")[1].split(">")[0])

            async def close(actor: Any, channel: int, name: str) -> None:
                mark = emulator.recorder.mark()
                asked = await actor.slash(
                    "ticket", "close", options={"reason": "bench"}, channel=channel
                )
                prompt = await asked.reply(timeout=10)
                await actor.click(prompt, button(prompt, "guichet:close-confirm:"))
                record(name, await quiet(emulator, mark))

            [select] = emulator.sent_by_bot(server.shifted(SELECT_PANEL))
            [buttons] = emulator.sent_by_bot(server.shifted(BUTTON_PANEL))
            mark = emulator.recorder.mark()
            channel = await opened(
                await member.select(select, encode(Action.PICK, "support"), ["other"])
            )
            record("open, channel style", await quiet(emulator, mark))
            mark = emulator.recorder.mark()
            thread = await opened(
                await other.click(buttons, encode(Action.OPEN, "partners", "partnership"))
            )
            record("open, thread style", await quiet(emulator, mark))

            first = min(emulator.sent_by_bot(channel), key=lambda m: m.id)
            for prefix, name in (
                ("guichet:claim:", "claim (hides)"),
                ("guichet:unclaim:", "unclaim"),
            ):
                mark = emulator.recorder.mark()
                await (await staff.click(first, button(first, prefix))).reply(timeout=10)
                record(name, await quiet(emulator, mark))
                first = min(emulator.sent_by_bot(channel), key=lambda m: m.id)

            for line in range(3):  # a short conversation for the transcript
                await member.say(channel, f"bench line {line}")
            await close(member, channel, "close, channel keep + transcript")
            dm = emulator.dm_channel(member.user_id).id
            [summary] = emulator.sent_by_bot(dm)
            mark = emulator.recorder.mark()
            asked = await member.click(summary, button(summary, "guichet:rate:"))
            await asked.wait_modal(timeout=10)
            rated = await member.submit_modal(asked, {"_comment": "Quick and kind"})
            await rated.response(timeout=10)
            record("rating with a comment (button, dialog)", await quiet(emulator, mark))
            await close(other, thread, "close, thread keep, no transcript")
            second = await opened(
                await member.select(select, encode(Action.PICK, "support"), ["other"])
            )
            await quiet(emulator, emulator.recorder.mark())
            await close(owner, second, "close, channel delete + transcript")

        await approvals(emulator, manual, seeded[manual.guild_id], record)

        # /guichet reload, as staff (the role allowed in the server's Integrations settings).
        guild = fleet[0].guild_id
        [command] = [
            c
            for scope in (guild, None)
            for c in emulator.state.commands.get(scope, {}).values()
            if c.name == "guichet"
        ]
        emulator.set_command_permissions(
            guild, command.id, [CommandPermission(STAFF_ROLE, TargetKind.ROLE, permission=True)]
        )
        staff = emulator.actor(seeded[guild].staff[0].user.id, guild)
        mark = emulator.recorder.mark()
        await (await staff.slash("guichet", "reload")).reply(timeout=30)
        record(
            f"/guichet reload, nothing changed ({(args.servers + 1) * 2} panels)",
            await quiet(emulator, mark),
        )
        ftl = root / "locales" / "fr" / "servers" / f"{fleet[0].name}.ftl"
        text = ftl.read_text(encoding="utf-8")
        ftl.write_text(text.replace("= Besoin d'aide ?", "= À l'aide ?"), encoding="utf-8")
        mark = emulator.recorder.mark()
        await (await staff.slash("guichet", "reload")).reply(timeout=30)
        record("/guichet reload, one text changed", await quiet(emulator, mark))

        # Out of hours: the first server's support gets working hours closed from yesterday to
        # the day after tomorrow (whatever the wall clock says), announced then refused.
        member = emulator.actor(emulator.add_member(guild, "h", locale="fr").user.id, guild)
        [select] = emulator.sent_by_bot(fleet[0].shifted(SELECT_PANEL))
        server_file = root / "servers" / f"{fleet[0].name}.yaml"
        plain = server_file.read_text(encoding="utf-8")
        for outside in ("notice", "refuse"):
            server_file.write_text(with_hours(plain, outside), encoding="utf-8")
            reloaded = await (await staff.slash("guichet", "reload")).reply(timeout=30)
            assert fleet[0].name not in reloaded.content, reloaded.content  # no file error
            await quiet(emulator, emulator.recorder.mark())
            mark = emulator.recorder.mark()
            exchange = await member.select(select, encode(Action.PICK, "support"), ["other"])
            await exchange.reply(timeout=10)
            record(f"open out of hours, {outside}", await quiet(emulator, mark))

        wall = time.perf_counter() - started
        met = emulator.rate_limits.costs(limits)
        await run.stop()

    print(f"{args.servers} servers (+1 with manual approval), {wall:.1f} s wall")
    print(f"rate limits met: {met}")
    print(f"{'operation':<48} {'requests':>8}")
    for name, values in counts.items():
        print(f"{name:<48} {statistics.median(values):>8g}")
        print(f"    {dict(routes[name])}")
    print(f"(at the end: {load_line()})")


async def approvals(emulator: Emulator, server: Any, seeded: Any, record: Any) -> None:
    """A request accepted, another refused with a reason, in a manual-approval system."""
    guild = server.guild_id
    staff = emulator.actor(seeded.staff[0].user.id, guild)
    [select] = emulator.sent_by_bot(server.shifted(SELECT_PANEL))
    reception = server.shifted(RECEPTION)

    async def request(name: str, locale: str) -> Any:
        member = emulator.actor(emulator.add_member(guild, name, locale=locale).user.id, guild)
        mark = emulator.recorder.mark()
        await (await member.select(select, encode(Action.PICK, "support"), ["other"])).reply(
            timeout=10
        )
        record("approval: the member's request", await quiet(emulator, mark))
        return max(emulator.sent_by_bot(reception), key=lambda m: m.id)

    asked = await request("a", "fr")
    mark = emulator.recorder.mark()
    await (await staff.click(asked, button(asked, "guichet:accept:"))).reply(timeout=10)
    record("approval: accept (the ticket opens)", await quiet(emulator, mark))

    asked = await request("r", "en-US")
    mark = emulator.recorder.mark()
    ask = await staff.click(asked, button(asked, "guichet:refuse:"))
    await ask.wait_modal()
    await (await staff.submit_modal(ask, {"_reason": "Please use the FAQ"})).reply(timeout=10)
    record("approval: refuse (reason dialog, DM)", await quiet(emulator, mark))


if __name__ == "__main__":
    asyncio.run(main())
