"""Checks of declared resources that JSON Schema cannot express: references by key (unknown,
or of the wrong kind), ``overwrites_from`` cycles, and Discord's limits on names and counts.

Like the other semantic checks they run on the plain document even when the schema found
errors, so every value of the wrong type is skipped (the schema reported it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from bot.config.diagnostics import WARNING, Phrase, phrase, shown, shown_list
from bot.config.permission_names import ADMINISTRATOR, MANAGE_ROLES
from bot.config.resource_build import SECTIONS, declared, merged_overwrites, starts_from
from bot.config.resource_specs import (
    BOT,
    EVERYONE,
    ResourceKind,
    permission_bits,
    permission_names,
)
from bot.config.yaml_loader import NodePath
from bot.i18n import message_id

# Discord's limits (Guild and Channel resources).
MAX_ROLES = 250
MAX_CHANNELS = 500  # categories included
MAX_IN_CATEGORY = 50
MAX_NAME = 100

KIND_TEXT = {
    ResourceKind.ROLE: message_id("resource-kind-role"),
    ResourceKind.CATEGORY: message_id("resource-kind-category"),
    ResourceKind.CHANNEL: message_id("resource-kind-channel"),
}
_CHANNELS = frozenset({ResourceKind.CATEGORY, ResourceKind.CHANNEL})


def _map(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _kinds(kinds: frozenset[ResourceKind]) -> Phrase:
    # "a role" / "a category or a text channel": one phrase per accepted kind, in the
    # reader's words.
    if len(kinds) == 1:
        return phrase(KIND_TEXT[next(iter(kinds))])
    return phrase(message_id("resource-kind-any-channel"))


def references(data: dict[str, Any]) -> Iterator[tuple[NodePath, Any, frozenset[ResourceKind]]]:
    """Every place that may name a declared resource, with the kinds it accepts."""
    role = frozenset({ResourceKind.ROLE})
    text = frozenset({ResourceKind.CHANNEL})
    category = frozenset({ResourceKind.CATEGORY})
    for index, value in enumerate(_list(data.get("staff_roles"))):
        yield ("staff_roles", index), value, role
    for key, value in _map(data.get("channels")).items():
        yield ("channels", key), value, text
    for system_id, raw_system in _map(data.get("systems")).items():
        node = ("systems", system_id)
        system = _map(raw_system)
        yield (*node, "category"), system.get("category"), category
        for index, value in enumerate(_list(system.get("overflow_categories"))):
            yield (*node, "overflow_categories", index), value, category
        yield (*node, "channel"), system.get("channel"), text
        yield (*node, "reception"), system.get("reception"), text
        for key in ("handlers", "open_roles", "blocked_roles"):
            for index, value in enumerate(_list(system.get(key))):
                yield (*node, key, index), value, role
    for panel_id, panel in _map(data.get("panels")).items():
        yield ("panels", panel_id, "channel"), _map(panel).get("channel"), text
    resources = _map(data.get("resources"))
    for section, kind in SECTIONS:
        for key, value in _map(resources.get(section)).items():
            node = ("resources", section, key)
            raw = _map(value)
            if kind is ResourceKind.CHANNEL:
                yield (*node, "category"), raw.get("category"), category
            if kind is not ResourceKind.ROLE:
                yield (*node, "overwrites_from"), raw.get("overwrites_from"), _CHANNELS


def check_resources(report: Any, data: dict[str, Any]) -> None:
    """``report`` is semantic's ``_Report`` (positions and diagnostics of one file)."""
    resources = _map(data.get("resources"))
    everything = declared(resources)
    _check_keys(report, resources)
    for node, value, kinds in references(data):
        _check_reference(report, node, value, kinds, everything)
    _check_cycles(report, everything)
    check_bot_access(report, data)
    _check_counts(report, resources)
    for section, kind in SECTIONS:
        for key, raw in _map(resources.get(section)).items():
            node = ("resources", section, key)
            _check_one(report, node, kind, _map(raw), everything)


def _check_keys(report: Any, resources: dict[str, Any]) -> None:
    first: dict[str, str] = {}
    for section, _ in SECTIONS:
        for key in _map(resources.get(section)):
            if key in first:
                twice = message_id("config-resource-key-twice")
                where = f"resources.{first[key]}"
                report.at_key(("resources", section, key), twice, key=shown(key), first=where)
            else:
                first[key] = section


def _check_reference(
    report: Any,
    node: NodePath,
    value: Any,
    kinds: frozenset[ResourceKind],
    everything: dict[str, tuple[ResourceKind, dict[str, Any]]],
) -> None:
    if not isinstance(value, str) or value.isdigit() or not value:
        return  # an id, or no value: the schema's
    found = everything.get(value)
    if found is None:
        known = [k for k, (kind, _) in everything.items() if kind in kinds]
        unknown = message_id("config-resource-unknown")
        listed = shown_list(known) if known else phrase(message_id("config-none"))
        report.at_value(node, unknown, key=shown(value), kind=_kinds(kinds), known=listed)
    elif found[0] not in kinds:
        wrong = message_id("config-resource-wrong-kind")
        is_kind = phrase(KIND_TEXT[found[0]])
        report.at_value(node, wrong, key=shown(value), kind=is_kind, expected=_kinds(kinds))


def _check_cycles(report: Any, everything: dict[str, tuple[ResourceKind, dict[str, Any]]]) -> None:
    """``overwrites_from`` chains must end: each cycle is reported once, at its first key."""
    reported: set[str] = set()
    for start in everything:
        path: list[str] = []
        current: Any = start
        while isinstance(current, str) and current in everything and current not in path:
            path.append(current)
            current = starts_from(everything[current][1], everything)
        if not isinstance(current, str) or current not in path:
            continue
        cycle = path[path.index(current) :]
        if reported & set(cycle):
            continue
        reported |= set(cycle)
        head = cycle[0]
        section = _section(everything[head][0])
        looped = message_id("config-resource-cycle")
        node = ("resources", section, head, "overwrites_from")
        report.at_value(node, looped, cycle=" → ".join([*cycle, head]))


