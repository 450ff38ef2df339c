"""Render a generated 1,000-message ticket and print the time (median) and the HTML size.

Run: .venv/bin/python bench/transcript_bench.py [messages] [runs]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.i18n import Catalog
from bot.transcripts import (
    MentionNames,
    MessageOrder,
    TranscriptAttachment,
    TranscriptAuthor,
    TranscriptEmbed,
    TranscriptMessage,
    TranscriptMeta,
    render_transcript,
)

LOCALES = Path(__file__).resolve().parents[1] / "locales"
START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

TEXTS = (
    "Hello, I can't log in since this morning.",
    "Could you send the **order number** and the _email_ you used?",
    "Sure: `ORD-2026-1142`, and it's the one on my profile ||secret@example.org||",
    "> I can't log in\nDid you try resetting your password? See https://example.org/reset.",
    (
        'Here is the log:\n```py\nTraceback (most recent call last):\n  File "app.py", line 3\n'
        "    raise LoginError('<denied>')\nLoginError: <denied>\n```"
    ),
    "Thanks <@1001>! Pinging <@&2001> for the refund, see <#3001> <:thumbsup:4001>",
    "~~never mind~~ __found it__, it was in [the docs](https://example.org/docs).",
    "<script>alert('no')</script> \"><img src=x onerror=alert(1)>",
    "# Summary\n- refund issued\n- account unlocked\n-# closed by staff",
)


def make_messages(count: int, seed: int = 7) -> list[TranscriptMessage]:
    rng = random.Random(seed)
    authors = [
        TranscriptAuthor(1000 + i, f"user{i}", f"User {i}", f"https://cdn.example/{i}.png")
        for i in range(4)
    ] + [TranscriptAuthor(9000, "guichet", "Guichet", None, bot=True, colour=0x5865F2)]
    messages = []
    when = START
    for i in range(count):
        when += timedelta(seconds=rng.choice((20, 90, 300, 900)))
        attachments = ()
        if rng.random() < 0.1:
            attachments = (
                TranscriptAttachment(
                    f"screenshot-{i}.png",
                    f"https://cdn.example/a/{i}.png",
                    rng.randint(1, 9_000_000),
                ),
            )
        embeds = ()
        if rng.random() < 0.08:
            embeds = (
                TranscriptEmbed(
                    title=f"Ticket update {i}",
                    description="Status changed to **waiting**.",
                    colour=0x57F287,
                    fields=(("Priority", "high"), ("Claimed by", "<@1001>")),
                    footer="Guichet",
                ),
            )
        messages.append(
            TranscriptMessage(
                id=(i + 1) << 22,
                author=rng.choice(authors),
                created_at=when,
                content=rng.choice(TEXTS),
                edited_at=when + timedelta(minutes=1) if rng.random() < 0.05 else None,
                attachments=attachments,
                embeds=embeds,
                reply_to=((i - 3) << 22) if i > 3 and rng.random() < 0.05 else None,
            )
        )
    return messages


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    catalog = Catalog.load(LOCALES)
    messages = make_messages(count)
    opener = messages[0].author
    meta = TranscriptMeta(
        "Bench server", 1, 1142, "ticket-1142", "Billing", opener, START, START + timedelta(days=1),
        "fr", opener, "bench",
    )  # fmt: skip
    names = MentionNames(roles={2001: "Support"}, channels={3001: "faq"})
    newest_first = list(reversed(messages))
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        transcript = render_transcript(
            meta, newest_first, catalog.translate, resolver=names, order=MessageOrder.NEWEST_FIRST
        )
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    render_transcript(meta, newest_first, catalog.translate, resolver=names)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"messages:           {transcript.message_count}")
    print(f"render (median/{runs}): {statistics.median(timings) * 1000:.1f} ms")
    print(f"html size:          {transcript.html_bytes} bytes")
    print(f"text size:          {len(transcript.text.encode('utf-8'))} bytes")
    print(f"peak memory:        {peak / 1e6:.1f} MB (tracemalloc, one render)")


if __name__ == "__main__":
    main()
