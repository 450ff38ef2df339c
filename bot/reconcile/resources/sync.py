"""Plan and apply the declared resources of a set of servers: the path shared by the CLI and
the bot, before the panels (a panel's channel may be one of them).

Discord is read only when there is something to write (or with ``refresh``): a steady-state
apply makes no request at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config.binding import bind_server
from bot.config.resource_specs import ResourceKind
from bot.config.specs import ServerSpec
from bot.domain.port_errors import PortError, PortErrorKind
from bot.domain.resource_records import ResourceRecord
from bot.reconcile.resources.apply import ResourceReport, apply_resources, with_ids
from bot.reconcile.resources.changes import ResourceAction, ResourceChange, ResourcePlan
from bot.reconcile.resources.plan import plan_resources
from bot.reconcile.resources.port import ResourcePort, ResourceStore
from bot.reconcile.resources.state import ObservedGuild, Translate, desired_resources


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ResourceSync:
    plan: ResourcePlan
    report: ResourceReport | None = None  # None: nothing applied (dry run or refused)
    refused: bool = False  # deletes channels in use without force: nothing applied
    ids: Mapping[int, Mapping[str, int]] = field(default_factory=dict)  # guild → key → id
    errors: Mapping[int, PortErrorKind] = field(default_factory=dict)  # guilds not read

    @property
    def ok(self) -> bool:
        return not self.refused and (self.report is None or self.report.ok)


def _declares(server: ServerSpec) -> bool:
    return bool((server.unbound or server).resources)


async def _records(servers: Iterable[ServerSpec], store: ResourceStore) -> list[ResourceRecord]:
    """Their records in one read, in the servers' order (each guild's as stored)."""
    servers = list(servers)
    by_guild: dict[int, list[ResourceRecord]] = {s.guild: [] for s in servers}
    for record in await store.list_for_guilds(by_guild):
        by_guild[record.guild_id].append(record)
    return [record for s in servers for record in by_guild[s.guild]]


def record_ids(records: Iterable[ResourceRecord]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for r in records:
        out.setdefault(r.guild_id, {})[r.key] = r.discord_id
    return out


async def stored_ids(
    servers: Iterable[ServerSpec], store: ResourceStore
) -> dict[int, dict[str, int]]:
    return record_ids(await _records(servers, store))


def bind_servers(
    servers: Iterable[ServerSpec], ids: Mapping[int, Mapping[str, int]]
) -> tuple[ServerSpec, ...]:
    return tuple(bind_server(s, ids.get(s.guild, {})) for s in servers)


async def plan_server_resources(
    servers: tuple[ServerSpec, ...],
    store: ResourceStore,
    translate: Translate,
    *,
    port: ResourcePort | None = None,
    refresh: bool = False,
    force: bool = False,
    now: datetime | None = None,
) -> tuple[ResourcePlan, list[ResourceRecord], dict[int, PortErrorKind]]:
    """The plan from the records; with ``port``, re-planned against Discord for the guilds
    that have something to change (every declaring guild with ``refresh``)."""
    moment = now or _utcnow()
    records = await _records(servers, store)
    desired = desired_resources(servers, translate)
    plan = plan_resources(desired, records, now=moment, force=force)
    errors: dict[int, PortErrorKind] = {}
    if port is None:
        return plan, records, errors
    recorded = {r.guild_id for r in records}
    if refresh:
        guilds = {s.guild for s in servers if _declares(s) or s.guild in recorded}
    else:
        guilds = {c.guild_id for c in plan.changes if c.action is not ResourceAction.UNCHANGED}
    if not guilds:
        return plan, records, errors
    observed: dict[int, ObservedGuild] = {}
    for guild_id in sorted(guilds):
        try:
            observed[guild_id] = await port.observe(guild_id)
        except PortError as error:
            errors[guild_id] = error.kind
    in_use = await _in_use(plan, observed, port)
    # Guilds that could not be read keep their records-only plan (their writes will say why).
    readable = [d for d in desired if d.guild_id in observed]
    plan_seen = plan_resources(
        readable,
        [r for r in records if r.guild_id in observed],
        observed=observed,
        in_use=in_use,
        now=moment,
        force=force,
    )
    unread = tuple(c for c in plan.changes if c.guild_id not in observed)
    return (
        ResourcePlan(tuple(sorted_changes(plan_seen.changes + unread)), refreshed=True),
        records,
        errors,
    )


def sorted_changes(changes: tuple[ResourceChange, ...]) -> list[ResourceChange]:
    # Guild by guild, each guild's changes in the planner's (dependency) order.
    return sorted(changes, key=lambda c: c.guild_id)


async def _in_use(
    plan: ResourcePlan, observed: Mapping[int, ObservedGuild], port: ResourcePort
) -> dict[int, bool]:
    """For each owned category or channel about to be deleted: does it hold channels (a
    category), or messages or active threads (a text channel)?"""
    found: dict[int, bool] = {}
    for change in plan.changes:
        if change.action is not ResourceAction.DELETE or change.kind is ResourceKind.ROLE:
            continue
        seen = observed.get(change.guild_id)
        if seen is None or change.discord_id is None:
            continue
        if change.kind is ResourceKind.CATEGORY:
            found[change.discord_id] = any(
                str(c.get("parent_id")) == str(change.discord_id) for c in seen.channels.values()
            )
        else:
            try:
                found[change.discord_id] = await port.holds(change.guild_id, change.discord_id)
            except PortError:
                found[change.discord_id] = True  # cannot tell: keep it
    return found


async def sync_resources(
    servers: tuple[ServerSpec, ...],
    store: ResourceStore,
    port: ResourcePort,
    translate: Translate,
    *,
    refresh: bool = False,
    force: bool = False,
    dry_run: bool = False,
    now: Callable[[], datetime] = _utcnow,
) -> ResourceSync:
    plan, records, errors = await plan_server_resources(
        servers, store, translate, port=port, refresh=refresh, force=force, now=now()
    )
    ids = record_ids(records)
    if plan.in_use() and not force:
        return ResourceSync(plan, refused=True, ids=ids, errors=errors)
    if dry_run or not plan.has_changes:  # held-back changes are reported, not sent
        return ResourceSync(plan, ids=ids, errors=errors)
    report = await apply_resources(plan, port, store, now=now)
    return ResourceSync(plan, report=report, ids=with_ids(plan, report), errors=errors)
