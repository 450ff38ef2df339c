"""Several overwrite changes of a ticket channel as one request, when that is safe.

Discord's Edit Channel Permissions (``PUT /channels/{id}/permissions/{target}``) changes one
overwrite; Delete Channel Permission removes one; Modify Channel with ``permission_overwrites``
replaces them all in one call. A claim that hides the ticket (the claimer in, each handler
role out) is therefore one PATCH, provided the bot knows the channel's whole set: a PATCH
built from a stale set would silently drop an overwrite (a member added a moment ago).

The set comes from the gateway cache, trusted only when it agrees with what this process
last wrote to that channel (or when it wrote nothing since it started): right after one of
its own changes, before the gateway's echo arrives, the two differ and the changes go one
call each, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.domain.access import OverwriteSpec

# target id -> (type, allow, deny), as Discord's payloads say it
Overwrites = dict[int, tuple[int, int, int]]


def cached(channel: object) -> Overwrites | None:
    """The channel's overwrites in discord.py's cache (None: not a cached guild channel)."""
    if not isinstance(channel, discord.abc.GuildChannel) or isinstance(channel, discord.Thread):
        return None
    raw = getattr(channel, "_overwrites", None)  # discord.py keeps the payload's values here
    if raw is None:
        return None
    return {int(o.id): (int(o.type), int(o.allow), int(o.deny)) for o in raw}


def from_payload(data: Iterable[Mapping[str, Any]]) -> Overwrites:
    return {int(o["id"]): (int(o["type"]), int(o["allow"]), int(o["deny"])) for o in data}


def applied(current: Overwrites, put: Iterable[OverwriteSpec], remove: Iterable[int]) -> Overwrites:
    result = dict(current)
    for target in remove:
        result.pop(target, None)
    for spec in put:
        result[spec.target_id] = (int(spec.target_type), spec.allow, spec.deny)
    return result


def payload(overwrites: Overwrites) -> list[dict[str, Any]]:
    return [
        {"id": str(target), "type": kind, "allow": str(allow), "deny": str(deny)}
        for target, (kind, allow, deny) in sorted(overwrites.items())
    ]


class KnownOverwrites:
    """What this process last wrote to each ticket channel's overwrites."""

    def __init__(self) -> None:
        self._written: dict[int, Overwrites] = {}

    def whole_set(self, channel_id: int, cache: Overwrites | None) -> Overwrites | None:
        """The channel's set when it can be trusted for a replace-all, else None."""
        if cache is None:
            return None
        written = self._written.get(channel_id)
        return cache if written is None or written == cache else None

    def wrote(self, channel_id: int, overwrites: Overwrites) -> None:
        self._written[channel_id] = overwrites

    def changed(
        self,
        channel_id: int,
        cache: Overwrites | None,
        put: Iterable[OverwriteSpec] = (),
        remove: Iterable[int] = (),
    ) -> None:
        """A per-overwrite call went through: record the set it leaves (from the best basis)."""
        basis = self._written.get(channel_id, cache)
        if basis is None:
            return
        self._written[channel_id] = applied(basis, put, remove)

    def forget(self, channel_id: int) -> None:
        self._written.pop(channel_id, None)
