"""Discord requests and wall time of ``apply`` for many servers: a first apply and a no-op one.

Generates N server files from servers/example.yaml (own guild and channel ids, a third panel),
seeds the local emulator with them, logs a discord.py client in (REST only, as ``guichet
apply`` does) and applies twice through the real reconciler and panel port. Requests are
counted by the emulator's recorder. Discord's rate limits are on, at Discord's own pace
(bot.sandbox.rate_limit_figures): each line says how many 429s the client met (by scope) and
how long exhausted buckets made it wait, which the wall time includes.

    .venv/bin/python bench/apply_bench.py [--servers 100]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import discord

from bot.discord_app.bot import intents
from bot.discord_app.pacing import pace_client
from bot.discord_app.panel_port import DiscordPanelPort
from bot.reconcile.sync import sync_panels
from bot.runtime import load_runtime
from bot.sandbox.discord_client import configure_discord_for
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator, load_validator
from bot.storage import Database, PanelRepository

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_IDS = (
    123456789012345678,
    222222222222222222,
    333333333333333333,
    444444444444444444,
    555555555555555555,
    666666666666666666,
    777777777777777777,
    888888888888888888,
    999999999999999999,
    121212121212121212,
)
THIRD_PANEL = """  support-buttons:
    channel: 777777777777777777
    system: support
    kind: buttons
    title: panel-support-title
    text: panel-support-text
"""


def generate(root: Path, count: int) -> None:
    (root / "servers").mkdir(parents=True)
    shutil.copytree(REPO / "locales", root / "locales")
    template = (REPO / "servers" / "example.yaml").read_text(encoding="utf-8")
    template = template.replace("panels:\n", "panels:\n" + THIRD_PANEL, 1)
    for index in range(count):
        text = template
        for old in EXAMPLE_IDS:
            text = text.replace(str(old), str(old + 1000 * (index + 1)))
        name = f"bench{index:03d}"
        (root / "servers" / f"{name}.yaml").write_text(text, encoding="utf-8")
        for locale in ("en-US", "fr"):
            source = root / "locales" / locale / "servers" / "example.ftl"
            shutil.copy(source, root / "locales" / locale / "servers" / f"{name}.ftl")
    for locale in ("en-US", "fr"):
        (root / "locales" / locale / "servers" / "example.ftl").unlink()


async def run(count: int, validate: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, count)
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors[:3]
        emulator = Emulator(validator=load_validator() if validate else None)
        for server in runtime.servers:
            seed_from_server(emulator, server)
        await emulator.start()
        configure_discord_for(emulator.url)
        db = await Database.open(root / "guichet.sqlite3")
        client = discord.Client(intents=intents())
        pacer = pace_client(client)  # as guichet apply does
        await client.login(emulator.token)
        port = DiscordPanelPort(client.http, lambda: client.user.id if client.user else None)
        store = PanelRepository(db)
        try:
            for label in ("first apply", "no-op apply", "no-op apply --refresh"):
                mark = emulator.recorder.mark()
                limits = emulator.rate_limits.mark()
                paced = pacer.waited
                started = time.perf_counter()
                result = await sync_panels(
                    runtime.servers,
                    store,
                    port,
                    runtime.catalog.translate,
                    refresh_discord=label.endswith("--refresh"),
                )
                elapsed = time.perf_counter() - started
                assert result.report is not None and result.report.ok
                requests = emulator.recorder.since(mark)
                routes = Counter(f"{r.method} {r.route}" for r in requests)
                writes = sum(1 for r in requests if r.is_write)
                print(
                    f"{label:24s} {count} servers x 3 panels: {len(requests):5d} requests "
                    f"({writes} writes) in {elapsed:6.2f} s  {dict(routes)}"
                )
                print(
                    f"{'':24s} rate limits: {emulator.rate_limits.costs(limits)}; "
                    f"the bot's own pacing held requests back {pacer.waited - paced:.1f} s in all"
                )
        finally:
            await client.close()
            await db.close()
            await emulator.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=100)
    parser.add_argument("--no-validate", action="store_true", help="skip OpenAPI validation")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(run(args.servers, not args.no_validate))


if __name__ == "__main__":
    main()
