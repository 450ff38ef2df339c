"""Discord's permission algorithm, as documented on the developer portal's "Permissions" page.

Pure functions over integer bit sets so the emulator can answer "may this member do that here?"
exactly as Discord would: base permissions from roles, channel overwrites in Discord's fixed order,
the documented implicit rules (no VIEW_CHANNEL, no SEND_MESSAGES), timed-out members, and the
thread rules (inherited from the parent, SEND_MESSAGES_IN_THREADS, private thread visibility).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce


class Perm(enum.IntFlag):
    """Every permission bit Discord documents (API v10). Bit 47 is retired and left out."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    PRIORITY_SPEAKER = 1 << 8
    STREAM = 1 << 9
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    SEND_TTS_MESSAGES = 1 << 12
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    VIEW_GUILD_INSIGHTS = 1 << 19
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    MUTE_MEMBERS = 1 << 22
    DEAFEN_MEMBERS = 1 << 23
    MOVE_MEMBERS = 1 << 24
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    MANAGE_GUILD_EXPRESSIONS = 1 << 30
    USE_APPLICATION_COMMANDS = 1 << 31
    REQUEST_TO_SPEAK = 1 << 32
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    USE_EXTERNAL_STICKERS = 1 << 37
    SEND_MESSAGES_IN_THREADS = 1 << 38
    USE_EMBEDDED_ACTIVITIES = 1 << 39
    MODERATE_MEMBERS = 1 << 40
    VIEW_CREATOR_MONETIZATION_ANALYTICS = 1 << 41
    USE_SOUNDBOARD = 1 << 42
    CREATE_GUILD_EXPRESSIONS = 1 << 43
    CREATE_EVENTS = 1 << 44
    USE_EXTERNAL_SOUNDS = 1 << 45
    SEND_VOICE_MESSAGES = 1 << 46
    SET_VOICE_CHANNEL_STATUS = 1 << 48
    SEND_POLLS = 1 << 49
    USE_EXTERNAL_APPS = 1 << 50
    PIN_MESSAGES = 1 << 51
    BYPASS_SLOWMODE = 1 << 52


ALL: int = reduce(operator.or_, (flag.value for flag in Perm))

NONE = 0

# "Denying SEND_MESSAGES implicitly denies MENTION_EVERYONE, SEND_TTS_MESSAGES, ATTACH_FILES,
# and EMBED_LINKS" (Implicit Permissions). In a thread the base action is SEND_MESSAGES_IN_THREADS.
SEND_DEPENDENT: int = (
    Perm.MENTION_EVERYONE | Perm.SEND_TTS_MESSAGES | Perm.ATTACH_FILES | Perm.EMBED_LINKS
)

# "Timed out members will temporarily lose all permissions except VIEW_CHANNEL and
# READ_MESSAGE_HISTORY. Owners and admin users with ADMINISTRATOR permissions are exempt."
TIMEOUT_KEPT: int = Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY

ROLE = 0
MEMBER = 1


