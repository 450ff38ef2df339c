"""The state of a declared resource in terms of keys (``@everyone``, ``@bot``, role keys), so
the planner compares a declaration with the last applied one without any Discord id, and with
what Discord holds once its ids are read back through the store's records."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.config.resource_specs import BOT, EVERYONE, Ref, ResourceKind, ResourceSpec
from bot.config.specs import ServerSpec
from bot.reconcile.panels import canonical_hash

# ``translate(msg_id, locale, *, server=None, server_locale=None) -> str``
Translate = Callable[..., str]

MAX_TOPIC = 1024  # Discord: a text channel topic
ROLE_TYPE, MEMBER_TYPE = 0, 1  # Discord's overwrite types


@dataclass(frozen=True, slots=True)
class DesiredResource:
    guild_id: int
    key: str
    kind: ResourceKind
    state: Mapping[str, Any]  # JSON-able; see ``declared_state``
    adopt: int | bool = False

    @property
    def name(self) -> str:
        return str(self.state["name"])

    @property
    def content_hash(self) -> str:
        return canonical_hash(dict(self.state))

    def to_json(self) -> str:
        return json.dumps(dict(self.state), sort_keys=True, ensure_ascii=False)


def _ref_text(value: int | Ref | None) -> str | None:
    return None if value is None else str(value)


def overwrite_list(overwrites: Iterable[tuple[str, int, int]]) -> list[list[Any]]:
    """Canonical: sorted by target, empty ones (nothing allowed or denied) left out."""
    return sorted([t, a, d] for t, a, d in overwrites if a or d)


def declared_state(spec: ResourceSpec, server: ServerSpec, translate: Translate) -> dict[str, Any]:
    if spec.kind is ResourceKind.ROLE:
        return {
            "name": spec.name,
            "permissions": spec.permissions,
            "color": spec.color,
            "hoist": spec.hoist,
            "mentionable": spec.mentionable,
        }
    state: dict[str, Any] = {
        "name": spec.name,
        "overwrites": overwrite_list((o.target, o.allow, o.deny) for o in spec.overwrites),
    }
    if spec.position is not None:
        state["position"] = spec.position
    if spec.kind is ResourceKind.CHANNEL:
        state["parent"] = _ref_text(spec.parent)
        topic = None
        if spec.topic is not None:
            topic = translate(
                spec.topic, server.locale, server=server.name, server_locale=server.locale
            )[:MAX_TOPIC]
        state["topic"] = topic
    return state


def desired_resources(
    servers: Iterable[ServerSpec], translate: Translate
) -> tuple[DesiredResource, ...]:
    out = []
    for server in servers:
        declared = (server.unbound or server).resources
        for spec in declared.items:
            state = declared_state(spec, server, translate)
            out.append(DesiredResource(server.guild, spec.key, spec.kind, state, spec.adopt))
    return tuple(out)


# --- Discord's side ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObservedGuild:
    """What one guild holds, read in three requests (roles, channels, the bot's member)."""

    guild_id: int
    roles: Mapping[int, Mapping[str, Any]]  # Discord role objects by id
    channels: Mapping[int, Mapping[str, Any]]  # Discord channel objects by id
    bot_id: int
    bot_permissions: int  # server-wide (its roles)
    bot_top_position: int  # position of the bot's highest role
    administrator: bool = False

    def role_position(self, role_id: int) -> int:
        return int(self.roles.get(role_id, {}).get("position", 0))


def observed_kind(data: Mapping[str, Any]) -> ResourceKind | None:
    kind = int(data.get("type", -1))
    return {4: ResourceKind.CATEGORY, 0: ResourceKind.CHANNEL}.get(kind)


class Namer:
    """Ids ↔ the terms of the declarations: a declared role's key, ``@everyone``, ``@bot``,
    any other id as its digits."""

    def __init__(self, guild_id: int, bot_id: int | None, ids: Mapping[str, int]) -> None:
        self.guild_id, self.bot_id = guild_id, bot_id
        self.ids = dict(ids)
        self.keys = {v: k for k, v in ids.items()}

    def term(self, discord_id: int) -> str:
        if discord_id == self.guild_id:
            return EVERYONE
        if self.bot_id is not None and discord_id == self.bot_id:
            return BOT
        return self.keys.get(discord_id, str(discord_id))

    def target(self, term: str) -> tuple[int, int] | None:
        """(id, overwrite type) of an overwrite target; None when its role has no id yet."""
        if term == EVERYONE:
            return self.guild_id, ROLE_TYPE
        if term == BOT:
            return (self.bot_id, MEMBER_TYPE) if self.bot_id is not None else None
        if term.isdigit():
            return int(term), ROLE_TYPE
        found = self.ids.get(term)
        return None if found is None else (found, ROLE_TYPE)

    def reference(self, value: str | None) -> int | None:
        if value is None:
            return None
        return int(value) if value.isdigit() else self.ids.get(value)


def observed_state(
    kind: ResourceKind, data: Mapping[str, Any], namer: Namer, declared: Mapping[str, Any]
) -> dict[str, Any]:
    """Discord's object in the declared terms, with the keys ``declared`` has (a position
    not declared is not managed, so not compared)."""
    if kind is ResourceKind.ROLE:
        return {
            "name": data.get("name"),
            "permissions": int(data.get("permissions") or 0),
            "color": int(data.get("color") or 0),
            "hoist": bool(data.get("hoist")),
            "mentionable": bool(data.get("mentionable")),
        }
    state: dict[str, Any] = {
        "name": data.get("name"),
        "overwrites": overwrite_list(
            (namer.term(int(o["id"])), int(o.get("allow") or 0), int(o.get("deny") or 0))
            for o in data.get("permission_overwrites") or ()
        ),
    }
    if "position" in declared:
        state["position"] = int(data.get("position") or 0)
    if kind is ResourceKind.CHANNEL:
        parent = data.get("parent_id")
        state["parent"] = None if parent is None else namer.term(int(parent))
        state["topic"] = data.get("topic") or None
    return state
