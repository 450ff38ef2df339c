"""Declared resources: the roles, categories and text channels a server file asks the bot to
create (or adopt) and keep as declared, by key.

A field that takes a Discord id may hold a :class:`Ref` to one of these instead; the ids are
known only once the reconciler has created or adopted them, so specs are *bound*
(``bot.config.binding``) before the bot or the panel planner reads an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.config.permission_names import PERMISSIONS

# Overwrite targets that are not role keys.
EVERYONE = "@everyone"
BOT = "@bot"


@dataclass(frozen=True, slots=True)
class Ref:
    """A declared resource, by its key, where a Discord id is expected."""

    key: str

    def __str__(self) -> str:
        return self.key


class ResourceKind(StrEnum):
    ROLE = "role"
    CATEGORY = "category"
    CHANNEL = "channel"  # a text channel


# Discord's channel types for the kinds that are channels.
CHANNEL_TYPE = {ResourceKind.CATEGORY: 4, ResourceKind.CHANNEL: 0}


@dataclass(frozen=True, slots=True)
class OverwriteSpec:
    target: str  # a role key, EVERYONE, BOT, or a role id as digits
    allow: int = 0
    deny: int = 0


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    """One declared resource. Fields that do not apply to its kind keep their defaults."""

    key: str
    kind: ResourceKind
    name: str
    adopt: int | bool = False  # True: the existing one with this name; an int: that id
    # Roles
    permissions: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    # Categories and channels
    position: int | None = None
    overwrites: tuple[OverwriteSpec, ...] = ()  # those of ``overwrites_from`` merged in
    parent: int | Ref | None = None  # a text channel's category
    topic: str | None = None  # Fluent id

    @property
    def is_channel(self) -> bool:
        return self.kind is not ResourceKind.ROLE


@dataclass(frozen=True, slots=True)
class Resources:
    """In dependency order: roles, then categories, then text channels (file order within)."""

    items: tuple[ResourceSpec, ...] = ()

    def get(self, key: str) -> ResourceSpec | None:
        return next((r for r in self.items if r.key == key), None)

    def __bool__(self) -> bool:
        return bool(self.items)


def permission_bits(names: object) -> int:
    """``["view_channel", "send_messages"]`` → their bits (unknown names: the schema's)."""
    if not isinstance(names, list):
        return 0
    bits = 0
    for name in names:
        bits |= PERMISSIONS.get(name, 0) if isinstance(name, str) else 0
    return bits


def permission_names(bits: int) -> list[str]:
    return [name for name, bit in PERMISSIONS.items() if bits & bit]
