"""Who is acting, as the domain sees them: a discord.py interaction → :class:`Actor`."""

from __future__ import annotations

import discord

from bot.domain.access import Actor


def interaction_actor(interaction: discord.Interaction) -> Actor:
    """The member behind ``interaction``, with the flags the access rules read.

    Permissions come from ``interaction.permissions`` (what Discord resolved for the member in
    the channel the interaction came from: Administrator implies every bit), so no member
    cache or extra request is needed.
    """
    user = interaction.user
    permissions = interaction.permissions
    roles = getattr(user, "roles", None) or []
    guild = interaction.guild
    return Actor(
        user_id=user.id,
        role_ids=frozenset(r.id for r in roles if r.id != interaction.guild_id),
        is_owner=guild is not None and guild.owner_id == user.id,
        is_admin=permissions.administrator,
        can_manage_channels=permissions.manage_channels,
        can_manage_guild=permissions.manage_guild,
        name=user.display_name,
    )


def member_actor(member: discord.Member | discord.User) -> Actor:
    """A member named in a command option (the one a ticket is opened for): only who they
    are matters, not what they may do."""
    roles = getattr(member, "roles", None) or []
    guild = getattr(member, "guild", None)
    everyone = guild.id if guild is not None else None
    return Actor(
        user_id=member.id,
        role_ids=frozenset(r.id for r in roles if r.id != everyone),
        name=member.display_name,
    )
