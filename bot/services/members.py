"""Who a signed-in person is in a server, for pages outside Discord (the staff dashboard).

A slash command carries the member (roles, permissions) with it; a web request carries only a
user id. :class:`MemberDirectory` asks Discord (through the bot) for the member at each
request, so a role taken away or a member who left loses the dashboard at their next click,
and :func:`actor_of` turns the answer into the :class:`~bot.domain.access.Actor` the ticket
rules already decide on, so the dashboard and the slash commands agree on who is staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain import access
from bot.domain.access import Actor


class DirectoryUnavailableError(Exception):
    """Discord could not say who the member is (down, slow, refusing): nothing is shown or
    done, since access cannot be decided."""


@dataclass(frozen=True, slots=True)
class GuildMember:
    user_id: int
    role_ids: frozenset[int]
    permissions: int  # guild-level: @everyone and the member's roles (no channel overwrites)
    is_owner: bool
    name: str


class MemberDirectory(Protocol):
    async def member(
        self, guild_id: int, user_id: int, *, fresh: bool = True
    ) -> GuildMember | None:
        """The member now, or None when they are not in the guild (or the bot is not).
        ``fresh=False``: an answer of the last few seconds will do (names on a page, never
        a permission decision). Raises :class:`DirectoryUnavailableError` when Discord
        cannot answer."""
        ...


def guild_permissions(
    *,
    guild_id: int,
    owner_id: int,
    user_id: int,
    role_ids: frozenset[int],
    role_permissions: dict[int, int],
) -> int:
    """Discord's base permissions: @everyone (the guild's id) OR the member's roles; the owner
    and administrators hold everything (developer docs, topics/permissions)."""
    everything = (1 << 53) - 1
    if user_id == owner_id:
        return everything
    perms = role_permissions.get(guild_id, 0)
    for role_id in role_ids:
        perms |= role_permissions.get(role_id, 0)
    return everything if perms & access.ADMINISTRATOR else perms


def actor_of(member: GuildMember) -> Actor:
    perms = member.permissions
    return Actor(
        user_id=member.user_id,
        role_ids=member.role_ids,
        is_owner=member.is_owner,
        is_admin=bool(perms & access.ADMINISTRATOR),
        can_manage_channels=bool(perms & access.MANAGE_CHANNELS),
        can_manage_guild=bool(perms & access.MANAGE_GUILD),
        name=member.name,
    )
