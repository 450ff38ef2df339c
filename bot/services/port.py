"""What the ticket services need from Discord, in plain types.

``bot.discord_app`` implements :class:`TicketPort` over discord.py and maps every HTTP
failure to a :class:`PortError` (see :meth:`PortError.from_http`); the services never see
a discord.py type or exception. Tests use an in-memory fake of this Protocol.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from bot.domain.access import OverwriteSpec, TargetType
from bot.domain.ticket_messages import (
    AllowedMentions,
    Button,
    ButtonStyle,
    Embed,
    EmbedField,
    OutgoingMessage,
)

__all__ = [
    "KIND_BY_CODE",
    "AllowedMentions",
    "Button",
    "ButtonStyle",
    "Embed",
    "EmbedField",
    "OutgoingMessage",
    "OverwriteSpec",
    "PortError",
    "PortErrorKind",
    "TargetType",
    "TicketPort",
]


class PortErrorKind(StrEnum):
    MISSING_PERMISSIONS = "missing_permissions"  # 50013
    MISSING_ACCESS = "missing_access"  # 50001
    UNKNOWN_CHANNEL = "unknown_channel"  # 10003 (also a deleted thread)
    CATEGORY_FULL = "category_full"  # 50 channels in the category (50035, CHANNEL_PARENT_MAX)
    GUILD_FULL = "guild_full"  # 30013: 500 channels in the guild
    THREAD_LIMIT = "thread_limit"  # 160006: 1000 active threads
    NAME_REFUSED = "name_refused"  # 50035 on ``name`` (word filter, invalid characters)
    SERVER_ERROR = "server_error"  # 5xx
    RATE_LIMITED = "rate_limited"  # 429 the client gave up retrying
    DM_CLOSED = "dm_closed"  # 50007: the user does not accept direct messages from the bot
    UNKNOWN_MEMBER = "unknown_member"  # 10007: the user is not (or no longer) in the guild
    OTHER = "other"


# Discord JSON error codes whose meaning does not depend on the field, for adapters.
# 50035 (invalid form body) needs the field errors: ``name`` → NAME_REFUSED,
# ``parent_id`` with CHANNEL_PARENT_MAX_CHANNELS → CATEGORY_FULL.
KIND_BY_CODE: dict[int, PortErrorKind] = {
    50013: PortErrorKind.MISSING_PERMISSIONS,
    50001: PortErrorKind.MISSING_ACCESS,
    10003: PortErrorKind.UNKNOWN_CHANNEL,
    30013: PortErrorKind.GUILD_FULL,
    160006: PortErrorKind.THREAD_LIMIT,
    50007: PortErrorKind.DM_CLOSED,
    10007: PortErrorKind.UNKNOWN_MEMBER,
}


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


class TicketPort(Protocol):
    @property
    def bot_user_id(self) -> int:
        """The bot's own user id (its member overwrite in ticket channels)."""
        ...

    def bot_permissions(self, guild_id: int, channel_id: int | None) -> int | None:
        """The bot's permission bits in ``channel_id`` (a category or text channel), or in the
        guild when ``None``; from the client's cache, no request. ``None``: not known."""
        ...

    async def create_text_channel(
        self,
        guild_id: int,
        name: str,
        parent_id: int | None,
        overwrites: list[OverwriteSpec],
        topic: str | None,
    ) -> int:
        """One request, overwrites inline; return the channel id."""
        ...

    async def create_private_thread(self, parent_channel_id: int, name: str) -> int:
        """A private thread nobody can be invited to by other members; return its id."""
        ...

    async def add_thread_member(self, thread_id: int, user_id: int) -> None: ...

    async def remove_thread_member(self, thread_id: int, user_id: int) -> None: ...

    async def send_message(self, channel_id: int, message: OutgoingMessage) -> int:
        """Post ``message`` (its ``allowed_mentions`` applied as given); return its id."""
        ...

    async def edit_message(
        self, channel_id: int, message_id: int, message: OutgoingMessage
    ) -> None: ...

    async def delete_channel(self, channel_id: int) -> None:
        """Delete a channel or a thread."""
        ...

    async def set_member_overwrite(
        self, channel_id: int, user_id: int, allow: int, deny: int
    ) -> None: ...

    async def delete_overwrite(self, channel_id: int, target_id: int) -> None: ...

    async def archive_thread(self, thread_id: int, *, locked: bool = True) -> None: ...

    async def unarchive_thread(self, thread_id: int) -> None:
        """Unarchive and unlock."""
        ...

    # --- added for staff tools and manual approval (issue 6) ----------------------------

    async def set_role_overwrite(
        self, channel_id: int, role_id: int, allow: int, deny: int
    ) -> None:
        """Create or replace a role's overwrite (``claim_hides``: give handler roles back)."""
        ...

    async def send_dm(self, user_id: int, message: OutgoingMessage) -> int:
        """Open (or reuse) the DM channel with ``user_id`` and post ``message``; return the
        message id. Raises ``PortError(DM_CLOSED)`` when Discord answers 50007."""
        ...

    async def member_exists(self, guild_id: int, user_id: int) -> bool:
        """Whether ``user_id`` is still a member of the guild (cache first, then one
        ``GET /guilds/{guild}/members/{user}``: 404 / 10007 means no)."""
        ...
