"""Discord requests and wall time of ``apply`` and of a reload for many servers.

Copies servers/example.yaml into N servers (own ids, a third panel), seeds the local
emulator (Discord's rate limits on, at Discord's pace) and measures, counting every request
the emulator served:

- ``guichet apply`` as it runs (a discord.py client over REST only, the real reconciler and
  panel port): a first apply, a no-op apply (no request), a no-op ``--refresh`` (one GET a
  panel), and an apply after one panel text changed (one PATCH);
- the running bot (started on the same emulator and database) reloading as SIGHUP or
  ``/guichet reload`` do: a no-op reload (no write, no read) and a reload after one panel
  text changed (one PATCH).

Each line says the 429s met and how long exhausted buckets made the client wait (the wall
time includes it), and what real Discord's limits would impose on as many requests.

    .venv/bin/python bench/apply_bench.py [--servers 100] [--no-validate]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchlib import (
    Requests,
    example_servers,
    load_line,
    on_real_discord,
    print_command,
    rest_client,
    seeded_runtime,
    start_bench_bot,
)

from bot.reconcile.sync import sync_panels
from bot.runtime import load_runtime
from bot.sandbox.server import Emulator
from bot.storage import Database, PanelRepository

THIRD_PANEL = """  support-buttons:
    channel: 777777777777777777
    system: support
    kind: buttons
    title: panel-support-title
    text: panel-support-text
"""
# The partners panel's title in the first server's language (fr): one message to edit.
CHANGED = ("panel-partners-title = Partenariats", "panel-partners-title = Partenaires")


async def measure(
    emulator: Emulator, label: str, panels: int, step: Callable[[], Awaitable[Any]]
) -> None:
    mark, limits = emulator.recorder.mark(), emulator.rate_limits.mark()
    started = time.perf_counter()
    await step()
    elapsed = time.perf_counter() - started
    requests = Requests.of(emulator.recorder.since(mark))
    print(
        f"{label:34s} {panels} panels: {requests.total:5d} requests ({requests.writes} writes, "
        f"{requests.reads} reads) in {elapsed:6.2f} s  {dict(requests.routes)}"
    )
    print(f"{'':34s} rate limits: {emulator.rate_limits.costs(limits)}")
    if requests.api:
        print(f"{'':34s} {on_real_discord(requests.api)}")


def change_one_text(root: Path, name: str) -> Callable[[], None]:
    """Change one text of server ``name``; returns what puts it back (a change too)."""
    ftl = root / "locales" / "fr" / "servers" / f"{name}.ftl"
    text = ftl.read_text(encoding="utf-8")
    assert CHANGED[0] in text, ftl
    ftl.write_text(text.replace(CHANGED[0], CHANGED[1], 1), encoding="utf-8")
    return lambda: ftl.write_text(text, encoding="utf-8") and None


async def run(count: int, validate: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        servers = example_servers(root, count, edits=[("panels:\n", "panels:\n" + THIRD_PANEL)])
        runtime, emulator, _ = seeded_runtime(root, validate=validate)
        panels = sum(len(s.panels) for s in runtime.servers)
        await emulator.start()
        db = await Database.open(root / "bench.sqlite3")
        client, _pacer, port = await rest_client(emulator)
        store = PanelRepository(db)

        def apply(*, refresh: bool = False) -> Callable[[], Awaitable[Any]]:
            async def step() -> None:
                loaded = load_runtime(root / "servers", root / "locales")
                result = await sync_panels(
                    loaded.servers,
                    store,
                    port,
                    loaded.catalog.translate,
                    refresh_discord=refresh,
                )
                assert result.report is not None and result.report.ok

            return step

        try:
            await measure(emulator, "first apply", panels, apply())
            await measure(emulator, "no-op apply", panels, apply())
            await measure(emulator, "no-op apply --refresh", panels, apply(refresh=True))
            put_back = change_one_text(root, servers[0].name)
            await measure(emulator, "apply, one text changed", panels, apply())
        finally:
            await client.close()

        run_bot = await start_bench_bot(root, emulator=emulator, db=db)
        try:
            await measure(emulator, "reload, nothing changed", panels, run_bot.bot.reload)
            put_back()  # the text as it was: one panel to edit again
            await measure(emulator, "reload, one text changed", panels, run_bot.bot.reload)
        finally:
            await run_bot.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=100)
    parser.add_argument("--no-validate", action="store_true", help="skip OpenAPI validation")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")
    asyncio.run(run(args.servers, not args.no_validate))
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    main()
