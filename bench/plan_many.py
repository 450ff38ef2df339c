"""Plan panels for many generated servers and print how long each step takes.

Run: .venv/bin/python bench/plan_many.py [servers] [panels-per-server]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.config.specs import PanelKind, PanelSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain.records import PanelRecord
from bot.reconcile.desired import desired_panels
from bot.reconcile.plan import plan_panels
from bot.reconcile.render import render_plan, render_plan_json


def translate(msg_id: str, locale: str | None, **args: object) -> str:
    # Stands in for Catalog.translate: the bench measures the reconciler, not Fluent.
    return f"{msg_id} ({locale}) {sorted(args.items())}"


def make_servers(count: int, panels: int) -> list[ServerSpec]:
    topics = tuple(TopicSpec(f"t{i}", f"topic-{i}", f"topic-{i}-desc", "🎫") for i in range(8))
    system = SystemSpec("support", Style.CHANNEL, topics, category=1)
    kinds = (PanelKind.BUTTONS, PanelKind.SELECT)
    return [
        ServerSpec(
            name=f"server-{s}",
            source=Path(f"servers/server-{s}.yaml"),
            guild=10_000 + s,
            locale="fr" if s % 2 else "en-US",
            systems=(system,),
            panels=tuple(
                PanelSpec(
                    f"panel-{p}", 100_000 + s * 10 + p, "support", "title", "text", kinds[p % 2]
                )
                for p in range(panels)
            ),
        )
        for s in range(count)
    ]


def main() -> None:
    servers_n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    panels_n = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    servers = make_servers(servers_n, panels_n)

    start = time.perf_counter()
    desired = desired_panels(servers, translate)
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
    print(f"{servers_n} servers x {panels_n} panels = {len(desired)} panels; plan {counts}")
    print(f"render panels + hashes: {(rendered - start) * 1000:8.1f} ms")
    print(f"plan:                   {(planned - before_plan) * 1000:8.1f} ms")
    print(
        f"render plan text+json:  {(shown - planned) * 1000:8.1f} ms "
        f"({len(text)} + {len(json_text)} chars)"
    )
    print(f"total:                  {(shown - start) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
