"""Plan panels for many servers and print how long each step takes, every text rendered
through the real Fluent catalog.

Copies servers/example.yaml into N servers (own ids; its select and button panels plus
copies of the select panel up to the panels asked per server), loads them as the bot does
(``load_runtime``: YAML, validation, each server's Fluent bundle), then renders every panel
in its server's language with ``Catalog.translate`` and hashes it (once cold: the first
use of a server's texts builds its Fluent messages; then warm, as a reload finds them),
plans against stored records (a third up to date, a third changed, a third new), and
renders the plan as text (English) and JSON. No Discord request is made (no emulator).

    .venv/bin/python bench/plan_many.py [servers] [panels-per-server]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchlib import example_servers, load_line, print_command

from bot.domain.records import PanelRecord
from bot.reconcile.desired import desired_panels
from bot.reconcile.plan import plan_panels
from bot.reconcile.render import render_plan, render_plan_json
from bot.runtime import load_runtime

EXAMPLE_PANELS = 2  # servers/example.yaml's select and button panels
EXTRA_PANEL = """  support-more-{n}:
    channel: 777777777777777777
    system: support
    kind: select
    title: panel-support-title
    text: panel-support-text
"""


def main() -> None:
    servers_n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    panels_n = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print_command()
    print(f"at the start: {load_line()}")
    extra = "".join(EXTRA_PANEL.format(n=n) for n in range(max(0, panels_n - EXAMPLE_PANELS)))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        example_servers(root, servers_n, edits=[("panels:\n", "panels:\n" + extra)])
        loading = time.perf_counter()
        runtime = load_runtime(root / "servers", root / "locales")
        assert not runtime.errors, runtime.errors[:3]
        loaded = time.perf_counter()

    translate = runtime.catalog.translate
    start = time.perf_counter()
    desired_panels(runtime.servers, translate)  # the first use builds each bundle's messages
    cold = time.perf_counter()
    desired = desired_panels(runtime.servers, translate)
    rendered = time.perf_counter()
    # A third of the panels are up to date, a third changed, a third new.
    records = [
        PanelRecord(
            d.guild_id, d.panel_id, d.channel_id, i, d.message.content_hash if i % 3 else "x"
        )
        for i, d in enumerate(desired)
        if i % 3 != 2
    ]
    before_plan = time.perf_counter()
    plan = plan_panels(desired, records)
    planned = time.perf_counter()
    text = render_plan(plan, translate, "en-US")
    json_text = render_plan_json(plan)
    shown = time.perf_counter()

    counts = {a.value: n for a, n in plan.counts().items()}
    per_server = len(desired) // max(servers_n, 1)
    print(f"{servers_n} servers x {per_server} panels = {len(desired)} panels; plan {counts}")
    print(f"load servers (YAML, checks, Fluent): {(loaded - loading) * 1000:8.1f} ms")
    print(f"render panels (Fluent), first time:  {(cold - start) * 1000:8.1f} ms")
    print(f"render panels (Fluent) + hashes:     {(rendered - cold) * 1000:8.1f} ms")
    print(f"plan:                                {(planned - before_plan) * 1000:8.1f} ms")
    print(
        f"render plan text+json:               {(shown - planned) * 1000:8.1f} ms "
        f"({len(text)} + {len(json_text)} chars)"
    )
    print(f"render + plan + show, warm:          {(shown - cold) * 1000:8.1f} ms")
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    main()
