"""What the reconciler owns: one declared resource's Discord id and the state last applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Origin(StrEnum):
    CREATED = "created"  # the bot made it: it may delete it when the declaration goes
    ADOPTED = "adopted"  # an admin made it: never deleted, only forgotten


@dataclass(frozen=True, slots=True)
class ResourceRecord:
    guild_id: int
    key: str
    kind: str  # bot.config.resource_specs.ResourceKind value
    discord_id: int
    origin: Origin
    content_hash: str
    content: str  # JSON of the declared state last applied
    renames: tuple[datetime, ...] = ()  # name/topic edits, newest last (Discord: 2 per 10 min)
