"""Compare declared resources with what the bot recorded it owns (and, refreshed, with what
Discord holds) and list the changes. Pure: no I/O.

Only what the bot created is ever deleted; an adopted resource whose declaration goes is
left in Discord and forgotten. Role safety is planned here: the bot never grants what it
lacks, never edits a role at or above its highest one, and the plan says so. The plan's
vocabulary (actions, reasons, cautions, changes) is :mod:`bot.reconcile.resources.changes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.config.permission_names import ADMINISTRATOR
from bot.config.resource_specs import ResourceKind, permission_names
from bot.domain.resource_records import Origin, ResourceRecord
from bot.reconcile.resources.changes import (
    Caution,
    Notice,
    ResourceAction,
    ResourceChange,
    ResourcePlan,
    Why,
)
from bot.reconcile.resources.state import (
    DesiredResource,
    Namer,
    ObservedGuild,
    observed_kind,
    observed_state,
)

RENAMES_PER_WINDOW = 2  # Discord: channel name and topic edits, per channel
RENAME_WINDOW = timedelta(minutes=10)
KIND_ORDER = {ResourceKind.ROLE: 0, ResourceKind.CATEGORY: 1, ResourceKind.CHANNEL: 2}


def _diff(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> tuple[str, ...]:
    if before is None:
        return tuple(after)
    return tuple(k for k in after if before.get(k) != after.get(k))


def make_safe(
    desired: DesiredResource, observed: ObservedGuild | None
) -> tuple[dict[str, Any], tuple[Notice, ...]]:
    """The declaration without what the bot cannot grant (Discord would refuse the request)."""
    state = dict(desired.state)
    if observed is None or observed.administrator:
        return state, ()
    held = observed.bot_permissions
    if desired.kind is ResourceKind.ROLE:
        wanted = int(state["permissions"]) & ~ADMINISTRATOR
        lacking = wanted & ~held
        state["permissions"] = wanted & held
        if lacking:
            names = ", ".join(permission_names(lacking))
            return state, (Notice.of(Caution.CANNOT_GRANT, permissions=names),)
        return state, ()
    warnings = []
    kept = []
    for target, allow, deny in state["overwrites"]:
        lacking = (allow | deny) & ~held
        if lacking:
            names = ", ".join(permission_names(lacking))
            warnings.append(Notice.of(Caution.OVERWRITE_STRIPPED, target=target, permissions=names))
        if (allow | deny) & held:
            kept.append([target, allow & held, deny & held])
    state["overwrites"] = kept
    return state, tuple(warnings)


def _in_discord(
    kind: ResourceKind, observed: ObservedGuild, discord_id: int
) -> Mapping[str, Any] | None:
    if kind is ResourceKind.ROLE:
        return observed.roles.get(discord_id)
    found = observed.channels.get(discord_id)
    return found if found is not None and observed_kind(found) is kind else None


def _by_name(desired: DesiredResource, observed: ObservedGuild, taken: set[int]) -> int | None:
    pool = observed.roles if desired.kind is ResourceKind.ROLE else observed.channels
    for discord_id, data in sorted(pool.items()):
        if discord_id in taken or data.get("name") != desired.name:
            continue
        if desired.kind is ResourceKind.ROLE:
            if not data.get("managed") and discord_id != observed.guild_id:
                return discord_id
        elif observed_kind(data) is desired.kind:
            return discord_id
    return None


def _renames_left(record: ResourceRecord, now: datetime) -> datetime | None:
    """When the next name or topic edit is allowed, if not now."""
    recent = sorted(t for t in record.renames if now - t < RENAME_WINDOW)
    if len(recent) < RENAMES_PER_WINDOW:
        return None
    return recent[-RENAMES_PER_WINDOW] + RENAME_WINDOW


def plan_resources(
    desired: Iterable[DesiredResource],
    records: Iterable[ResourceRecord],
    *,
    observed: Mapping[int, ObservedGuild] | None = None,
    in_use: Mapping[int, bool] | None = None,
    now: datetime,
    force: bool = False,
) -> ResourcePlan:
    """``observed``: Discord's guilds, by id, when refreshed (else the records are trusted);
    ``in_use``: for the channels about to be deleted, whether they hold messages or
    channels (a delete of one needs ``force``)."""
    wanted: dict[int, list[DesiredResource]] = {}
    for d in desired:
        wanted.setdefault(d.guild_id, []).append(d)
    recorded: dict[int, dict[str, ResourceRecord]] = {}
    for r in records:
        recorded.setdefault(r.guild_id, {})[r.key] = r
    changes: list[ResourceChange] = []
    for guild_id in sorted(set(wanted) | set(recorded)):
        seen = None if observed is None else observed.get(guild_id)
        changes += _plan_guild(
            wanted.get(guild_id, []),
            recorded.get(guild_id, {}),
            seen,
            in_use or {},
            now,
            force,
        )
    return ResourcePlan(tuple(changes), refreshed=observed is not None)


def _plan_guild(  # noqa: PLR0917 - one call site, in order
    desired: Sequence[DesiredResource],
    records: Mapping[str, ResourceRecord],
    observed: ObservedGuild | None,
    in_use: Mapping[int, bool],
    now: datetime,
    force: bool,
) -> list[ResourceChange]:
    namer = Namer(
        desired[0].guild_id if desired else next(iter(records.values())).guild_id,
        observed.bot_id if observed else None,
        {k: r.discord_id for k, r in records.items()},
    )
    taken = {r.discord_id for r in records.values()}
    out = [_plan_one(d, records.get(d.key), observed, namer, taken, now) for d in desired]
    wanted = {d.key for d in desired}
    gone = [r for k, r in records.items() if k not in wanted]
    gone.sort(key=lambda r: -KIND_ORDER[ResourceKind(r.kind)])  # channels before categories
    out += [_plan_gone(record, observed, in_use, force) for record in gone]
    return out


def _plan_one(  # noqa: PLR0917 - one call site, in order
    desired: DesiredResource,
    record: ResourceRecord | None,
    observed: ObservedGuild | None,
    namer: Namer,
    taken: set[int],
    now: datetime,
) -> ResourceChange:
    effective, warnings = make_safe(desired, observed)
    base = {
        "guild_id": desired.guild_id,
        "key": desired.key,
        "kind": desired.kind,
        "desired": desired,
        "record": record,
        "effective": effective,
    }
    if record is None or (
        observed is not None and _in_discord(desired.kind, observed, record.discord_id) is None
    ):
        return _plan_new(desired, record, observed, namer, taken, base, warnings)
    before: Mapping[str, Any]
    if observed is not None:
        data = _in_discord(desired.kind, observed, record.discord_id)
        assert data is not None
        before = observed_state(desired.kind, data, namer, effective)
        fields = _diff(before, effective)
        why = Why.DRIFT if fields else Why.UP_TO_DATE
        if not fields and record.content_hash != desired.content_hash:
            why = Why.CHANGED  # the file now says what Discord holds: only the record changes
        elif fields and record.content_hash != desired.content_hash:
            why = Why.CHANGED
    else:
        before = json.loads(record.content)
        fields = _diff(before, effective) if record.content_hash != desired.content_hash else ()
        why = Why.CHANGED if record.content_hash != desired.content_hash else Why.UP_TO_DATE
    if why is Why.UP_TO_DATE:
        return ResourceChange(
            ResourceAction.UNCHANGED,
            why=why,
            discord_id=record.discord_id,
            before=before,
            warnings=warnings,
            **base,
        )
    blocked = False
    if (
        desired.kind is ResourceKind.ROLE
        and observed is not None
        and fields
        and not observed.administrator
        and observed.role_position(record.discord_id) >= observed.bot_top_position
    ):
        warnings = (*warnings, Notice.of(Caution.ABOVE_BOT))
        blocked = True
    deferred = None
    if desired.kind is not ResourceKind.ROLE and {"name", "topic"} & set(fields):
        deferred = _renames_left(record, now)
        if deferred is not None:
            until = deferred.strftime("%H:%M")
            warnings = (*warnings, Notice.of(Caution.RENAME_DEFERRED, until=until))
    return ResourceChange(
        ResourceAction.UPDATE,
        why=why,
        discord_id=record.discord_id,
        before=before,
        fields=fields,
        warnings=warnings,
        blocked=blocked,
        deferred_until=deferred,
        **base,
    )


def _plan_new(  # noqa: PLR0917 - one call site, in order
    desired: DesiredResource,
    record: ResourceRecord | None,
    observed: ObservedGuild | None,
    namer: Namer,
    taken: set[int],
    base: dict[str, Any],
    warnings: tuple[Notice, ...],
) -> ResourceChange:
    if record is not None:  # recorded, but gone from Discord: deleted by hand
        return ResourceChange(
            ResourceAction.CREATE, why=Why.MISSING_IN_DISCORD, warnings=warnings, **base
        )
    adopt = desired.adopt
    if adopt is False:
        return ResourceChange(ResourceAction.CREATE, why=Why.NEW, warnings=warnings, **base)
    if observed is None:
        why = Why.ADOPT_ID if adopt is not True else Why.ADOPT_NAME_LATER
        found = None if adopt is True else int(adopt)
        return ResourceChange(
            ResourceAction.ADOPT, why=why, discord_id=found, warnings=warnings, **base
        )
    if adopt is True:
        found = _by_name(desired, observed, taken)
        if found is None:  # nothing of that name yet: make it
            return ResourceChange(ResourceAction.CREATE, why=Why.NEW, warnings=warnings, **base)
        why = Why.ADOPT_NAME
    else:
        found, why = int(adopt), Why.ADOPT_ID
        data = (observed.roles if desired.kind is ResourceKind.ROLE else observed.channels).get(
            found
        )
        if data is None or _in_discord(desired.kind, observed, found) is None:
            code = Caution.ADOPT_MISSING if data is None else Caution.ADOPT_WRONG_KIND
            caution = Notice.of(code, id=str(found))
            return ResourceChange(
                ResourceAction.ADOPT,
                why=why,
                discord_id=found,
                warnings=(*warnings, caution),
                blocked=True,
                **base,
            )
    taken.add(found)
    data = _in_discord(desired.kind, observed, found)
    assert data is not None
    namer.keys[found] = desired.key  # its overwrites and children now read in keys
    namer.ids[desired.key] = found
    before = observed_state(desired.kind, data, namer, base["effective"])
    blocked = False
    if (
        desired.kind is ResourceKind.ROLE
        and not observed.administrator
        and observed.role_position(found) >= observed.bot_top_position
    ):
        warnings = (*warnings, Notice.of(Caution.ABOVE_BOT))
        # Referenced as it is, never edited.
        base = {**base, "effective": before}
    return ResourceChange(
        ResourceAction.ADOPT,
        why=why,
        discord_id=found,
        before=before,
        fields=_diff(before, base["effective"]),
        warnings=warnings,
        blocked=blocked,
        **base,
    )


def _plan_gone(
    record: ResourceRecord,
    observed: ObservedGuild | None,
    in_use: Mapping[int, bool],
    force: bool,
) -> ResourceChange:
    kind = ResourceKind(record.kind)
    before = json.loads(record.content)
    base = {
        "guild_id": record.guild_id,
        "key": record.key,
        "kind": kind,
        "record": record,
        "discord_id": record.discord_id,
        "before": before,
    }
    if record.origin is Origin.ADOPTED:
        return ResourceChange(ResourceAction.LEAVE, why=Why.REMOVED_ADOPTED, **base)
    warnings: tuple[Notice, ...] = ()
    blocked = False
    if in_use.get(record.discord_id):
        warnings = (Notice.of(Caution.IN_USE),)
        blocked = not force
    if (
        observed is not None
        and kind is ResourceKind.ROLE
        and not observed.administrator
        and observed.role_position(record.discord_id) >= observed.bot_top_position
    ):
        warnings = (*warnings, Notice.of(Caution.ABOVE_BOT))
        blocked = True
    return ResourceChange(
        ResourceAction.DELETE, why=Why.REMOVED, warnings=warnings, blocked=blocked, **base
    )
