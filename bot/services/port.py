"""What the ticket services need from Discord, in plain types.

``bot.discord_app`` implements :class:`TicketPort` over discord.py and maps every HTTP
failure to a :class:`PortError` (one type for every port, defined in
:mod:`bot.domain.port_errors` and re-exported here); the services never see
a discord.py type or exception. Tests use an in-memory fake of this Protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.access import OverwriteSpec, TargetType
from bot.domain.port_errors import KIND_BY_CODE, PortError, PortErrorKind
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
    "ChannelMessage",
    "Embed",
    "EmbedField",
    "OutgoingMessage",
    "OverwriteSpec",
    "PortError",
    "PortErrorKind",
    "TargetType",
    "TicketPort",
]


@dataclass(frozen=True, slots=True)
class ChannelMessage:
    """A message read back from a channel: who wrote it, and its buttons' custom_ids."""

    id: int
    author_id: int
    author_is_bot: bool = False
    custom_ids: tuple[str, ...] = ()


class TicketPort(Protocol):
    @property
    def bot_user_id(self) -> int:
        """The bot's own user id (its member overwrite in ticket channels)."""
        ...

    def bot_permissions(self, guild_id: int, channel_id: int | None) -> int | None:
        """The bot's permission bits in ``channel_id`` (a category or text channel), or in the
        guild when ``None``; from the client's cache, no request. ``None``: not known."""
        ...

    def channel_exists(self, guild_id: int, channel_id: int) -> bool | None:
        """Whether the guild still has this channel or category (the client's cache, no
        request); ``None`` when it cannot tell (the guild is not cached)."""
        ...

    def parent_of(self, guild_id: int, channel_id: int) -> int | None:
        """The category a channel is in (the client's cache); ``None``: none, or unknown."""
        ...

    def channels_in(self, guild_id: int, category_id: int) -> int | None:
        """How many channels a category holds (the client's cache, no request); ``None``
        when it cannot tell."""
        ...

    def role_exists(self, guild_id: int, role_id: int) -> bool | None:
        """Whether the guild still has this role (cache); ``None`` when it cannot tell."""
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

    async def move_channel(self, channel_id: int, parent_id: int) -> None:
        """Put a channel in another category, its overwrites kept as they are."""
        ...

    async def rename_channel(self, channel_id: int, name: str) -> None:
        """Rename a channel or a thread (Discord: twice per 10 minutes per channel; past that
        a ``PortError(RATE_LIMITED)`` with ``retry_after``)."""
        ...

    async def set_member_overwrite(
        self, channel_id: int, user_id: int, allow: int, deny: int
    ) -> None: ...

    async def delete_overwrite(self, channel_id: int, target_id: int) -> None: ...

    async def change_overwrites(
        self, channel_id: int, put: list[OverwriteSpec], remove: list[int]
    ) -> None:
        """Set ``put`` then remove ``remove``, as one request where the adapter can (a claim
        that hides the ticket: the claimer in, the handler roles out)."""
        ...

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

    async def list_thread_members(self, thread_id: int) -> list[int]:
        """The user ids of a thread's members (``claim_hides`` in thread style). Discord
        serves this only to applications with the Server Members intent enabled in the
        Developer Portal; without it the call fails (a :class:`PortError`)."""
        ...

    async def find_channels(
        self,
        guild_id: int,
        *,
        parent_id: int | None,
        name: str,
        opener_id: int,
        since: datetime,
    ) -> list[int]:
        """Channels (or private threads) the bot may have made for an opening whose answer
        never came: under ``parent_id``, named ``name``, made since ``since``, and the
        opener's (a text channel with their member overwrite; a thread the bot owns). One
        or two requests; a :class:`PortError` when Discord cannot be asked."""
        ...

    async def member_exists(self, guild_id: int, user_id: int) -> bool:
        """Whether ``user_id`` is still a member of the guild (cache first, then one
        ``GET /guilds/{guild}/members/{user}``: 404 / 10007 means no)."""
        ...

    async def messages_after(
        self, channel_id: int, after: int | None, *, limit: int = 100
    ) -> list[ChannelMessage]:
        """Up to ``limit`` messages of the channel newer than message ``after`` (the newest
        ones when ``None``), newest first. One request."""
        ...
