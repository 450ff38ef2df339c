"""Discord requests each staff tool of issue 16 costs, against the local emulator, and the
size of a realistic transcript with its attachments kept.

Seeds the emulator from servers/example.yaml (automatic approval, no cooldown, the support
system given an overflow category), runs the real bot once, opens a ticket for a member,
then runs each tool once, alone, and counts from the emulator's recorder what the bot sent
between the command and the moment its queued log lines are posted (after the answer):
"API" are REST calls (log lines included), "interaction" its answers (callback, webhook
edits). Discord's rate limits are on, at Discord's own pace. Last, a 40-message
conversation with three screenshots and a PDF is closed by staff: the transcript's files
and the upload's size are printed.

    .venv/bin/python bench/staff_tools_bench.py
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from benchlib import Requests, copy_tree, load_line, print_command, start_bench_bot

GUILD = 123456789012345678
CATEGORY, OVERFLOW = 555555555555555555, 151515151515151515


def write_server(root: Path) -> None:
    copy_tree(root)
    path = root / "servers" / "example.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("approval: manual", "approval: automatic")
    text = text.replace("cooldown: 1h30m", "cooldown: 0s").replace("cooldown: 2d", "cooldown: 0s")
    text = text.replace(
        "    category: 555555555555555555    # ...in this category\n",
        f"    category: {CATEGORY}\n    overflow_categories: [{OVERFLOW}]\n",
    )
    path.write_text(text, encoding="utf-8")


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_server(root)
        run = await start_bench_bot(root)
        emulator, bot, [seeded] = run.emulator, run.bot, run.seeded
        members = [emulator.add_member(GUILD, f"m{i}", locale="fr") for i in range(3)]
        recorder = emulator.recorder
        owner = emulator.actor(seeded.owner.user.id, GUILD)
        handler = emulator.actor(seeded.staff[1].user.id, GUILD)
        staff = emulator.actor(seeded.staff[0].user.id, GUILD)
        member = emulator.actor(members[0].user.id, GUILD)
        rows: list[tuple[str, int, int, Counter[str]]] = []

        async def measure(label: str, action: Any) -> Any:
            mark = recorder.mark()
            exchange = await action
            reply = await exchange.reply(timeout=30)
            await bot.log_queue.settled(timeout=30)  # log lines are posted after the answer
            counted = Requests.of(recorder.since(mark))
            rows.append((label, counted.api, counted.interaction, counted.routes))
            return reply

        opened = await measure(
            "open a ticket (/ticket open)",
            member.slash("ticket", "open", options={"topic": "support:other"}),
        )
        channel = int(opened.content.split("<#")[1].split(">")[0])
        for index in range(50):  # fill the first category: the next opening overflows
            emulator.add_channel(GUILD, f"old-{index}", parent_id=CATEGORY)
        await asyncio.sleep(0.3)
        other = emulator.actor(members[1].user.id, GUILD)
        await measure(
            "open into an overflow category",
            other.slash("ticket", "open", options={"topic": "support:other"}),
        )

        def ticket(sub: str, actor: Any = handler, *more: str, **options: Any) -> Any:
            return actor.slash("ticket", sub, *more, options=options, channel=channel)

        await measure("/ticket rename (1st)", ticket("rename", name="refund-1"))
        await measure("/ticket rename (2nd)", ticket("rename", name="refund-2"))
        await measure("/ticket rename (3rd: told when)", ticket("rename", name="refund-3"))
        await measure("/ticket tag", ticket("tag", name="refund"))
        await measure(
            "/ticket transfer claim (unclaimed)",
            ticket("transfer", handler, "claim", member=handler.user_id),
        )
        await measure(
            "/ticket transfer claim (claimed)",
            ticket("transfer", handler, "claim", member=staff.user_id),
        )
        third = emulator.actor(members[2].user.id, GUILD)
        await measure("/ticket block", ticket("block", owner, member=third.user_id, reason="spam"))
        await measure(
            "open refused (blocked)",
            third.slash("ticket", "open", options={"topic": "support:other"}),
        )
        await measure("/ticket blocks", ticket("blocks", owner))
        await measure("/ticket unblock", ticket("unblock", owner, member=third.user_id))
        await measure("/ticket move (same system)", ticket("move", staff, topic="support:bug"))
        await measure(
            "/ticket transfer opener",
            ticket("transfer", staff, "opener", member=third.user_id),
        )
        await measure("/ticket stats", ticket("stats", staff, period="all"))

        # A realistic ticket closed with its files kept: 40 messages, three screenshots and a
        # PDF, closed by the owner (a staff close deletes the channel after the transcript).
        screenshots = [os.urandom(180_000 + 20_000 * i) for i in range(3)]
        pdf = os.urandom(650_000)
        for index in range(40):
            speaker = member if index % 3 else staff  # the claimer, after the transfer
            files = []
            if index in (5, 12, 30):
                files = [(f"screen-{index}.png", screenshots.pop(), "image/png")]
            elif index == 20:
                files = [("invoice.pdf", pdf, "application/pdf")]
            await speaker.say(channel, f"message {index} of the conversation", files=files)
        prompt_exchange = await owner.slash(
            "ticket", "close", options={"reason": "solved"}, channel=channel
        )
        prompt = await prompt_exchange.reply(timeout=30)
        confirm = next(
            c["custom_id"]
            for r in prompt.components
            for c in r.get("components", [])
            if c["custom_id"].startswith("guichet:close-confirm:")
        )
        mark = recorder.mark()
        await owner.click(prompt, confirm)
        transcripts = 444444444444444444
        await emulator.wait_for(lambda: emulator.sent_by_bot(transcripts), timeout=60)
        [posted] = emulator.sent_by_bot(transcripts)
        sizes = {
            a.filename: len(emulator.state.attachments[a.id].content) for a in posted.attachments
        }
        uploaded = sum(sizes.values())
        kept = 3 * 200_000 + 650_000  # the raw bytes of the four files, about
        # The close ends with the channel's deletion (and the log lines around it).
        await emulator.wait_for(lambda: channel not in emulator.state.channels, timeout=60)
        await asyncio.sleep(1.0)
        close_requests = len(recorder.since(mark))

        await run.stop()

    print(
        f"transcript of a 40-message ticket with 4 files (~{kept / 1e6:.2f} MB raw): "
        + ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sorted(sizes.items()))
        + f"; upload {uploaded / 1e6:.2f} MB of Discord's 10.49 MB; close click: "
        f"{close_requests} requests"
    )
    print(f"{'tool':40} {'API':>4} {'interaction':>12}  routes (every request)")
    for label, api, answers, routes in rows:
        listed = ", ".join(f"{n}x {r}" for r, n in sorted(routes.items()))
        print(f"{label:40} {api:>4} {answers:>12}  {listed}")
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    asyncio.run(main())
