"""Who may set which permission overwrites, as Discord's docs word it.

Create Guild Channel: "If setting permission overwrites, only permissions your bot has in the
guild can be allowed/denied. Setting `MANAGE_ROLES` permission in channels is only possible for
guild administrators." (developers/resources/guild.mdx)

Modify Channel and Edit Channel Permissions: "Requires the `MANAGE_ROLES` permission. Only
permissions your bot has in the guild or parent channel (if applicable) can be allowed/denied
(unless your bot has a `MANAGE_ROLES` overwrite in the channel)." (developers/resources/
channel.mdx). Delete Channel Permission: "Requires the `MANAGE_ROLES` permission."

Readings where the docs leave room, the conservative one each time:
- setting overwrites at creation needs MANAGE_ROLES in the guild too (Modify Channel says
  modifying overwrites needs it; creating with them is no less);
- the administrators-only rule for MANAGE_ROLES holds on edits as well ("in channels");
- "a MANAGE_ROLES overwrite in the channel" is an overwrite that applies to the bot (its own,
  one of its roles', or @everyone's) allowing MANAGE_ROLES; it lets the bot allow or deny what
  it holds in that channel, on top of what it holds in the guild or the parent.
Administrators (and the owner) may set anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.sandbox import errors
from bot.sandbox.permissions import ALL, MEMBER, ROLE, Overwrite, Perm
from bot.sandbox.state import Channel, EmulatorState, Guild


def _set_bits(overwrites: Iterable[Overwrite]) -> int:
    bits = 0
    for overwrite in overwrites:
        bits |= overwrite.allow | overwrite.deny
    return bits & ALL


def check_create_overwrites(
    state: EmulatorState, guild: Guild, overwrites: Iterable[Overwrite]
) -> None:
    """Create Guild Channel with `permission_overwrites`: only bits the bot holds in the guild,
    never MANAGE_ROLES unless administrator (403 50013 otherwise)."""
    granted = state.guild_permissions(guild, state.bot_user.id)
    if granted & Perm.ADMINISTRATOR:
        return
    listed = list(overwrites)
    if not listed:
        return
    bits = _set_bits(listed)
    if not granted & Perm.MANAGE_ROLES or bits & Perm.MANAGE_ROLES or bits & ~granted:
        raise errors.missing_permissions()


def _has_manage_roles_overwrite(state: EmulatorState, channel: Channel, user_id: int) -> bool:
    guild = state.guild_of(channel)
    member = guild.members.get(user_id)
    if member is None:
        return False
    applies = {guild.id, *member.roles}
    return any(
        o.allow & Perm.MANAGE_ROLES
        and ((o.type == ROLE and o.id in applies) or (o.type == MEMBER and o.id == user_id))
        for o in channel.overwrites.values()
    )


def settable_bits(state: EmulatorState, channel: Channel) -> int:
    """What the bot may allow or deny in `channel`'s overwrites (ALL for administrators)."""
    bot_id = state.bot_user.id
    guild = state.guild_of(channel)
    in_guild = state.guild_permissions(guild, bot_id)
    if in_guild & Perm.ADMINISTRATOR:
        return ALL
    allowed = in_guild
    parent = state.channels.get(channel.parent_id) if channel.parent_id is not None else None
    if parent is not None:
        allowed |= state.permissions_in(parent, bot_id)
    if _has_manage_roles_overwrite(state, channel, bot_id):
        allowed |= state.permissions_in(channel, bot_id)
    return allowed & ~Perm.MANAGE_ROLES


def check_edit_overwrites(
    state: EmulatorState, channel: Channel, overwrites: Iterable[Overwrite]
) -> None:
    """Modify Channel's `permission_overwrites`, Edit Channel Permissions, and (with no
    overwrites) Delete Channel Permission: MANAGE_ROLES in the channel, then only settable
    bits (403 50013 otherwise)."""
    granted = state.permissions_in(channel, state.bot_user.id)
    if granted & Perm.ADMINISTRATOR:
        return
    if not granted & Perm.MANAGE_ROLES:
        raise errors.missing_permissions()
    if _set_bits(overwrites) & ~settable_bits(state, channel):
        raise errors.missing_permissions()
