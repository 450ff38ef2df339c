"""What the reconciler needs from Discord and from storage, as Protocols.

``bot.discord_app`` implements :class:`PanelPort` over discord.py (and maps HTTP errors to
:class:`PortError`); ``bot.storage``'s PanelRepository implements :class:`PanelStore`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from bot.domain.records import PanelRecord
from bot.reconcile.panels import PanelMessage


class PortErrorKind(StrEnum):
    MISSING_PERMISSIONS = "missing_permissions"  # 50013
    MISSING_ACCESS = "missing_access"  # 50001
    UNKNOWN_CHANNEL = "unknown_channel"  # 10003
    UNKNOWN_MESSAGE = "unknown_message"  # 10008
    SERVER_ERROR = "server_error"  # 5xx
    RATE_LIMITED = "rate_limited"  # 429 the client gave up retrying
    OTHER = "other"


# Discord JSON error codes -> kinds, for adapters that only have the code.
KIND_BY_CODE: dict[int, PortErrorKind] = {
    50013: PortErrorKind.MISSING_PERMISSIONS,
    50001: PortErrorKind.MISSING_ACCESS,
    10003: PortErrorKind.UNKNOWN_CHANNEL,
    10008: PortErrorKind.UNKNOWN_MESSAGE,
}

# The target is gone: deleting it is already done.
GONE = frozenset({PortErrorKind.UNKNOWN_CHANNEL, PortErrorKind.UNKNOWN_MESSAGE})


class PortError(Exception):
    """A Discord call failed; ``kind`` says how, ``status``/``code`` are Discord's own."""

    def __init__(
        self, kind: PortErrorKind, *, status: int | None = None, code: int | None = None
    ) -> None:
        super().__init__(kind.value, status, code)
        self.kind = kind
        self.status = status
        self.code = code

    @classmethod
    def from_http(cls, status: int, code: int | None = None) -> PortError:
        if code is not None and code in KIND_BY_CODE:
            kind = KIND_BY_CODE[code]
        elif status == 429:
            kind = PortErrorKind.RATE_LIMITED
        elif status >= 500:
            kind = PortErrorKind.SERVER_ERROR
        else:
            kind = PortErrorKind.OTHER
        return cls(kind, status=status, code=code)


class PanelPort(Protocol):
    async def send_panel(self, channel_id: int, message: PanelMessage) -> int:
        """Post ``message`` in the channel; return the new message id."""
        ...

    async def edit_panel(self, channel_id: int, message_id: int, message: PanelMessage) -> None:
        """Replace the message's embeds and components in place."""
        ...

    async def delete_message(self, channel_id: int, message_id: int) -> None: ...

    async def message_exists(self, channel_id: int, message_id: int) -> bool:
        """False when the message or its channel is unknown; other failures raise PortError."""
        ...


class PanelStore(Protocol):
    async def list_for_guild(self, guild_id: int) -> list[PanelRecord]: ...

    async def upsert(self, record: PanelRecord) -> None: ...

    async def delete(self, guild_id: int, panel_id: str) -> None: ...
