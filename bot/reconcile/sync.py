"""Plan and apply the panels of a set of servers: the one path shared by the CLI and the bot.

Only guilds with a valid server file are reconciled. A guild whose file is invalid (or gone)
is not passed in, so none of its records is read and none of its panels is touched: an invalid
configuration never applies partially and never deletes what was there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from bot.config.specs import ServerSpec
from bot.domain.records import PanelRecord
from bot.reconcile.apply import ApplyReport, Progress, apply_plan, refresh
from bot.reconcile.commands import CommandChange
from bot.reconcile.desired import desired_panels
from bot.reconcile.inputs import PanelInputs
from bot.reconcile.panels import PanelMessage, Translate
from bot.reconcile.plan import DesiredPanel, Plan, plan_panels
from bot.reconcile.port import PanelPort, PanelStore, PortError, PortErrorKind
from bot.reconcile.safety import UnsafePlanError, check_safety


@dataclass(frozen=True, slots=True)
class PanelSync:
    plan: Plan
    report: ApplyReport | None = None  # None when nothing was applied (dry run or refused)
    unsafe: UnsafePlanError | None = None
    refresh_errors: dict[int, PortErrorKind] | None = None
    commands: tuple[CommandChange, ...] = ()  # slash-command syncs planned (and done, if applied)
    records: tuple[PanelRecord, ...] = ()  # what the store held before: the plan's "before"
    # With --refresh: ids the server files name that Discord no longer has (config
    # Diagnostics, at their file and line).
    drift: tuple[Any, ...] = ()
    resources: Any = None  # bot.reconcile.resources.sync.ResourceSync, applied first

    def previous(self) -> dict[tuple[int, str], PanelMessage]:
        """The panels as last sent, for a field-by-field diff (rows stored before V005: none)."""
        return {
            (r.guild_id, r.panel_id): PanelMessage.from_discord_payload(json.loads(r.content))
            for r in self.records
            if r.content
        }


async def _records(servers: Iterable[ServerSpec], store: PanelStore) -> list[PanelRecord]:
    """Their records in one read, in the servers' order (each guild's as stored)."""
    servers = list(servers)
    by_guild: dict[int, list[PanelRecord]] = {s.guild: [] for s in servers}
    for record in await store.list_for_guilds(by_guild):
        by_guild[record.guild_id].append(record)
    return [record for s in servers for record in by_guild[s.guild]]


async def plan_servers(
    servers: tuple[ServerSpec, ...],
    store: PanelStore,
    translate: Translate,
    *,
    port: PanelPort | None = None,
    adopt: PanelPort | None = None,
    inputs: PanelInputs | None = None,
) -> tuple[Plan, list[PanelRecord], dict[int, PortErrorKind] | None]:
    """The plan for ``servers``; with ``port``, recorded messages are checked in Discord; with
    ``adopt``, panels to create are first looked for among the bot's messages; with
    ``inputs``, a guild whose panels' inputs did not change is planned from its records."""
    records = await _records(servers, store)
    if inputs is not None and port is None:
        desired = await inputs.desired(servers, records, translate)
    else:  # a refresh may find a panel to post again: every panel is rendered
        desired = desired_panels(servers, translate)
    missing = None
    errors = None
    if port is not None:
        checked = await refresh(records, port)
        missing, errors = checked.missing, checked.errors
    if adopt is not None:
        records += await _adopt_unrecorded(desired, records, adopt)
    plan = plan_panels(desired, records, missing=missing)
    return plan, records, errors


# The hash of a panel found in Discord but not in the store: unknown, so it is edited once.
ADOPTED = "adopted"


async def _adopt_unrecorded(
    desired: tuple[DesiredPanel, ...], records: list[PanelRecord], port: PanelPort
) -> list[PanelRecord]:
    """Panels the bot posted but never recorded (a lost database, a crash between posting and
    recording) are found by their components and edited in place instead of posted twice.

    Only panels about to be created are looked for, one read per channel: a steady-state
    apply (nothing to create) reads nothing."""
    recorded = {(r.guild_id, r.panel_id) for r in records}
    taken = {r.message_id for r in records}  # one message never stands for two panels
    wanted = [p for p in desired if (p.guild_id, p.panel_id) not in recorded]
    adopted = []
    for channel_id, panels in groupby(sorted(wanted, key=_channel), key=_channel):
        try:
            found = await port.panels_in(channel_id)
        except PortError:
            continue  # cannot read the channel: the create will report why
        for panel in panels:
            message_id = found.get(panel.message.custom_ids)
            if message_id is not None and message_id not in taken:
                taken.add(message_id)
                record = PanelRecord(
                    panel.guild_id, panel.panel_id, panel.channel_id, message_id, ADOPTED
                )
                adopted.append(record)
    return adopted


def _channel(panel: DesiredPanel) -> int:
    return panel.channel_id


async def sync_panels(
    servers: tuple[ServerSpec, ...],
    store: PanelStore,
    port: PanelPort,
    translate: Translate,
    *,
    refresh_discord: bool = False,
    force: bool = False,
    dry_run: bool = False,
    progress: Callable[[Progress], None] | None = None,
    inputs: PanelInputs | None = None,
) -> PanelSync:
    """``inputs``: remembers what each guild's panels were rendered from, so the next sync
    of unchanged ones renders nothing (:mod:`bot.reconcile.inputs`)."""
    plan, records, errors = await plan_servers(
        servers,
        store,
        translate,
        port=port if refresh_discord else None,
        adopt=port,
        inputs=inputs,
    )
    try:
        check_safety(plan, len(records), force=force)
    except UnsafePlanError as unsafe:
        return PanelSync(plan, unsafe=unsafe, refresh_errors=errors, records=tuple(records))
    if dry_run:
        return PanelSync(plan, refresh_errors=errors, records=tuple(records))
    report = await apply_plan(plan, port, store, progress=progress)
    if inputs is not None:
        await inputs.remember(servers, report, store)
    return PanelSync(plan, report=report, refresh_errors=errors, records=tuple(records))
