"""The resource plan's vocabulary: what the planner (:mod:`bot.reconcile.resources.plan`)
decides for each declared resource, why, and what it warns about; ``apply`` carries it out
and ``render`` words it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.config.resource_specs import ResourceKind
from bot.domain.resource_records import ResourceRecord
from bot.reconcile.resources.state import DesiredResource


class ResourceAction(StrEnum):
    CREATE = "create"
    ADOPT = "adopt"  # take over an existing one: recorded as adopted, never deleted
    UPDATE = "update"
    DELETE = "delete"
    LEAVE = "leave"  # declaration gone, adopted: left in Discord, forgotten
    UNCHANGED = "unchanged"


class Why(StrEnum):
    """Why a change is planned; rendered as ``resource-reason-<value>``."""

    NEW = "new"
    ADOPT_ID = "adopt-id"
    ADOPT_NAME = "adopt-name"
    ADOPT_NAME_LATER = "adopt-name-later"  # not refreshed: looked up when applied
    CHANGED = "changed"
    DRIFT = "drift"
    MISSING_IN_DISCORD = "missing-in-discord"
    REMOVED = "removed"
    REMOVED_ADOPTED = "removed-adopted"
    UP_TO_DATE = "up-to-date"


class Caution(StrEnum):
    """What the plan must say; rendered as ``resource-warning-<value>``."""

    CANNOT_GRANT = "cannot-grant"  # args: permissions
    OVERWRITE_STRIPPED = "overwrite-stripped"  # args: target, permissions
    ABOVE_BOT = "above-bot"  # the role is at or above the bot's highest role
    ADOPT_MISSING = "adopt-missing"  # args: id
    ADOPT_WRONG_KIND = "adopt-wrong-kind"  # args: id
    IN_USE = "in-use"  # a delete of a channel holding messages or channels: needs --force
    RENAME_DEFERRED = "rename-deferred"  # args: until (HH:MM UTC)


@dataclass(frozen=True, slots=True)
class Notice:
    code: Caution
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: Caution, **args: str) -> Notice:
        return cls(code, tuple(sorted(args.items())))


@dataclass(frozen=True, slots=True)
class ResourceChange:
    action: ResourceAction
    guild_id: int
    key: str
    kind: ResourceKind
    why: Why
    desired: DesiredResource | None = None
    record: ResourceRecord | None = None
    discord_id: int | None = None  # the resource concerned, when known
    effective: Mapping[str, Any] | None = None  # what is sent: the declaration, made safe
    before: Mapping[str, Any] | None = None  # the state replaced (record or Discord)
    fields: tuple[str, ...] = ()  # the fields that differ
    warnings: tuple[Notice, ...] = ()
    blocked: bool = False  # planned but not applied (see warnings)
    deferred_until: datetime | None = None  # a rename Discord would refuse before then

    @property
    def is_write(self) -> bool:
        return (
            self.action is not ResourceAction.UNCHANGED
            and not self.blocked
            and not (self.deferred_until is not None)
        )

    @property
    def name(self) -> str:
        state = self.effective or self.before or {}
        return str(state.get("name", self.key))


@dataclass(frozen=True, slots=True)
class ResourcePlan:
    changes: tuple[ResourceChange, ...] = field(default_factory=tuple)
    refreshed: bool = False  # compared with Discord, not only with the records

    def count(self, action: ResourceAction) -> int:
        return sum(1 for c in self.changes if c.action is action)

    def writes(self) -> tuple[ResourceChange, ...]:
        return tuple(c for c in self.changes if c.is_write)

    @property
    def has_writes(self) -> bool:
        return any(c.is_write for c in self.changes)

    @property
    def has_changes(self) -> bool:
        return any(c.action is not ResourceAction.UNCHANGED for c in self.changes)

    def in_use(self) -> tuple[ResourceChange, ...]:
        return tuple(c for c in self.changes if any(w.code is Caution.IN_USE for w in c.warnings))
