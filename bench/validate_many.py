"""Time ``load_servers`` on many generated server files.

.venv/bin/python bench/validate_many.py               # 1000 files in a temp dir
.venv/bin/python bench/validate_many.py -n 200 --out /tmp/many   # keep them, e.g. for
time .venv/bin/guichet validate /tmp/many/servers
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bot.config import load_servers
from bot.i18n import Catalog

REPO_LOCALES = Path(__file__).resolve().parents[1] / "locales"
LOCALES = ("en-US", "fr")

# One realistic server: two systems, four topics, questions, two panels (~70 lines).
SERVER = """\
# yaml-language-server: $schema=../schemas/server.schema.json
guild: {guild}
locale: {locale}
staff_roles: [{role}]
channels:
  log: {channel}1
  transcripts: "{channel}2"
systems:
  support:
    style: channel
    category: {channel}3
    approval: manual
    reception: {channel}4
    handlers: [{role}, {channel}5]
    mention_handlers: true
    require_reason: true
    max_open_per_member: 2
    cooldown: 1h30m
    channel_name: "{{topic}}-{{number}}"
    on_close: delete-if-admin
    claim_hides: true
    topics:
      billing:
        emoji: "💳"
        label: topic-billing
        description: topic-billing-desc
        welcome: topic-billing-welcome
        questions:
          - id: order
            label: q-order
            min_length: 5
            max_length: 20
            placeholder: q-order-placeholder
          - {{id: details, label: q-details, style: paragraph, required: false}}
      bug:
        emoji: "🐛"
        label: topic-bug
        description: topic-bug-desc
        questions:
          - {{id: steps, label: q-steps, style: paragraph, min_length: 20}}
      other:
        label: topic-other
  partners:
    style: thread
    channel: {channel}6
    cooldown: 2d
    channel_name: "partner-{{member}}"
    transcripts: false
    topics:
      partnership:
        emoji: "<:handshake:101010101010101010>"
        label: topic-partnership
        welcome: topic-partnership-welcome
panels:
  support:
    channel: {channel}7
    system: support
    kind: select
    title: panel-support-title
    text: panel-support-text
    placeholder: panel-support-placeholder
    topics: [billing, bug, other]
    color: "#5865F2"
    image: https://example.com/banner.png
  partners:
    channel: {channel}8
    system: partners
    title: panel-partners-title
    text: panel-partners-text
"""

MESSAGES = [
    "topic-billing",
    "topic-billing-desc",
    "topic-billing-welcome",
    "q-order",
    "q-order-placeholder",
    "q-details",
    "topic-bug",
    "topic-bug-desc",
    "q-steps",
    "topic-other",
    "topic-partnership",
    "topic-partnership-welcome",
    "panel-support-title",
    "panel-support-text",
    "panel-support-placeholder",
    "panel-partners-title",
    "panel-partners-text",
]


def generate(root: Path, count: int) -> Path:
    """Write ``count`` servers under ``root/servers`` and their texts under ``root/locales``."""
    servers = root / "servers"
    servers.mkdir(parents=True)
    for locale in LOCALES:
        (root / "locales" / locale / "servers").mkdir(parents=True)
        for bot_file in (REPO_LOCALES / locale).glob("*.ftl"):  # the bot's own messages
            shutil.copy(bot_file, root / "locales" / locale / bot_file.name)
    for index in range(count):
        name = f"server-{index:05d}"
        text = SERVER.format(
            guild=100000000000000000 + index,
            locale=LOCALES[index % 2],
            role=200000000000000000 + index,
            channel=30000000000000000 + index,
        )
        (servers / f"{name}.yaml").write_text(text, encoding="utf-8")
        for locale in LOCALES:
            ftl = "".join(f"{m} = {locale} {m} {index}\n" for m in MESSAGES)
            (root / "locales" / locale / "servers" / f"{name}.ftl").write_text(ftl, "utf-8")
    return servers


def run(root: Path, count: int) -> None:
    servers = generate(root, count)
    start = time.perf_counter()
    catalog = Catalog.load(root / "locales")
    loaded = time.perf_counter()
    result = load_servers([servers], catalog)
    done = time.perf_counter()
    if not result.ok or len(result.servers) != count:
        raise SystemExit(f"unexpected result: {result.errors[:3]}")
    print(f"files:            {count} servers, {count * len(LOCALES)} server .ftl files")
    print(f"Catalog.load:     {loaded - start:.2f} s")
    print(f"load_servers:     {done - loaded:.2f} s ({(done - loaded) / count * 1000:.1f} ms/file)")
    print(f"warnings:         {len(result.warnings)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    if args.out:
        run(args.out, args.count)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), args.count)


if __name__ == "__main__":
    main()
