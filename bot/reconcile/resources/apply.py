"""Carry out a resource plan through the ports, in dependency order: roles, then categories,
then channels (a channel's overwrites name roles, its parent is a category), each created
with its overwrites inline; deletes last, channels before the categories and roles they use.

A failure is recorded for that resource and the others go on (a channel whose category or
role could not be made is created without it, and fixed by the next apply); the store only
learns about what Discord accepted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.config.resource_specs import CHANNEL_TYPE, ResourceKind
from bot.domain.port_errors import GONE, PortError, PortErrorKind
from bot.domain.resource_records import Origin, ResourceRecord
from bot.reconcile.resources.changes import ResourceAction, ResourceChange, ResourcePlan
from bot.reconcile.resources.port import ResourcePort, ResourceStore
from bot.reconcile.resources.state import Namer


class ResourceOutcome(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # blocked by the plan (see its warnings)
    DEFERRED = "deferred"  # a rename Discord would refuse yet: done by a later apply


@dataclass(frozen=True, slots=True)
class ResourceResult:
    change: ResourceChange
    outcome: ResourceOutcome
    discord_id: int | None = None
    error: PortErrorKind | None = None


@dataclass(frozen=True, slots=True)
class ResourceReport:
    results: tuple[ResourceResult, ...] = ()

    def count(self, outcome: ResourceOutcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def ok(self) -> bool:
        return not any(r.outcome is ResourceOutcome.FAILED for r in self.results)

    def ids(self) -> dict[tuple[int, str], int]:
        return {
            (r.change.guild_id, r.change.key): r.discord_id
            for r in self.results
            if r.discord_id is not None and r.outcome is ResourceOutcome.OK
        }


def payload(
    kind: ResourceKind, state: Mapping[str, Any], namer: Namer, fields: tuple[str, ...] | None
) -> dict[str, Any]:
    """The JSON Discord takes; ``fields``: only those (an edit), None: everything (a create)."""

    def wanted(name: str) -> bool:
        return fields is None or name in fields

    if kind is ResourceKind.ROLE:
        out: dict[str, Any] = {}
        for name in ("name", "color", "hoist", "mentionable"):
            if wanted(name):
                out[name] = state[name]
        if wanted("permissions"):
            out["permissions"] = str(state["permissions"])
        return out
    out = {}
    if fields is None:
        out["type"] = CHANNEL_TYPE[kind]
    if wanted("name"):
        out["name"] = state["name"]
    if "position" in state and wanted("position"):
        out["position"] = state["position"]
    if kind is ResourceKind.CHANNEL:
        if wanted("topic") and (state.get("topic") is not None or fields is not None):
            out["topic"] = state.get("topic")
        if wanted("parent"):
            out["parent_id"] = _id_text(namer.reference(state.get("parent")))
    if wanted("overwrites"):
        overwrites = []
        for term, allow, deny in state["overwrites"]:
            target = namer.target(term)
            if target is None:
                continue  # its role could not be made: the next apply adds it
            overwrites.append(
                {"id": str(target[0]), "type": target[1], "allow": str(allow), "deny": str(deny)}
            )
        out["permission_overwrites"] = overwrites
    return out


def _id_text(value: int | None) -> str | None:
    return None if value is None else str(value)


async def apply_resources(
    plan: ResourcePlan,
    port: ResourcePort,
    store: ResourceStore,
    *,
    now: Callable[[], datetime],
) -> ResourceReport:
    results: list[ResourceResult] = []
    by_guild: dict[int, list[ResourceChange]] = {}
    for change in plan.changes:
        by_guild.setdefault(change.guild_id, []).append(change)
    for guild_id, changes in by_guild.items():
        ids = {c.key: c.record.discord_id for c in changes if c.record is not None}
        namer = Namer(guild_id, port.bot_id(), ids)
        for change in changes:
            if change.action is ResourceAction.UNCHANGED:
                continue
            if change.blocked:
                results.append(ResourceResult(change, ResourceOutcome.SKIPPED))
                continue
            if change.deferred_until is not None:
                results.append(ResourceResult(change, ResourceOutcome.DEFERRED))
                continue
            try:
                found = await _apply_one(change, port, store, namer, now)
            except PortError as error:
                results.append(ResourceResult(change, ResourceOutcome.FAILED, error=error.kind))
                continue
            if found is not None:
                namer.ids[change.key] = found
                namer.keys[found] = change.key
            results.append(ResourceResult(change, ResourceOutcome.OK, discord_id=found))
    return ResourceReport(tuple(results))


async def _apply_one(
    change: ResourceChange,
    port: ResourcePort,
    store: ResourceStore,
    namer: Namer,
    now: Callable[[], datetime],
) -> int | None:
    kind, guild_id = change.kind, change.guild_id
    if change.action is ResourceAction.DELETE:
        assert change.discord_id is not None
        try:
            if kind is ResourceKind.ROLE:
                await port.delete_role(guild_id, change.discord_id)
            else:
                await port.delete_channel(change.discord_id)
        except PortError as error:
            if error.kind not in GONE:  # the port treats an unknown role as gone too
                raise
        await store.delete(guild_id, change.key)
        return None
    if change.action is ResourceAction.LEAVE:
        await store.delete(guild_id, change.key)
        return None
    assert change.effective is not None and change.desired is not None
    state = change.effective
    renames = change.record.renames if change.record is not None else ()
    if change.action is ResourceAction.CREATE:
        body = payload(kind, state, namer, None)
        if kind is ResourceKind.ROLE:
            found = await port.create_role(guild_id, body)
        else:
            found = await port.create_channel(guild_id, body)
        origin = Origin.CREATED
    else:
        found = change.discord_id
        if found is None:  # adopt by name, not refreshed: cannot happen once observed
            raise PortError(PortErrorKind.OTHER)
        if change.fields:
            body = payload(kind, state, namer, change.fields)
            if kind is ResourceKind.ROLE:
                await port.edit_role(guild_id, found, body)
            else:
                await port.edit_channel(found, body)
            if {"name", "topic"} & set(change.fields) and kind is not ResourceKind.ROLE:
                renames = (*renames, now())[-2:]
        if change.action is ResourceAction.ADOPT:
            origin = Origin.ADOPTED
        else:
            origin = change.record.origin if change.record is not None else Origin.CREATED
    record = ResourceRecord(
        guild_id=guild_id,
        key=change.key,
        kind=kind.value,
        discord_id=found,
        origin=origin,
        content_hash=change.desired.content_hash,
        content=json.dumps(dict(change.desired.state), sort_keys=True, ensure_ascii=False),
        renames=tuple(renames),
    )
    await store.upsert(record)
    return found


def with_ids(plan: ResourcePlan, report: ResourceReport) -> dict[int, dict[str, int]]:
    """Declared key → Discord id per guild, after ``report``: what binding uses."""
    out: dict[int, dict[str, int]] = {}
    for change in plan.changes:
        if change.record is not None and change.action not in (
            ResourceAction.DELETE,
            ResourceAction.LEAVE,
        ):
            out.setdefault(change.guild_id, {})[change.key] = change.record.discord_id
    for (guild_id, key), found in report.ids().items():
        out.setdefault(guild_id, {})[key] = found
    return out
