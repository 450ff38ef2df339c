"""What the reconciler needs from Discord and from storage, as Protocols.

``bot.discord_app`` implements :class:`PanelPort` over discord.py (and maps HTTP errors to
:class:`PortError`, one type for every port, re-exported here from
:mod:`bot.domain.port_errors`); ``bot.storage``'s PanelRepository implements
:class:`PanelStore`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.domain.port_errors import GONE, KIND_BY_CODE, PortError, PortErrorKind
from bot.domain.records import PanelRecord
from bot.reconcile.panels import PanelMessage

__all__ = [
    "GONE",
    "KIND_BY_CODE",
    "PanelPort",
    "PanelStore",
    "PortError",
    "PortErrorKind",
]


class PanelPort(Protocol):
    async def send_panel(self, channel_id: int, message: PanelMessage) -> int:
        """Post ``message`` in the channel; return the new message id."""
        ...

    async def edit_panel(self, channel_id: int, message_id: int, message: PanelMessage) -> None:
        """Replace the message's embeds and components in place."""
        ...

    async def delete_message(self, channel_id: int, message_id: int) -> None: ...

    async def panels_in(self, channel_id: int) -> dict[frozenset[str], int]:
        """The bot's recent messages in the channel by the custom_ids of their components:
        how a panel posted but never recorded (lost database, crash) is found again."""
        ...

    async def message_exists(self, channel_id: int, message_id: int) -> bool:
        """False when the message or its channel is unknown; other failures raise PortError."""
        ...


class PanelStore(Protocol):
    async def list_for_guild(self, guild_id: int) -> list[PanelRecord]: ...

    async def list_for_guilds(self, guild_ids: Iterable[int]) -> list[PanelRecord]: ...

    async def upsert(self, record: PanelRecord) -> None: ...

    async def delete(self, guild_id: int, panel_id: str) -> None: ...
