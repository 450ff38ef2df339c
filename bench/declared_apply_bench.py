"""Discord requests of ``apply`` for servers whose roles, category and channels are declared
(issue 17): a first apply on empty servers, a no-op apply, a no-op ``--refresh``, and a repair
after hand-made drift. Each server is servers/example.yaml with every id but the guild's
replaced by a declared resource (2 roles, 1 category, 6 text channels; 2 panels). Runs the
real reconciler through discord.py's REST client against the local emulator (as ``guichet
apply`` does: resources, then the panels bound to their ids); the emulator's recorder counts.

    .venv/bin/python bench/declared_apply_bench.py [--servers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import tempfile
import time
from pathlib import Path

from benchlib import REPO, Requests, load_line, print_command, rest_client, seeded_runtime

from bot.discord_app.declared import apply_declared, resource_port
from bot.reconcile.sync import sync_panels
from bot.sandbox.server import Emulator
from bot.storage import Database, PanelRepository

KEYS = {
    "222222222222222222": "staff",
    "888888888888888888": "billing",
    "333333333333333333": "log",
    '"444444444444444444"': "transcripts",
    "555555555555555555": "tickets",
    "666666666666666666": "reception",
    "999999999999999999": "partners",
    "777777777777777777": "support",
    "121212121212121212": "partners-panel",
}
RESOURCES = """resources:
  roles:
    staff: {name: Staff, permissions: [view_channel, send_messages, read_message_history]}
    billing: {name: Billing, permissions: [view_channel, send_messages]}
  categories:
    tickets:
      name: Tickets
      overwrites:
        "@everyone": {deny: [view_channel]}
        staff: {allow: [view_channel]}
        billing: {allow: [view_channel]}
        "@bot": {allow: [view_channel, manage_channels, send_messages, embed_links, attach_files]}
  channels:
    log: {name: ticket-log, category: tickets}
    transcripts: {name: transcripts, category: tickets}
    reception: {name: reception, category: tickets}
    support:
      name: support
      overwrites:
        "@everyone": {deny: [send_messages]}
        "@bot": {allow: [send_messages, embed_links, read_message_history]}
    partners-panel: {name: partners, overwrites_from: support}
    partners:
      name: partner-tickets
      overwrites:
        "@bot":
          allow: [view_channel, create_private_threads, send_messages_in_threads,
                  manage_threads, embed_links, read_message_history]
"""


def generate(root: Path, count: int) -> None:
    (root / "servers").mkdir(parents=True)
    shutil.copytree(REPO / "locales", root / "locales")
    template = (REPO / "servers" / "example.yaml").read_text(encoding="utf-8")
    for old, key in KEYS.items():
        template = template.replace(old, key)
    template = template.replace("\nsystems:\n", "\n" + RESOURCES + "\nsystems:\n", 1)
    for index in range(count):
        text = template.replace("123456789012345678", str(123456789012345678 + 1000 * index))
        name = f"declared{index:03d}"
        (root / "servers" / f"{name}.yaml").write_text(text, encoding="utf-8")
        for locale in ("en-US", "fr"):
            source = root / "locales" / locale / "servers" / "example.ftl"
            shutil.copy(source, root / "locales" / locale / "servers" / f"{name}.ftl")
    for locale in ("en-US", "fr"):
        (root / "locales" / locale / "servers" / "example.ftl").unlink()


def drift(emulator: Emulator, guild_id: int) -> None:
    """By hand: rename a channel, delete another, change a role."""
    guild = emulator.state.guilds[guild_id]
    channels = {c.name: c for c in guild.channels.values()}
    channels["ticket-log"].name = "old-log"
    emulator.channel_updated(channels["ticket-log"])
    emulator.delete_channel(channels["reception"])
    staff = next(r for r in guild.roles.values() if r.name == "Staff")
    staff.hoist = True
    emulator.role_updated(guild, staff)


async def run(count: int, validate: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, count)
        runtime, emulator, _ = seeded_runtime(root, validate=validate)
        await emulator.start()
        db = await Database.open(root / "guichet.sqlite3")
        client, _pacer, panels = await rest_client(emulator)
        try:
            steps = ("first apply", "no-op apply", "no-op apply --refresh", "repair --refresh")
            for label in steps:
                if label.startswith("repair"):
                    for server in runtime.servers:
                        drift(emulator, server.guild)
                mark = emulator.recorder.mark()
                started = time.perf_counter()
                refresh = label.endswith("--refresh")
                resources, bound = await apply_declared(
                    runtime, db, resource_port(client), refresh=refresh
                )
                result = await sync_panels(
                    bound.reconcilable,
                    PanelRepository(db),
                    panels,
                    bound.catalog.translate,
                    refresh_discord=refresh,
                )
                elapsed = time.perf_counter() - started
                failed = [] if result.report is None else result.report.failed
                for f in failed:
                    print("  panel failed:", f.change.panel_id, f.error)
                assert resources.ok, resources.report
                requests = Requests.of(emulator.recorder.since(mark))
                print(
                    f"{label:22s} {count} server(s) x 9 resources + 2 panels: "
                    f"{requests.total:4d} requests ({requests.writes} writes) in {elapsed:5.2f} s"
                )
                print(f"{'':22s} {dict(sorted(requests.routes.items()))}")
        finally:
            await client.close()
            await db.close()
            await emulator.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--no-validate", action="store_true", help="skip OpenAPI validation")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print_command()
    print(f"at the start: {load_line()}")
    asyncio.run(run(args.servers, not args.no_validate))
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    main()