def _section(kind: ResourceKind) -> str:
    return next(section for section, k in SECTIONS if k is kind)


def _check_counts(report: Any, resources: dict[str, Any]) -> None:
    roles = _map(resources.get("roles"))
    categories = _map(resources.get("categories"))
    channels = _map(resources.get("channels"))
    if len(roles) > MAX_ROLES:
        too_many = message_id("config-resource-too-many-roles")
        report.at_key(("resources", "roles"), too_many, limit=MAX_ROLES, count=len(roles))
    if len(categories) + len(channels) > MAX_CHANNELS:
        count = len(categories) + len(channels)
        too_many = message_id("config-resource-too-many-channels")
        report.at_key(("resources",), too_many, limit=MAX_CHANNELS, count=count)
    per_category = Counter(
        parent for raw in channels.values() if isinstance(parent := _map(raw).get("category"), str)
    )
    for parent, count in per_category.items():
        if parent in categories and count > MAX_IN_CATEGORY:
            full = message_id("config-resource-category-full")
            report.at_key(
                ("resources", "categories", parent), full, limit=MAX_IN_CATEGORY, count=count
            )


def _check_one(
    report: Any,
    node: NodePath,
    kind: ResourceKind,
    raw: dict[str, Any],
    everything: dict[str, tuple[ResourceKind, dict[str, Any]]],
) -> None:
    name = raw.get("name")
    if kind is ResourceKind.CHANNEL and isinstance(name, str) and 0 < len(name) <= MAX_NAME:
        if not all(c.isalnum() or c in "-_" for c in name):
            report.at_value((*node, "name"), message_id("config-resource-channel-name"))
        elif name != name.lower():
            report.at_value((*node, "name"), message_id("config-resource-channel-lowercase"))
    if kind is ResourceKind.ROLE:
        if permission_bits(raw.get("permissions")) & ADMINISTRATOR:
            report.at_key((*node, "permissions"), message_id("config-role-administrator"))
        return
    for target, overwrite in _map(raw.get("overwrites")).items():
        where = (*node, "overwrites", target)
        if not isinstance(target, str):
            continue
        if target not in (EVERYONE, BOT) and not target.isdigit():
            _check_reference(report, where, target, frozenset({ResourceKind.ROLE}), everything)
        allow = permission_bits(_map(overwrite).get("allow"))
        deny = permission_bits(_map(overwrite).get("deny"))
        if (allow | deny) & MANAGE_ROLES:
            report.at_key(where, message_id("config-overwrite-manage-roles"))
        if allow & deny:
            both = message_id("config-overwrite-both")
            report.at_key(where, both)


# What the bot does in each kind of channel a server file points at (README's table), and
# so must not be denied by a declared channel's overwrites.
def _bits(*names: str) -> int:
    return permission_bits(list(names))


BOT_NEEDS = {
    "panels": _bits("view_channel", "send_messages", "embed_links", "read_message_history"),
    "log": _bits("view_channel", "send_messages"),
    "reception": _bits("view_channel", "send_messages", "embed_links"),
    "transcripts": _bits("view_channel", "send_messages", "embed_links", "attach_files"),
    "category": _bits("view_channel", "manage_channels"),
    "threads": _bits(
        "view_channel",
        "create_private_threads",
        "send_messages_in_threads",
        "manage_threads",
        "embed_links",
        "read_message_history",
    ),
}


def _uses(data: dict[str, Any]) -> Iterator[tuple[NodePath, Any, str]]:
    channels = _map(data.get("channels"))
    yield ("channels", "log"), channels.get("log"), "log"
    yield ("channels", "transcripts"), channels.get("transcripts"), "transcripts"
    for system_id, raw in _map(data.get("systems")).items():
        system = _map(raw)
        node = ("systems", system_id)
        if system.get("style") == "thread":
            yield (*node, "channel"), system.get("channel"), "threads"
        else:
            yield (*node, "category"), system.get("category"), "category"
        if system.get("approval") == "manual":
            yield (*node, "reception"), system.get("reception"), "reception"
    for panel_id, panel in _map(data.get("panels")).items():
        yield ("panels", panel_id, "channel"), _map(panel).get("channel"), "panels"


def check_bot_access(report: Any, data: dict[str, Any]) -> None:
    """A declared channel whose overwrites would take from the bot what it does there (its
    role holding everything it needs, as the README asks): warned where the channel is used,
    since Discord would refuse each post or ticket later, not at apply."""
    everything = declared(_map(data.get("resources")))
    for node, value, use in _uses(data):
        if not isinstance(value, str) or value not in everything:
            continue
        needed = BOT_NEEDS[use]
        held = needed
        by_target = {o.target: o for o in merged_overwrites(value, everything)}
        # Discord's order: @everyone, then roles (a role named by id may be the bot's own:
        # given the benefit of the doubt), then the member.
        everyone, member = by_target.get(EVERYONE), by_target.get(BOT)
        if everyone is not None:
            held = (held & ~everyone.deny) | everyone.allow
        held |= sum(o.allow for t, o in by_target.items() if t.isdigit()) & needed
        if member is not None:
            held = (held & ~member.deny) | member.allow
        if not held & permission_bits(["view_channel"]):
            held = 0
        if needed & ~held:
            blocked = message_id("config-resource-bot-blocked")
            names = ", ".join(permission_names(needed & ~held))
            report.at_value(node, blocked, WARNING, key=shown(value), permissions=names)
