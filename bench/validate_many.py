"""Time ``guichet validate`` (the whole process, as CI runs it) on many generated servers.

.venv/bin/python bench/validate_many.py                      # 1000 servers, 5 runs, median
.venv/bin/python bench/validate_many.py -n 200 --broken 5    # 5 files with errors
.venv/bin/python bench/validate_many.py --out /tmp/many      # keep the files

Each server has its YAML (~70 lines) and a .ftl file per locale written the way translators
write them (comments, group headings, multi-line texts, an attribute, a term), not
one-line stubs. The command it times is printed; its output's digest lets two versions be
compared for unchanged diagnostics.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


FTL = """\
# Texts of {name}.yaml ({locale}). Translators: keep the ids, change the words.

-brand = Shop {index}

## Support system

topic-billing = Billing ({locale} {index})
topic-billing-desc = Invoices, payments and refunds
topic-billing-welcome =
    Thanks for contacting us about billing.
    A member of the team will answer soon; meanwhile, please add your order number
    and what you expected to happen.
q-order = Order number
    .hint = as printed on the invoice
q-order-placeholder = e.g. FR-2024-0001
q-details = Anything else we should know?
topic-bug = Report a bug
topic-bug-desc = Something does not work as expected
q-steps = Steps to reproduce
topic-other = Something else

## Partners

# Shown on the partnership button and in the ticket's first message.
topic-partnership = Partnership
topic-partnership-welcome =
    Hello! Tell us about your community and what you build with {{ -brand }}:
    how many members, what you do together, and what you would like from us.

## Panels

panel-support-title = Need help?
panel-support-text =
    Pick a topic below to open a ticket.
    The {{ -brand }} team answers within 24 hours, weekends included.
panel-support-placeholder = Pick a topic…
panel-partners-title = Partnerships
panel-partners-text = Want to become a partner? Click the button below.
"""


def generate(root: Path, count: int, broken: int = 0) -> Path:
    """Write ``count`` servers under ``root/servers`` and their texts under ``root/locales``;
    the first ``broken`` ones have an error each (a missing text, a wrong value)."""
    servers = root / "servers"
    servers.mkdir(parents=True)
    # An admin's repository holds only the servers' texts: the bot's own come with it.
    for locale in LOCALES:
        (root / "locales" / locale / "servers").mkdir(parents=True)
    for index in range(count):
        name = f"server-{index:05d}"
        text = SERVER.format(
            guild=100000000000000000 + index,
            locale=LOCALES[index % 2],
            role=200000000000000000 + index,
            channel=30000000000000000 + index,
        )
        if index < broken:
            text = text.replace("style: thread", "style: thred").replace(
                "title: panel-partners-title", "title: panel-partners-titel"
            )
        (servers / f"{name}.yaml").write_text(text, encoding="utf-8")
        for locale in LOCALES:
            ftl = FTL.format(name=name, locale=locale, index=index)
            (root / "locales" / locale / "servers" / f"{name}.ftl").write_text(ftl, "utf-8")
    return servers


def command(root: Path) -> list[str]:
    guichet = Path(sys.executable).with_name("guichet")
    return [str(guichet), "validate", str(root / "servers"), "--locales", str(root / "locales")]


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    running = Path("/proc/loadavg").read_text(encoding="ascii").split()[3]
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}, {running} running, {os.cpu_count()} cores"


def run(root: Path, count: int, runs: int, broken: int) -> None:
    root = root.resolve()
    generate(root, count, broken)
    cmd = command(root)
    print("command:", " ".join(cmd))
    before = load_line()
    times = []
    digests = set()
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False, cwd=root)
        times.append(time.perf_counter() - start)
        # Paths without the temporary folder: two versions' outputs compare equal.
        output = (done.stdout + done.stderr).replace(str(root).encode(), b"<root>")
        digests.add(hashlib.sha256(output).hexdigest()[:16])
        expected = 1 if broken else 0
        if done.returncode != expected:
            raise SystemExit(f"exit {done.returncode}: {done.stderr.decode()[-2000:]}")
    print(f"load:     {before} before; {load_line()} after")
    print(f"files:    {count} servers, {count * len(LOCALES)} server .ftl files, {broken} broken")
    print(f"runs:     {' '.join(f'{t:.2f}' for t in times)} s")
    print(f"median:   {statistics.median(times):.2f} s (whole process, {runs} runs)")
    print(f"output:   {len(done.stderr.splitlines())} stderr lines, digest {' '.join(digests)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--broken", type=int, default=0, help="files with an error each")
    parser.add_argument("--out", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    if args.out:
        run(args.out, args.count, args.runs, args.broken)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), args.count, args.runs, args.broken)


if __name__ == "__main__":
    main()