@dataclass(frozen=True, slots=True)
class Overwrite:
    """A channel permission overwrite: `type` 0 targets a role (or @everyone), 1 a member."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0


def base_permissions(
    *,
    guild_id: int,
    owner_id: int,
    member_id: int,
    member_roles: Iterable[int],
    role_permissions: Mapping[int, int],
) -> int:
    """Guild-level permissions: @everyone (keyed by the guild id) OR every role the member has.

    The owner and anyone holding ADMINISTRATOR through a role get every permission. Roles missing
    from `role_permissions` (deleted roles still listed on a member) contribute nothing.
    """
    if member_id == owner_id:
        return ALL
    perms = role_permissions.get(guild_id, NONE)
    for role_id in member_roles:
        perms |= role_permissions.get(role_id, NONE)
    if perms & Perm.ADMINISTRATOR:
        return ALL
    return perms


def apply_overwrites(
    base: int,
    *,
    guild_id: int,
    member_id: int,
    member_roles: Iterable[int],
    overwrites: Iterable[Overwrite],
) -> int:
    """Apply channel overwrites in Discord's documented order.

    @everyone deny then allow; then the deny of every role overwrite the member holds combined,
    then their allow combined (so an allow on one role beats a deny on another, whatever the role
    positions); then the member's own overwrite. ADMINISTRATOR bypasses overwrites entirely.
    """
    if base & Perm.ADMINISTRATOR:
        return ALL
    roles = set(member_roles)
    everyone: Overwrite | None = None
    member: Overwrite | None = None
    role_allow = role_deny = NONE
    for ow in overwrites:
        if ow.type == ROLE:
            if ow.id == guild_id:
                everyone = ow
            elif ow.id in roles:
                role_allow |= ow.allow
                role_deny |= ow.deny
        elif ow.type == MEMBER and ow.id == member_id:
            member = ow

    perms = base
    if everyone is not None:
        perms = (perms & ~everyone.deny) | everyone.allow
    perms = (perms & ~role_deny) | role_allow
    if member is not None:
        perms = (perms & ~member.deny) | member.allow
    return perms & ALL


def apply_implicit(perms: int, *, send_permission: int = Perm.SEND_MESSAGES) -> int:
    """Documented implicit denials: no VIEW_CHANNEL means nothing at all in the channel; without
    the right to send (`send_permission`), the bits that only qualify a message are ignored."""
    if not perms & Perm.VIEW_CHANNEL:
        return NONE
    if not perms & send_permission:
        perms &= ~SEND_DEPENDENT
    return perms


def channel_permissions(
    *,
    guild_id: int,
    owner_id: int,
    member_id: int,
    member_roles: Iterable[int],
    role_permissions: Mapping[int, int],
    overwrites: Iterable[Overwrite] | None,
    parent_overwrites: Iterable[Overwrite] | None = None,
    timed_out: bool = False,
    implicit: bool = True,
) -> int:
    """A member's effective permissions in a guild channel.

    Discord has no category inheritance at computation time: a channel "synced" to its category
    simply carries a copy of the category's overwrites. `overwrites=None` models such a synced
    channel and uses `parent_overwrites` (the category's); an explicit list, even empty, is the
    channel's own set and the category's is ignored.

    `implicit=False` skips the implicit rules: use it to compute a thread parent's permissions for
    `thread_permissions`, because a thread's send-dependent bits hinge on
    SEND_MESSAGES_IN_THREADS, not on the parent's SEND_MESSAGES.
    """
    roles = tuple(member_roles)
    base = base_permissions(
        guild_id=guild_id,
        owner_id=owner_id,
        member_id=member_id,
        member_roles=roles,
        role_permissions=role_permissions,
    )
    effective = overwrites if overwrites is not None else (parent_overwrites or ())
    perms = apply_overwrites(
        base, guild_id=guild_id, member_id=member_id, member_roles=roles, overwrites=effective
    )
    if timed_out and not perms & Perm.ADMINISTRATOR:
        perms &= TIMEOUT_KEPT
    return apply_implicit(perms) if implicit else perms


def thread_permissions(parent_permissions: int, *, private: bool, is_thread_member: bool) -> int:
    """Permissions in a thread, derived from the parent channel's permissions.

    Threads inherit the parent's permissions except SEND_MESSAGES: sending needs
    SEND_MESSAGES_IN_THREADS, so in the result SEND_MESSAGES mirrors SEND_MESSAGES_IN_THREADS
    (callers check SEND_MESSAGES the same way in channels and threads). VIEW_CHANNEL on the parent
    is required to see any thread; a private thread is visible only to its members and to holders
    of MANAGE_THREADS ("viewing all private threads").
    """
    perms = parent_permissions & ALL
    if not perms & Perm.VIEW_CHANNEL:
        return NONE
    if private and not is_thread_member and not perms & Perm.MANAGE_THREADS:
        return NONE
    if perms & Perm.SEND_MESSAGES_IN_THREADS:
        perms |= Perm.SEND_MESSAGES
    else:
        perms &= ~Perm.SEND_MESSAGES
    return apply_implicit(perms, send_permission=Perm.SEND_MESSAGES_IN_THREADS)


def has(perms: int, *required: Perm) -> bool:
    """True when every `required` bit is set (ADMINISTRATOR alone is not special-cased here: the
    functions above already expand it to ALL)."""
    return not missing(perms, *required)


def missing(perms: int, *required: Perm) -> list[Perm]:
    """The required permissions absent from `perms`, one flag each, in Discord's bit order."""
    wanted = NONE
    for flag in required:
        wanted |= flag
    return [flag for flag in Perm if wanted & flag and not perms & flag]
