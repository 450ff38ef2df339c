"""Who may run an application command in a guild channel, as Discord's client decides before it
sends any interaction: `default_member_permissions`, and the guild's command permission
overrides (Server Settings → Integrations; bots cannot set them, a Bearer token of an admin
can).

Documented (developers/interactions/application-commands.mdx, "Permissions"): members with
Administrator can use every command; `default_member_permissions` is the set of permissions a
member must have, `"0"` for administrators only unless an override says otherwise; overrides
target a role, a user or a channel (`guild_id` stands for @everyone, `guild_id - 1` for every
channel), a thread takes its parent channel's; overrides under the application's id apply to
every command without overrides of its own. How they combine is the "permissions v2" logic of
the change log (developers/change-log.mdx, "Flowchart for command permissions logic"):
app-level overrides are the base and still leave `default_member_permissions` to decide;
command-level overrides override both. The member's permissions are taken in the channel the
command runs in (the client offers commands per channel).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from bot.sandbox.permissions import Perm


class TargetKind(IntEnum):
    ROLE = 1
    USER = 2
    CHANNEL = 3


@dataclass(frozen=True, slots=True)
class CommandPermission:
    """One override: `id` a role, user or channel id (or a constant), `permission` allow."""

    id: int
    type: TargetKind
    permission: bool

    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": int(self.type), "permission": self.permission}


def _channel_verdict(
    overrides: Sequence[CommandPermission], guild_id: int, channel_id: int
) -> bool | None:
    channels = {o.id: o.permission for o in overrides if o.type is TargetKind.CHANNEL}
    if channel_id in channels:
        return channels[channel_id]
    return channels.get(guild_id - 1)  # "All Channels"


def _member_verdict(
    overrides: Sequence[CommandPermission], guild_id: int, user_id: int, roles: Iterable[int]
) -> bool | None:
    for o in overrides:
        if o.type is TargetKind.USER and o.id == user_id:
            return o.permission
    held = set(roles)
    by_role = [o.permission for o in overrides if o.type is TargetKind.ROLE and o.id in held]
    if by_role:
        return any(by_role)  # an allowing role wins over a denying one, as with overwrites
    for o in overrides:
        if o.type is TargetKind.ROLE and o.id == guild_id:  # @everyone
            return o.permission
    return None


def may_run(
    *,
    command: Mapping[str, Any],
    command_overrides: Sequence[CommandPermission],
    app_overrides: Sequence[CommandPermission],
    guild_id: int,
    channel_id: int,
    user_id: int,
    roles: Iterable[int],
    permissions: int,
) -> bool:
    """Whether the member's client offers (and sends) `command` in `channel_id` (a thread's
    parent for a thread). `permissions`: the member's permissions in that channel."""
    if permissions & Perm.ADMINISTRATOR:
        return True
    roles = tuple(roles)
    channel = _channel_verdict(command_overrides, guild_id, channel_id)
    if channel is None:
        channel = _channel_verdict(app_overrides, guild_id, channel_id)
    if channel is False:
        return False
    member = _member_verdict(command_overrides, guild_id, user_id, roles)
    if member is not None:
        return member  # command-level overrides override default_member_permissions too
    if _member_verdict(app_overrides, guild_id, user_id, roles) is False:
        return False
    raw = command.get("default_member_permissions")
    if raw is None:
        return True
    required = int(raw)
    return required != 0 and permissions & required == required
