"""The resource reconciler's port over discord.py's HTTP client (REST only: ``guichet apply``
runs without a gateway). Every call goes through discord.py's ``request``, which keeps its
rate-limit handling; a call with no answer by the deadline fails as TIMEOUT. Applying
declared resources is background work: under the rate limits it queues after members'
interactions (``bot.services.urgency``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord.http import Route

from bot.discord_app.http_errors import within
from bot.domain.port_errors import GONE, PortError, PortErrorKind
from bot.reconcile.resources.state import ObservedGuild

ADMINISTRATOR = 1 << 3
UNKNOWN_ROLE = 10011


class DiscordResourcePort:
    def __init__(
        self,
        http: discord.http.HTTPClient,
        bot_id: Callable[[], int | None],
        *,
        deadline: float = 15.0,
    ) -> None:
        self._http = http
        self._bot_id = bot_id
        self.deadline = deadline

    def bot_id(self) -> int | None:
        return self._bot_id()

    async def _call(self, route: Route, payload: dict[str, Any] | None = None) -> Any:
        # No ``json`` at all without a payload: discord.py would send a JSON ``null`` body.
        body = {} if payload is None else {"json": payload}
        try:
            return await within(
                self.deadline, lambda: self._http.request(route, **body), background=True
            )
        except PortError as error:
            if error.code == UNKNOWN_ROLE:  # a role deleted by hand is gone, as a channel is
                raise PortError(
                    PortErrorKind.UNKNOWN_CHANNEL, status=error.status, code=error.code
                ) from error
            raise

    async def observe(self, guild_id: int) -> ObservedGuild:
        bot_id = self._bot_id()
        roles = await self._call(Route("GET", "/guilds/{guild_id}/roles", guild_id=guild_id))
        channels = await self._call(Route("GET", "/guilds/{guild_id}/channels", guild_id=guild_id))
        member = await self._call(
            Route("GET", "/guilds/{guild_id}/members/{user_id}", guild_id=guild_id, user_id=bot_id)
        )
        by_id = {int(r["id"]): r for r in roles}
        mine = [int(r) for r in member.get("roles", ())]
        held = int(by_id.get(guild_id, {}).get("permissions") or 0)
        for role_id in mine:
            held |= int(by_id.get(role_id, {}).get("permissions") or 0)
        top = max((int(by_id[r]["position"]) for r in mine if r in by_id), default=0)
        return ObservedGuild(
            guild_id=guild_id,
            roles=by_id,
            channels={int(c["id"]): c for c in channels},
            bot_id=bot_id or 0,
            bot_permissions=held,
            bot_top_position=top,
            administrator=bool(held & ADMINISTRATOR),
        )

    async def holds(self, guild_id: int, channel_id: int) -> bool:
        """Messages in the channel, or active threads under it (thread tickets: a private
        thread leaves no message in its parent)."""
        if await self._has_messages(channel_id):
            return True
        route = Route("GET", "/guilds/{guild_id}/threads/active", guild_id=guild_id)
        active = await self._call(route)
        return any(str(t.get("parent_id")) == str(channel_id) for t in active.get("threads", ()))

    async def _has_messages(self, channel_id: int) -> bool:
        route = Route("GET", "/channels/{channel_id}/messages", channel_id=channel_id)
        try:
            found = await within(
                self.deadline,
                lambda: self._http.request(route, params={"limit": 1}),
                background=True,
            )
        except PortError as error:
            if error.kind in GONE:
                return False
            raise
        return bool(found)

    async def create_role(self, guild_id: int, payload: dict[str, Any]) -> int:
        data = await self._call(
            Route("POST", "/guilds/{guild_id}/roles", guild_id=guild_id), payload
        )
        return int(data["id"])

    async def edit_role(self, guild_id: int, role_id: int, payload: dict[str, Any]) -> None:
        route = Route(
            "PATCH", "/guilds/{guild_id}/roles/{role_id}", guild_id=guild_id, role_id=role_id
        )
        await self._call(route, payload)

    async def delete_role(self, guild_id: int, role_id: int) -> None:
        route = Route(
            "DELETE", "/guilds/{guild_id}/roles/{role_id}", guild_id=guild_id, role_id=role_id
        )
        await self._call(route)

    async def create_channel(self, guild_id: int, payload: dict[str, Any]) -> int:
        route = Route("POST", "/guilds/{guild_id}/channels", guild_id=guild_id)
        data = await self._call(route, payload)
        return int(data["id"])

    async def edit_channel(self, channel_id: int, payload: dict[str, Any]) -> None:
        await self._call(Route("PATCH", "/channels/{channel_id}", channel_id=channel_id), payload)

    async def delete_channel(self, channel_id: int) -> None:
        await self._call(Route("DELETE", "/channels/{channel_id}", channel_id=channel_id))
