"""Carry out a plan through the ports, one change at a time.

A failure on one panel is recorded for that panel and the others go on; the store only learns
about what Discord accepted, so the next plan retries exactly what failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby

from bot.domain.records import PanelRecord
from bot.reconcile.plan import Change, ChangeAction, DesiredPanel, Plan
from bot.reconcile.port import GONE, PanelPort, PanelStore, PortError, PortErrorKind


class Outcome(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # the delete half of a channel move whose create failed: old panel kept


@dataclass(frozen=True, slots=True)
class ChangeResult:
    change: Change
    outcome: Outcome
    error: PortErrorKind | None = None
    message_id: int | None = None  # the message now holding the panel, after a create/update
    recreated: bool = False  # an update found its message deleted and posted a new one


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """One result per write of the plan (unchanged panels are not listed)."""

    results: tuple[ChangeResult, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def failed(self) -> tuple[ChangeResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.FAILED)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class Progress:
    guild_id: int
    done: int  # guilds finished, this one included
    total: int


async def apply_plan(
    plan: Plan,
    port: PanelPort,
    store: PanelStore,
    *,
    progress: Callable[[Progress], None] | None = None,
) -> ApplyReport:
    """Apply the writes of ``plan``, guild by guild, in plan order."""
    writes = plan.writes()
    by_guild = [(g, list(cs)) for g, cs in groupby(writes, key=lambda c: c.guild_id)]
    results: list[ChangeResult] = []
    for done, (guild_id, changes) in enumerate(by_guild, start=1):
        results += await _apply_guild(changes, port, store)
        if progress is not None:
            progress(Progress(guild_id, done, len(by_guild)))
    return ApplyReport(tuple(results))


async def _apply_guild(
    changes: list[Change], port: PanelPort, store: PanelStore
) -> list[ChangeResult]:
    moved: set[str] = set()  # panels whose create in a new channel succeeded
    results = []
    for change in changes:
        if change.action is ChangeAction.DELETE and change.is_move and change.panel_id not in moved:
            results.append(ChangeResult(change, Outcome.SKIPPED))
            continue
        try:
            result = await _apply_one(change, port, store)
        except PortError as error:
            result = ChangeResult(change, Outcome.FAILED, error.kind)
        if result.outcome is Outcome.OK and change.action is ChangeAction.CREATE and change.is_move:
            moved.add(change.panel_id)
        results.append(result)
    return results


async def _apply_one(change: Change, port: PanelPort, store: PanelStore) -> ChangeResult:
    if change.action is ChangeAction.CREATE:
        assert change.desired is not None
        message_id = await _send(change.desired, port, store)
        return ChangeResult(change, Outcome.OK, message_id=message_id)
    if change.action is ChangeAction.UPDATE:
        assert change.desired is not None and change.current is not None
        desired, current = change.desired, change.current
        try:
            await port.edit_panel(current.channel_id, current.message_id, desired.message)
        except PortError as error:
            if error.kind is not PortErrorKind.UNKNOWN_MESSAGE:
                raise
            # Deleted by hand since it was recorded: post it again.
            message_id = await _send(desired, port, store)
            return ChangeResult(change, Outcome.OK, message_id=message_id, recreated=True)
        await store.upsert(_record(desired, current.message_id))
        return ChangeResult(change, Outcome.OK, message_id=current.message_id)
    if change.action is ChangeAction.DELETE:
        assert change.current is not None
        current = change.current
        try:
            await port.delete_message(current.channel_id, current.message_id)
        except PortError as error:
            if error.kind not in GONE:
                raise
        if not change.is_move:  # a move's create already replaced the record
            await store.delete(current.guild_id, current.panel_id)
        return ChangeResult(change, Outcome.OK)
    return ChangeResult(change, Outcome.OK)


async def _send(desired: DesiredPanel, port: PanelPort, store: PanelStore) -> int:
    message_id = await port.send_panel(desired.channel_id, desired.message)
    await store.upsert(_record(desired, message_id))
    return message_id


def _record(desired: DesiredPanel, message_id: int) -> PanelRecord:
    return PanelRecord(
        guild_id=desired.guild_id,
        panel_id=desired.panel_id,
        channel_id=desired.channel_id,
        message_id=message_id,
        content_hash=desired.message.content_hash,
        content=desired.message.to_json(),
    )


@dataclass(frozen=True, slots=True)
class RefreshResult:
    missing: frozenset[int]  # recorded message ids gone from Discord: pass to plan_panels
    errors: dict[int, PortErrorKind]  # message ids that could not be checked (kept as present)


async def refresh(
    records: Iterable[PanelRecord], port: PanelPort, *, concurrency: int = 4
) -> RefreshResult:
    """Ask Discord which recorded panel messages still exist.

    A message that cannot be checked (e.g. missing access) counts as present, so an outage or
    a permission change never makes the planner post duplicates.
    """
    limit = asyncio.Semaphore(concurrency)
    missing: set[int] = set()
    errors: dict[int, PortErrorKind] = {}

    async def check(record: PanelRecord) -> None:
        async with limit:
            try:
                exists = await port.message_exists(record.channel_id, record.message_id)
            except PortError as error:
                errors[record.message_id] = error.kind
                return
        if not exists:
            missing.add(record.message_id)

    async with asyncio.TaskGroup() as group:
        for record in records:
            group.create_task(check(record))
    return RefreshResult(frozenset(missing), errors)
