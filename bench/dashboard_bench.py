"""The staff dashboard's reads at scale: list pages (filters, sorts, a deep keyset page),
counts per status and transcript search, on SQLite and PostgreSQL. A "list" line is what a
list page costs (its rows and the counts per status of its tabs); "rows only" leaves the
counts out.

Fills one server with N tickets (default 100,000; 70 % closed, each closed one with a
transcript of ~80 words, so 70,000 transcripts) through the real migrations, then times each
query through :class:`bot.storage.ticket_browse.TicketBrowser`, the code the dashboard runs
(warm cache: median and 95th percentile of 30 runs, in ms). PostgreSQL runs in a database of
its own, created and dropped here.

    .venv/bin/python bench/dashboard_bench.py [--tickets 100000] [--runs 30]
        [--postgres postgresql://root@127.0.0.1:5432/test]   # or GUICHET_TEST_POSTGRES
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from benchlib import load_line, print_command

from bot.domain.ticket_browse import BrowseFilter, Cursor, Sort, search_terms
from bot.domain.tickets import Priority, TicketStatus
from bot.storage import ConnectOptions, Database, Engine, parse_target
from bot.storage.codec import time_to_db
from bot.storage.ticket_browse import TicketBrowser

GUILD = 123456789012345678
START = datetime(2024, 1, 1, tzinfo=UTC)
WORDS = (  # noqa: SIM905 - a sentence reads better than a list here
    "bonjour merci commande facture colis livraison remboursement paiement compte mot passe "
    "hello thanks order invoice parcel delivery refund payment account password problem "
    "erreur error serveur server rôle role salon channel bot ticket urgent aide help"
).split()
STATUSES = ["closed"] * 7 + ["open", "in_progress", "on_hold"]
PRIORITIES = ["normal"] * 6 + ["low", "high", "high", "urgent"]


def rows(count: int, rng: random.Random) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    tickets, transcripts = [], []
    for number in range(1, count + 1):
        opened = START + timedelta(minutes=5 * number)
        status = rng.choice(STATUSES)
        closed = opened + timedelta(hours=rng.randint(1, 72)) if status == "closed" else None
        claimed = 9000 + rng.randrange(20) if rng.random() < 0.6 else None
        tickets.append(
            (
                number, GUILD, number, "support", rng.choice(["billing", "bug", "other", "x"]),
                10_000 + rng.randrange(20_000), 10**12 + number, "channel", status,
                rng.choice(PRIORITIES), claimed, "fr", "[]", time_to_db(opened),
                time_to_db(closed) if closed else None, f"bench-{number}", "active",
            )
        )  # fmt: skip
        if closed is not None:
            words = [rng.choice(WORDS) for _ in range(80)]
            words.insert(rng.randrange(80), f"ref{number}")
            transcripts.append(
                (number, number, time_to_db(closed), "<p>…</p>", " ".join(words), 12)
            )
    return tickets, transcripts


async def fill(db: Database, count: int) -> float:
    started = time.perf_counter()
    tickets, transcripts = rows(count, random.Random(18))
    async with db.transaction():
        # In batches: one statement stays within GUICHET_DATABASE_TIMEOUT.
        for start in range(0, len(tickets), 5000):
            await db.execute_many(
                "INSERT INTO tickets (id, guild_id, number, system_id, topic_id, opener_id, "
                "channel_id, style, status, priority, claimed_by, locale, answers, created_at, "
                "closed_at, request_key, creation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tickets[start : start + 5000],
            )
        for start in range(0, len(transcripts), 2000):
            await db.execute_many(
                "INSERT INTO transcripts (id, ticket_id, created_at, html, text, "
                "message_count) VALUES (?, ?, ?, ?, ?, ?)",
                transcripts[start : start + 2000],
            )
    # What autovacuum does in production: statistics, and the visibility map index-only
    # scans (the counts) rely on.
    await db.execute("VACUUM ANALYZE" if db.engine is Engine.POSTGRESQL else "ANALYZE")
    return time.perf_counter() - started


async def timed(call: Callable[[], Awaitable[Any]], runs: int) -> tuple[float, float, Any]:
    result = await call()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = await call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], result


def cases(browser: TicketBrowser, count: int) -> list[tuple[str, Callable[[], Awaitable[Any]]]]:
    every = BrowseFilter()
    deep = Cursor("", count // 2)
    opened_week = BrowseFilter(
        opened_from=START + timedelta(days=100), opened_to=START + timedelta(days=107)
    )
    topic = BrowseFilter(system_id="support", topic_id="bug")

    def rows_only(filters: BrowseFilter, **more: Any) -> Awaitable[Any]:
        return browser.page(GUILD, filters, with_counts=False, **more)

    return [
        ("rows only: newest, first page", lambda: rows_only(every)),
        ("rows only: newest, middle page", lambda: rows_only(every, after=deep)),
        ("rows only: priority sort", lambda: rows_only(every, sort=Sort.PRIORITY)),
        ("rows only: topic", lambda: rows_only(topic)),
        ("list: newest, first page", lambda: browser.page(GUILD, every)),
        ("list: newest, page at the middle", lambda: browser.page(GUILD, every, after=deep)),
        ("list: oldest", lambda: browser.page(GUILD, every, sort=Sort.OLDEST)),
        ("list: priority sort", lambda: browser.page(GUILD, every, sort=Sort.PRIORITY)),
        ("list: recently closed", lambda: browser.page(GUILD, every, sort=Sort.CLOSED)),
        (
            "list: status open",
            lambda: browser.page(GUILD, BrowseFilter(statuses=frozenset({TicketStatus.OPEN}))),
        ),
        (
            "list: urgent + open",
            lambda: browser.page(
                GUILD,
                BrowseFilter(
                    statuses=frozenset({TicketStatus.OPEN}),
                    priorities=frozenset({Priority.URGENT}),
                ),
            ),
        ),
        ("list: claimed by one", lambda: browser.page(GUILD, BrowseFilter(claimed_by=9003))),
        ("list: one opener", lambda: browser.page(GUILD, BrowseFilter(opener_id=10_042))),
        ("list: topic", lambda: browser.page(GUILD, topic)),
        ("list: opened in one week", lambda: browser.page(GUILD, opened_week)),
        ("counts per status alone", lambda: browser.counts(GUILD, every)),
        ("search: one rare word", lambda: browser.search(GUILD, search_terms(f"ref{count // 3}"))),
        ("search: common word", lambda: browser.search(GUILD, search_terms("remboursement"))),
        ("search: two words, prefix", lambda: browser.search(GUILD, search_terms("colis rembour"))),
    ]


async def bench(label: str, db: Database, count: int, runs: int) -> None:
    print(f"\n{label}: filling {count:,} tickets ...", flush=True)
    print(f"  filled in {await fill(db, count):.1f} s")
    browser = TicketBrowser(db)
    for name, call in cases(browser, count):
        median, p95, result = await timed(call, runs)
        size = len(result.tickets) if hasattr(result, "tickets") else len(result)
        print(f"  {name:36} median {median:7.2f} ms   p95 {p95:7.2f} ms   ({size} rows)")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", default=os.environ.get("GUICHET_TEST_POSTGRES"))
    args = parser.parse_args()
    print_command()
    print(f"at the start: {load_line()}")

    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(parse_target(Path(folder) / "bench.sqlite3"))
        try:
            await bench("SQLite", db, args.tickets, args.runs)
        finally:
            await db.close()

    if not args.postgres:
        print("\nPostgreSQL: skipped (pass --postgres URL or set GUICHET_TEST_POSTGRES)")
        return
    import asyncpg

    name = f"guichet_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(args.postgres)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = urlunsplit(urlsplit(args.postgres)._replace(path="/" + name))
        db = await Database.open(parse_target(url), options=ConnectOptions(timeout=300))
        try:
            await bench("PostgreSQL", db, args.tickets, args.runs)
        finally:
            await db.close()
    finally:
        await admin.execute(f'DROP DATABASE "{name}"')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
