"""Who may do what with a ticket, and the permission overwrites a ticket channel gets.

Pure: the discord layer turns a member into an :class:`Actor` (ids and a few flags it
computes from ``Member.guild_permissions``) and these rules decide. Permission bits are
Discord's own values, so overwrites go to the API unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain.tickets import Ticket
from bot.i18n.ids import MessageId, message_id

# --- Discord permission bits (https://discord.com/developers/docs/topics/permissions) ----

ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
MANAGE_ROLES = 1 << 28
MANAGE_THREADS = 1 << 34
CREATE_PRIVATE_THREADS = 1 << 36
SEND_MESSAGES_IN_THREADS = 1 << 38

# What a member needs to hold a conversation in a ticket.
TALK = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | ATTACH_FILES | EMBED_LINKS
OPENER_ALLOW = TALK
HANDLER_ALLOW = TALK | MANAGE_MESSAGES
# The bot's own member overwrite: @everyone's VIEW deny would otherwise hide the channel
# from the bot too. MANAGE_ROLES is deliberately *not* in it: Discord lets only
# administrators set MANAGE_ROLES in a channel-create overwrite (50013 otherwise). The bot
# edits this channel's overwrites later (close/reopen, add member) with the Manage Roles it
# holds at guild level, which no overwrite here denies.
BOT_ALLOW = TALK | MANAGE_CHANNELS
# ``on_close: keep``: the opener (and added members) can still read, not write. (Reactions
# stay: denying them would need the bot to hold Add Reactions in the server, see
# ``bot.domain.bot_permissions``.)
CLOSED_ALLOW = VIEW_CHANNEL | READ_MESSAGE_HISTORY
CLOSED_DENY = SEND_MESSAGES | ATTACH_FILES

# Fluent ids naming each permission, in Discord's order, for "missing permissions" replies.
PERMISSION_NAMES: dict[int, MessageId] = {
    VIEW_CHANNEL: message_id("tickets-permission-view-channel"),
    MANAGE_CHANNELS: message_id("tickets-permission-manage-channels"),
    MANAGE_ROLES: message_id("tickets-permission-manage-roles"),
    SEND_MESSAGES: message_id("tickets-permission-send-messages"),
    SEND_MESSAGES_IN_THREADS: message_id("tickets-permission-send-messages-in-threads"),
    CREATE_PRIVATE_THREADS: message_id("tickets-permission-create-private-threads"),
    MANAGE_THREADS: message_id("tickets-permission-manage-threads"),
    EMBED_LINKS: message_id("tickets-permission-embed-links"),
    ATTACH_FILES: message_id("tickets-permission-attach-files"),
    READ_MESSAGE_HISTORY: message_id("tickets-permission-read-message-history"),
    MANAGE_MESSAGES: message_id("tickets-permission-manage-messages"),
}


def bits(value: int) -> list[int]:
    """The single bits set in ``value``, lowest first."""
    return [1 << i for i in range(value.bit_length()) if value >> i & 1]


# --- who is acting -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """A member acting on tickets, as the discord layer saw them at interaction time."""

    user_id: int
    role_ids: frozenset[int] = frozenset()
    is_owner: bool = False
    is_admin: bool = False  # Administrator permission
    can_manage_channels: bool = False
    can_manage_guild: bool = False
    name: str = ""  # display name; only fills ``{member}`` in channel names


def is_staff(actor: Actor, server: ServerSpec, system: SystemSpec) -> bool:
    """Handler roles of the system (else the server's staff roles), or server managers."""
    if actor.is_owner or actor.is_admin or actor.can_manage_channels or actor.can_manage_guild:
        return True
    return not actor.role_ids.isdisjoint(server.handler_roles(system))


def may_reload(actor: Actor, server: ServerSpec | None) -> bool:
    """``/guichet reload``: whoever may manage the server, or its staff roles. A server with
    no (valid) configuration has no staff roles yet: only its managers."""
    if actor.is_owner or actor.is_admin or actor.can_manage_guild:
        return True
    return server is not None and not actor.role_ids.isdisjoint(server.staff_roles)


def may_open_for_other(actor: Actor, server: ServerSpec, system: SystemSpec) -> bool:
    return is_staff(actor, server, system)


def may_close(actor: Actor, server: ServerSpec, system: SystemSpec, ticket: Ticket) -> bool:
    return actor.user_id == ticket.opener_id or is_staff(actor, server, system)


def may_reopen(actor: Actor, server: ServerSpec, system: SystemSpec) -> bool:
    return is_staff(actor, server, system)


def may_delete(actor: Actor, server: ServerSpec, system: SystemSpec) -> bool:
    return is_staff(actor, server, system)


def may_claim(actor: Actor, server: ServerSpec, system: SystemSpec) -> bool:
    return is_staff(actor, server, system)


def may_view(
    actor: Actor,
    server: ServerSpec,
    system: SystemSpec,
    ticket: Ticket,
    members: frozenset[int] = frozenset(),
) -> bool:
    """The opener, members added to the ticket, and staff."""
    return (
        actor.user_id == ticket.opener_id
        or actor.user_id in members
        or is_staff(actor, server, system)
    )


# --- channel overwrites ------------------------------------------------------------------


class TargetType(IntEnum):
    """Discord's overwrite ``type``."""

    ROLE = 0
    MEMBER = 1


@dataclass(frozen=True, slots=True)
class OverwriteSpec:
    target_id: int
    target_type: TargetType
    allow: int = 0
    deny: int = 0


def grantable(overwrite: OverwriteSpec, held: int | None) -> OverwriteSpec:
    """Drop bits the bot does not hold server-wide: Discord refuses (50013) a create call that
    allows or denies a permission the bot lacks in the guild, unless it is an administrator.
    ``None``: unknown."""
    if held is None or held & ADMINISTRATOR:
        return overwrite
    return OverwriteSpec(
        overwrite.target_id, overwrite.target_type, overwrite.allow & held, overwrite.deny & held
    )


def ticket_overwrites(
    *,
    guild_id: int,
    opener_id: int,
    handler_roles: tuple[int, ...],
    bot_id: int,
    bot_permissions: int | None = None,
) -> list[OverwriteSpec]:
    """Overwrites of a new ticket channel, sent inline in the create call (no window where
    the channel is visible to everyone). ``bot_permissions``: what the bot holds in the
    server (its roles), to leave out bits Discord would refuse."""
    wanted = [
        OverwriteSpec(guild_id, TargetType.ROLE, deny=VIEW_CHANNEL),  # @everyone's id
        *(OverwriteSpec(r, TargetType.ROLE, allow=HANDLER_ALLOW) for r in handler_roles),
        OverwriteSpec(opener_id, TargetType.MEMBER, allow=OPENER_ALLOW),
        OverwriteSpec(bot_id, TargetType.MEMBER, allow=BOT_ALLOW),
    ]
    return [grantable(o, bot_permissions) for o in wanted]


def open_member_overwrite(user_id: int) -> OverwriteSpec:
    """The opener's (or an added member's) overwrite while the ticket is open."""
    return OverwriteSpec(user_id, TargetType.MEMBER, allow=OPENER_ALLOW)


def closed_member_overwrite(user_id: int) -> OverwriteSpec:
    """``on_close: keep``: still visible, read-only."""
    return OverwriteSpec(user_id, TargetType.MEMBER, allow=CLOSED_ALLOW, deny=CLOSED_DENY)
