"""Compare desired panels with what the bot recorded it created, and list the changes.

Pure: no I/O. The planner only ever deletes panels found in the records (what the bot itself
created), and orders the changes deterministically so plans can be diffed and reviewed.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from bot.domain.records import PanelRecord
from bot.reconcile.panels import PanelMessage


class ChangeAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNCHANGED = "unchanged"


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")

# The order of changes inside a guild.
_ACTION_ORDER = {a: i for i, a in enumerate(ChangeAction)}


class ReasonCode(StrEnum):
    """Why a change is planned; rendered through the Fluent message ``plan-reason-<value>``."""

    NEW_PANEL = "new-panel"
    CONTENT_CHANGED = "content-changed"
    UP_TO_DATE = "up-to-date"
    REMOVED_FROM_CONFIG = "removed-from-config"
    CHANNEL_CHANGED = "channel-changed"  # args: old, new (channel ids)
    MISSING_IN_DISCORD = "missing-in-discord"  # args: message
    COMMANDS_NEW = "commands-new"
    COMMANDS_CHANGED = "commands-changed"
    COMMANDS_UP_TO_DATE = "commands-up-to-date"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    # Fluent variables. Snowflakes are passed as strings so Fluent does not group their digits.
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, **args: str | int) -> Reason:
        return cls(code, tuple(sorted((k, str(v)) for k, v in args.items())))

    @property
    def message_id(self) -> str:
        return f"plan-reason-{self.code.value}"

    def arguments(self) -> dict[str, str]:
        return dict(self.args)


@dataclass(frozen=True, slots=True)
class DesiredPanel:
    guild_id: int
    panel_id: str
    channel_id: int
    message: PanelMessage


@dataclass(frozen=True, slots=True)
class Change:
    action: ChangeAction
    guild_id: int
    panel_id: str
    reason: Reason
    desired: DesiredPanel | None = None  # set for create, update, unchanged
    current: PanelRecord | None = None  # set for update, delete, unchanged, and recreations

    @property
    def is_move(self) -> bool:
        """Part of a channel change: a create in the new channel, a delete in the old one."""
        return self.reason.code is ReasonCode.CHANNEL_CHANGED

    def sort_key(self) -> tuple[int, int, str]:
        return (self.guild_id, _ACTION_ORDER[self.action], self.panel_id)


@dataclass(frozen=True, slots=True)
class Plan:
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def count(self, action: ChangeAction) -> int:
        return sum(1 for c in self.changes if c.action is action)

    def counts(self) -> dict[ChangeAction, int]:
        return {a: self.count(a) for a in ChangeAction}

    @property
    def has_writes(self) -> bool:
        return any(c.action is not ChangeAction.UNCHANGED for c in self.changes)

    def writes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action is not ChangeAction.UNCHANGED)

    def guilds(self) -> tuple[int, ...]:
        return tuple(sorted({c.guild_id for c in self.changes}))


def plan_panels(
    desired: Iterable[DesiredPanel],
    records: Iterable[PanelRecord],
    *,
    missing: Collection[int] | None = None,
) -> Plan:
    """Plan the changes that turn ``records`` into ``desired``.

    ``records`` are the panels the bot recorded it created; every guild they mention is in
    scope, so a caller that loads only some server files should pass only those guilds'
    records. ``missing`` (from :func:`bot.reconcile.apply.refresh`) holds the recorded message
    ids that no longer exist in Discord; ``None`` means "not refreshed": trust the records.
    """
    wanted = _index(((d.guild_id, d.panel_id), d) for d in desired)
    recorded = _index(((r.guild_id, r.panel_id), r) for r in records)
    gone = frozenset(missing or ())
    changes: list[Change] = []
    for key, want in wanted.items():
        changes += _plan_one(want, recorded.get(key), gone)
    for (guild_id, panel_id), record in recorded.items():
        if (guild_id, panel_id) not in wanted:
            reason = Reason.of(ReasonCode.REMOVED_FROM_CONFIG)
            changes.append(Change(ChangeAction.DELETE, guild_id, panel_id, reason, current=record))
    return Plan(tuple(sorted(changes, key=Change.sort_key)))


def _plan_one(want: DesiredPanel, record: PanelRecord | None, gone: frozenset[int]) -> list[Change]:
    key = (want.guild_id, want.panel_id)
    if record is None:
        return [Change(ChangeAction.CREATE, *key, Reason.of(ReasonCode.NEW_PANEL), desired=want)]
    if record.message_id in gone:
        # Deleted by hand (or with its channel): post it again where it belongs now.
        reason = Reason.of(ReasonCode.MISSING_IN_DISCORD, message=record.message_id)
        return [Change(ChangeAction.CREATE, *key, reason, desired=want, current=record)]
    if record.channel_id != want.channel_id:
        # Create first, delete after: if the new channel refuses us, the old panel stays.
        reason = Reason.of(ReasonCode.CHANNEL_CHANGED, old=record.channel_id, new=want.channel_id)
        return [
            Change(ChangeAction.CREATE, *key, reason, desired=want, current=record),
            Change(ChangeAction.DELETE, *key, reason, current=record),
        ]
    if record.content_hash != want.message.content_hash:
        reason = Reason.of(ReasonCode.CONTENT_CHANGED)
        return [Change(ChangeAction.UPDATE, *key, reason, desired=want, current=record)]
    reason = Reason.of(ReasonCode.UP_TO_DATE)
    return [Change(ChangeAction.UNCHANGED, *key, reason, desired=want, current=record)]


def _index(pairs: Iterable[tuple[_K, _V]]) -> dict[_K, _V]:
    out: dict[_K, _V] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate panel {key!r}")
        out[key] = value
    return out
