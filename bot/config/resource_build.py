"""Typed :class:`~bot.config.resource_specs.Resources` from a validated ``resources:`` block."""

from __future__ import annotations

from typing import Any

from bot.config.resource_specs import (
    OverwriteSpec,
    Ref,
    ResourceKind,
    Resources,
    ResourceSpec,
    permission_bits,
)

# The ``resources:`` sections, in dependency order (a channel's overwrites name roles, its
# parent is a category).
SECTIONS = (
    ("roles", ResourceKind.ROLE),
    ("categories", ResourceKind.CATEGORY),
    ("channels", ResourceKind.CHANNEL),
)


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def declared(data: dict[str, Any]) -> dict[str, tuple[ResourceKind, dict[str, Any]]]:
    """Every declared resource of a (raw) ``resources:`` block by key; the first of a key
    declared twice (the semantic checks report the others)."""
    found: dict[str, tuple[ResourceKind, dict[str, Any]]] = {}
    for section, kind in SECTIONS:
        for key, raw in _map(data.get(section)).items():
            found.setdefault(key, (kind, _map(raw)))
    return found


def _overwrites(raw: dict[str, Any]) -> dict[str, OverwriteSpec]:
    return {
        target: OverwriteSpec(
            target, permission_bits(_map(o).get("allow")), permission_bits(_map(o).get("deny"))
        )
        for target, o in _map(raw.get("overwrites")).items()
    }


def merged_overwrites(
    key: str, everything: dict[str, tuple[ResourceKind, dict[str, Any]]]
) -> tuple[OverwriteSpec, ...]:
    """A resource's overwrites, those of its ``overwrites_from`` chain first (its own win,
    target by target). A cycle (reported by the checks) stops the chain."""
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current in everything and current not in seen:
        seen.add(current)
        raw = everything[current][1]
        chain.append(raw)
        parent = starts_from(raw, everything)
        current = parent if isinstance(parent, str) else None
    out: dict[str, OverwriteSpec] = {}
    for raw in reversed(chain):
        out.update(_overwrites(raw))
    return tuple(out.values())


def starts_from(
    raw: dict[str, Any], everything: dict[str, tuple[ResourceKind, dict[str, Any]]]
) -> Any:
    """``overwrites_from``, else the declared category of a channel that declares no
    overwrites of its own (as Discord syncs a channel with its category)."""
    if "overwrites_from" in raw:
        return raw["overwrites_from"]
    if "overwrites" in raw:
        return None
    category = raw.get("category")
    if isinstance(category, str) and everything.get(category, (None,))[0] is ResourceKind.CATEGORY:
        return category
    return None


def _ref(value: Any) -> int | Ref | None:
    if value is None:
        return None
    if isinstance(value, str) and not value.isdigit():
        return Ref(value)
    return int(value)


def _adopt(value: Any) -> int | bool:
    if value is True:
        return True
    if value is None or value is False:
        return False
    return int(value)


def build_resources(data: dict[str, Any]) -> Resources:
    everything = declared(data)
    items = []
    for key, (kind, raw) in everything.items():
        color = raw.get("color")
        items.append(
            ResourceSpec(
                key=key,
                kind=kind,
                name=raw["name"],
                adopt=_adopt(raw.get("adopt")),
                permissions=permission_bits(raw.get("permissions")),
                color=0 if color is None else int(color[1:], 16),
                hoist=raw.get("hoist", False),
                mentionable=raw.get("mentionable", False),
                position=raw.get("position"),
                overwrites=() if kind is ResourceKind.ROLE else merged_overwrites(key, everything),
                parent=_ref(raw.get("category")),
                topic=raw.get("topic"),
            )
        )
    return Resources(tuple(items))
