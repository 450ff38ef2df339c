"""Plan and apply the panels of a set of servers: the one path shared by the CLI and the bot.

Only guilds with a valid server file are reconciled. A guild whose file is invalid (or gone)
is not passed in, so none of its records is read and none of its panels is touched: an invalid
configuration never applies partially and never deletes what was there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.config.specs import ServerSpec
from bot.domain.records import PanelRecord
from bot.reconcile.apply import ApplyReport, Progress, apply_plan, refresh
from bot.reconcile.commands import CommandChange
from bot.reconcile.desired import desired_panels
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

    def previous(self) -> dict[tuple[int, str], PanelMessage]:
        """The panels as last sent, for a field-by-field diff (rows stored before V005: none)."""
        return {
            (r.guild_id, r.panel_id): PanelMessage.from_discord_payload(json.loads(r.content))
            for r in self.records
            if r.content
        }


async def _records(servers: Iterable[ServerSpec], store: PanelStore) -> list[PanelRecord]:
    records: list[PanelRecord] = []
    for server in servers:
        records += await store.list_for_guild(server.guild)
    return records


async def plan_servers(
    servers: tuple[ServerSpec, ...],
    store: PanelStore,
    translate: Translate,
    *,
    port: PanelPort | None = None,
) -> tuple[Plan, list[PanelRecord], dict[int, PortErrorKind] | None]:
    """The plan for ``servers``; with a ``port``, recorded messages are checked in Discord."""
    records = await _records(servers, store)
    desired = desired_panels(servers, translate)
    missing = None
    errors = None
    if port is not None:
        checked = await refresh(records, port)
        missing, errors = checked.missing, checked.errors
        records += await _adopt_unrecorded(desired, records, port)
    plan = plan_panels(desired, records, missing=missing)
    return plan, records, errors


# The hash of a panel found in Discord but not in the store: unknown, so it is edited once.
ADOPTED = "adopted"


async def _adopt_unrecorded(
    desired: tuple[DesiredPanel, ...], records: list[PanelRecord], port: PanelPort
) -> list[PanelRecord]:
    """Panels the bot posted but never recorded (a lost database, a crash between posting and
    recording) are found by their components and edited in place instead of posted twice."""
    recorded = {(r.guild_id, r.panel_id) for r in records}
    taken = {r.message_id for r in records}  # one message never stands for two panels
    adopted = []
    for panel in desired:
        if (panel.guild_id, panel.panel_id) in recorded:
            continue
        try:
            found = await port.find_panel(panel.channel_id, panel.message)
        except PortError:
            continue  # cannot read the channel: the create will report why
        if found is not None and found not in taken:
            taken.add(found)
            adopted.append(
                PanelRecord(panel.guild_id, panel.panel_id, panel.channel_id, found, ADOPTED)
            )
    return adopted


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
) -> PanelSync:
    plan, records, errors = await plan_servers(
        servers, store, translate, port=port if refresh_discord else None
    )
    try:
        check_safety(plan, len(records), force=force)
    except UnsafePlanError as unsafe:
        return PanelSync(plan, unsafe=unsafe, refresh_errors=errors, records=tuple(records))
    if dry_run:
        return PanelSync(plan, refresh_errors=errors, records=tuple(records))
    report = await apply_plan(plan, port, store, progress=progress)
    return PanelSync(plan, report=report, refresh_errors=errors, records=tuple(records))
