"""The dashboard's :class:`~bot.services.members.MemberDirectory` over discord.py's HTTP client.

``GET /guilds/{guild}/members/{user}`` needs no privileged intent (the Server Members intent
is for lists and events); the guild's roles come from the Gateway cache when this process
runs the bot, else from ``GET /guilds/{guild}`` (a standalone ``guichet web``), kept a few
seconds so a page's burst of requests costs one call.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import discord

from bot.services.members import DirectoryUnavailableError, GuildMember, guild_permissions

ROLES_TTL = 10.0  # seconds a guild's roles are reused without asking again
# A page waits this long for Discord to say who the viewer is, then says Discord is not
# answering (discord.py alone would retry a 5xx or wait out a 429 for much longer).
DEADLINE = 5.0


class DiscordMemberDirectory:
    def __init__(self, client: discord.Client, *, deadline: float = DEADLINE) -> None:
        self._client = client
        self.deadline = deadline
        self._roles: dict[int, tuple[float, int, dict[int, int]]] = {}
        self._members: dict[tuple[int, int], tuple[float, GuildMember | None]] = {}

    async def member(
        self, guild_id: int, user_id: int, *, fresh: bool = True
    ) -> GuildMember | None:
        key = (guild_id, user_id)
        cached = self._members.get(key)
        if not fresh and cached is not None and time.monotonic() - cached[0] < ROLES_TTL:
            return cached[1]
        try:
            async with asyncio.timeout(self.deadline):
                found = await self._fetch(guild_id, user_id)
        except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
            raise DirectoryUnavailableError(type(exc).__name__) from None
        if len(self._members) > 10_000:
            self._members.clear()
        self._members[key] = (time.monotonic(), found)
        return found

    async def _fetch(self, guild_id: int, user_id: int) -> GuildMember | None:
        try:
            data = await self._client.http.get_member(guild_id, user_id)
        except (discord.NotFound, discord.Forbidden):
            return None
        owner_id, role_permissions = await self._guild_roles(guild_id)
        roles = frozenset(int(r) for r in data.get("roles", ()))
        user = data.get("user") or {}
        name = data.get("nick") or user.get("global_name") or user.get("username") or ""
        return GuildMember(
            user_id=user_id,
            role_ids=roles,
            permissions=guild_permissions(
                guild_id=guild_id,
                owner_id=owner_id,
                user_id=user_id,
                role_ids=roles,
                role_permissions=role_permissions,
            ),
            is_owner=user_id == owner_id,
            name=str(name),
        )

    async def _guild_roles(self, guild_id: int) -> tuple[int, dict[int, int]]:
        guild = self._client.get_guild(guild_id)
        if guild is not None and guild.owner_id is not None:
            return guild.owner_id, {r.id: r.permissions.value for r in guild.roles}
        cached = self._roles.get(guild_id)
        now = time.monotonic()
        if cached is not None and now - cached[0] < ROLES_TTL:
            return cached[1], cached[2]
        data = await self._client.http.get_guild(guild_id)
        perms = {int(r["id"]): int(r["permissions"]) for r in data.get("roles", ())}
        self._roles[guild_id] = (now, int(data["owner_id"]), perms)
        return int(data["owner_id"]), perms
