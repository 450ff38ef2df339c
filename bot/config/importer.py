"""``guichet import``: a server file (and its .ftl texts) from what a guild already holds.

Pure: it takes Discord's JSON objects (the guild, its roles and channels, the bot's id) and
writes text. Every role, category and text channel becomes a declared resource adopted by its
id, so the first ``guichet apply`` takes them over without changing anything; what a server
file cannot say is listed, never silently dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.config.permission_names import ADMINISTRATOR, MANAGE_ROLES, PERMISSIONS
from bot.config.resource_specs import BOT, EVERYONE, permission_names

_NOT_KEY = re.compile(r"[^a-z0-9_-]+")
STAFF_HINT = PERMISSIONS["manage_messages"] | ADMINISTRATOR
KNOWN_BITS = sum(PERMISSIONS.values())


class Left(StrEnum):
    """What the import could not express; rendered as ``import-left-<value>``."""

    MANAGED_ROLE = "managed-role"  # a bot's or the booster role: Discord manages it
    CHANNEL_TYPE = "channel-type"  # voice, stage, forum, announcement...
    MEMBER_OVERWRITE = "member-overwrite"  # an overwrite for one member, not a role
    CHANNEL_NAME = "channel-name"  # a name the file's check would refuse (emoji, spaces)
    MANAGE_ROLES_OVERWRITE = "manage-roles-overwrite"  # only administrators may set it
    CHANNEL_SETTINGS = "channel-settings"  # slowmode, NSFW: not declared, left as they are
    POSITIONS = "positions"  # positions are not declared: left where they are


@dataclass(frozen=True, slots=True)
class Leftover:
    code: Left
    what: str  # the Discord name concerned (or empty)


@dataclass(slots=True)
class Imported:
    yaml: str
    texts: dict[str, str]  # Fluent id → text (channel topics), in the guild's language
    left: list[Leftover] = field(default_factory=list)


def _key(name: str, prefix: str, taken: set[str]) -> str:
    base = _NOT_KEY.sub("-", name.lower()).strip("-_") or prefix
    if not base[0].isalpha():
        base = f"{prefix}-{base}"
    base = base[:28].rstrip("-_")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def _perms(bits: int) -> str:
    return "[" + ", ".join(permission_names(bits & KNOWN_BITS)) + "]"


def _valid_channel_name(name: str) -> bool:
    return (
        bool(name)
        and len(name) <= 100
        and name == name.lower()
        and all(c.isalnum() or c in "-_" for c in name)
    )


def import_guild(
    guild: Mapping[str, Any],
    roles: Sequence[Mapping[str, Any]],
    channels: Sequence[Mapping[str, Any]],
    *,
    bot_id: int,
    locale: str,
    header: Callable[[str], str],
) -> Imported:
    """``header(id)``: a comment line for the file (from the CLI's texts)."""
    guild_id = int(guild["id"])
    left: list[Leftover] = [Leftover(Left.POSITIONS, "")]
    taken: set[str] = set()
    role_keys: dict[int, str] = {}
    lines = [
        "# yaml-language-server: $schema=../schemas/server.schema.json",
        header("import-header"),
        f"guild: {guild_id}",
        f"locale: {locale}",
    ]
    role_lines: list[str] = []
    staff: list[str] = []
    for role in sorted(roles, key=lambda r: -int(r.get("position", 0))):
        role_id = int(role["id"])
        if role_id == guild_id:
            continue
        if role.get("managed"):
            left.append(Leftover(Left.MANAGED_ROLE, str(role["name"])))
            continue
        key = role_keys[role_id] = _key(str(role["name"]), "role", taken)
        bits = int(role.get("permissions") or 0)
        if bits & STAFF_HINT:
            staff.append(key)
        fields = [
            f"name: {_text(str(role['name']))}",
            f"permissions: {_perms(bits & ~ADMINISTRATOR)}",
        ]
        if role.get("color"):
            fields.append(f'color: "#{int(role["color"]):06X}"')
        if role.get("hoist"):
            fields.append("hoist: true")
        if role.get("mentionable"):
            fields.append("mentionable: true")
        fields.append(f'adopt: "{role_id}"')
        role_lines.append(f"    {key}: {{{', '.join(fields)}}}")
    if not role_lines:  # a file names its staff: declare one to create
        role_lines.append('    staff: {name: "Staff"}')
        taken.add("staff")
        staff = ["staff"]
    staff = staff or [next(iter(role_keys.values()))]
    channel_keys: dict[int, str] = {}
    category_lines: list[str] = []
    channel_lines: list[str] = []
    texts: dict[str, str] = {}

    def overwrites(channel: Mapping[str, Any]) -> list[str]:
        out = []
        for o in channel.get("permission_overwrites") or ():
            target_id, kind = int(o["id"]), int(o.get("type", 0))
            allow, deny = int(o.get("allow") or 0), int(o.get("deny") or 0)
            if (allow | deny) & MANAGE_ROLES:
                left.append(Leftover(Left.MANAGE_ROLES_OVERWRITE, str(channel["name"])))
                allow, deny = allow & ~MANAGE_ROLES, deny & ~MANAGE_ROLES
            if kind == 1 and target_id != bot_id:
                left.append(Leftover(Left.MEMBER_OVERWRITE, str(channel["name"])))
                continue
            if target_id == guild_id:
                target = EVERYONE
            elif kind == 1:
                target = BOT
            else:
                target = role_keys.get(target_id, str(target_id))
            parts = []
            if allow & KNOWN_BITS:
                parts.append(f"allow: {_perms(allow)}")
            if deny & KNOWN_BITS:
                parts.append(f"deny: {_perms(deny)}")
            if parts:
                out.append(f"        {_text(target)}: {{{', '.join(parts)}}}")
        return ["      overwrites:", *out] if out else []

    ordered = sorted(channels, key=lambda c: (int(c.get("position", 0)), int(c["id"])))
    for channel in ordered:
        if int(channel.get("type", -1)) != 4:
            continue
        key = channel_keys[int(channel["id"])] = _key(str(channel["name"]), "category", taken)
        category_lines += [
            f"    {key}:",
            f"      name: {_text(str(channel['name']))}",
            f'      adopt: "{channel["id"]}"',
            *overwrites(channel),
        ]
    for channel in ordered:
        kind = int(channel.get("type", -1))
        if kind == 4:
            continue
        name = str(channel.get("name", ""))
        if kind != 0:
            left.append(Leftover(Left.CHANNEL_TYPE, name))
            continue
        if not _valid_channel_name(name):
            left.append(Leftover(Left.CHANNEL_NAME, name))
            continue
        if channel.get("nsfw") or channel.get("rate_limit_per_user"):
            left.append(Leftover(Left.CHANNEL_SETTINGS, name))
        key = channel_keys[int(channel["id"])] = _key(name, "channel", taken)
        block = [f"    {key}:", f"      name: {_text(name)}"]
        parent = channel.get("parent_id")
        if parent is not None and int(parent) in channel_keys:
            block.append(f"      category: {channel_keys[int(parent)]}")
        if channel.get("topic"):
            text_id = f"import-topic-{key}"
            texts[text_id] = str(channel["topic"])
            block.append(f"      topic: {text_id}")
        block.append(f'      adopt: "{channel["id"]}"')
        own = overwrites(channel)
        if parent is not None and int(parent) in channel_keys and not own:
            own = ["      overwrites: {}"]  # as it is, not its category's
        channel_lines += block + own
    categories = [k for k in channel_keys.values() if f"    {k}:" in category_lines]
    category = next((k for k in categories if "ticket" in k), categories[0] if categories else None)
    if category is None:  # no category yet: one to create
        category = _key("tickets", "category", taken)
        category_lines = [f"    {category}:", '      name: "Tickets"']
    lines += [f"staff_roles: [{', '.join(staff)}]", "", "resources:", "  roles:", *role_lines]
    lines += ["  categories:", *category_lines]
    if channel_lines:
        lines += ["  channels:", *channel_lines]
    lines += ["", header("import-systems"), "systems:", "  support:", "    style: channel"]
    lines += [
        f"    category: {category}",
        "    topics:",
        "      general:",
        "        label: topic-general",
    ]
    return Imported("\n".join(lines) + "\n", texts, left)
