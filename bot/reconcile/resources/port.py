"""What the resource reconciler needs from Discord and from storage, as Protocols.

``bot.discord_app.resource_port`` implements :class:`ResourcePort` over discord.py's HTTP
client (errors as :class:`~bot.domain.port_errors.PortError`); ``bot.storage``'s
ResourceRepository implements :class:`ResourceStore`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from bot.domain.resource_records import ResourceRecord
from bot.reconcile.resources.state import ObservedGuild


class ResourcePort(Protocol):
    def bot_id(self) -> int | None: ...

    async def observe(self, guild_id: int) -> ObservedGuild:
        """The guild's roles and channels, and the bot's standing (three reads)."""
        ...

    async def holds(self, guild_id: int, channel_id: int) -> bool:
        """Does the text channel hold messages or (active) threads?"""
        ...

    async def create_role(self, guild_id: int, payload: dict[str, Any]) -> int: ...

    async def edit_role(self, guild_id: int, role_id: int, payload: dict[str, Any]) -> None: ...

    async def delete_role(self, guild_id: int, role_id: int) -> None: ...

    async def create_channel(self, guild_id: int, payload: dict[str, Any]) -> int: ...

    async def edit_channel(self, channel_id: int, payload: dict[str, Any]) -> None: ...

    async def delete_channel(self, channel_id: int) -> None: ...


class ResourceStore(Protocol):
    async def list_for_guild(self, guild_id: int) -> list[ResourceRecord]: ...

    async def list_for_guilds(self, guild_ids: Iterable[int]) -> list[ResourceRecord]: ...

    async def upsert(self, record: ResourceRecord) -> None: ...

    async def delete(self, guild_id: int, key: str) -> None: ...
