"""An in-memory stand-in for :class:`bot.services.port.TicketPort` that records every call.

It keeps just enough state (channels, overwrites, messages, thread members) for tests to
assert what Discord would hold, and can be told to fail the next call(s) of a method.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from bot.domain.access import OverwriteSpec
from bot.domain.ticket_messages import OutgoingMessage
from bot.services.port import PortError, PortErrorKind

BOT_ID = 424242


@dataclass
class Call:
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeChannel:
    id: int
    name: str
    parent_id: int | None
    thread: bool
    overwrites: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> allow, deny
    messages: list[OutgoingMessage] = field(default_factory=list)
    members: set[int] = field(default_factory=set)
    archived: bool = False
    locked: bool = False
    topic: str | None = None


class FakePort:
    def __init__(self, held: int | None = None) -> None:
        self.calls: list[Call] = []
        self.channels: dict[int, FakeChannel] = {}
        self.held = held
        self.held_in: dict[int, int] = {}
        self._ids = itertools.count(900_000_000_000_000_001)
        self._failures: dict[str, list[PortErrorKind]] = {}

    # --- test controls -----------------------------------------------------------------

    def fail(self, method: str, kind: PortErrorKind, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` raise ``PortError(kind)``."""
        self._failures.setdefault(method, []).extend([kind] * times)

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def _record(self, method: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append(Call(method, args, kwargs))
        pending = self._failures.get(method)
        if pending:
            raise PortError(pending.pop(0))

    def _channel(self, channel_id: int) -> FakeChannel:
        if channel_id not in self.channels:
            raise PortError(PortErrorKind.UNKNOWN_CHANNEL, status=404, code=10003)
        return self.channels[channel_id]

    # --- the port ----------------------------------------------------------------------

    @property
    def bot_user_id(self) -> int:
        return BOT_ID

    def bot_permissions(self, guild_id: int, channel_id: int | None) -> int | None:
        """`held_in[channel]` where a test set one, else `held` (server-wide and everywhere)."""
        if channel_id is not None and channel_id in self.held_in:
            return self.held_in[channel_id]
        return self.held

    @property
    def deleted(self) -> set[int]:
        """Channels, categories and roles deleted in Discord since the file named them."""
        return self.__dict__.setdefault("_deleted", set())

    def channel_exists(self, guild_id: int, channel_id: int) -> bool | None:
        return channel_id not in self.deleted

    def parent_of(self, guild_id: int, channel_id: int) -> int | None:
        channel = self.channels.get(channel_id)
        return None if channel is None else channel.parent_id

    def channels_in(self, guild_id: int, category_id: int) -> int | None:
        return sum(1 for c in self.channels.values() if c.parent_id == category_id)

    def role_exists(self, guild_id: int, role_id: int) -> bool | None:
        return role_id not in self.deleted

    async def create_text_channel(
        self,
        guild_id: int,
        name: str,
        parent_id: int | None,
        overwrites: list[OverwriteSpec],
        topic: str | None,
    ) -> int:
        self._record("create_text_channel", guild_id, name, parent_id, list(overwrites), topic)
        channel = FakeChannel(next(self._ids), name, parent_id, thread=False, topic=topic)
        channel.overwrites = {o.target_id: (o.allow, o.deny) for o in overwrites}
        self.channels[channel.id] = channel
        return channel.id

    async def create_private_thread(self, parent_channel_id: int, name: str) -> int:
        self._record("create_private_thread", parent_channel_id, name)
        channel = FakeChannel(next(self._ids), name, parent_channel_id, thread=True)
        channel.members.add(BOT_ID)
        self.channels[channel.id] = channel
        return channel.id

    async def add_thread_member(self, thread_id: int, user_id: int) -> None:
        self._record("add_thread_member", thread_id, user_id)
        self._channel(thread_id).members.add(user_id)

    async def remove_thread_member(self, thread_id: int, user_id: int) -> None:
        self._record("remove_thread_member", thread_id, user_id)
        self._channel(thread_id).members.discard(user_id)

    async def send_message(self, channel_id: int, message: OutgoingMessage) -> int:
        self._record("send_message", channel_id, message)
        channel = self._channel(channel_id)
        if channel.archived:
            raise PortError(PortErrorKind.OTHER, status=400, code=50083)
        channel.messages.append(message)
        return next(self._ids)

    async def edit_message(
        self, channel_id: int, message_id: int, message: OutgoingMessage
    ) -> None:
        self._record("edit_message", channel_id, message_id, message)

    async def move_channel(self, channel_id: int, parent_id: int) -> None:
        self._record("move_channel", channel_id, parent_id)
        self._channel(channel_id).parent_id = parent_id

    async def rename_channel(self, channel_id: int, name: str) -> None:
        self._record("rename_channel", channel_id, name)
        self._channel(channel_id)

    async def delete_channel(self, channel_id: int) -> None:
        self._record("delete_channel", channel_id)
        self._channel(channel_id)
        del self.channels[channel_id]

    async def set_member_overwrite(
        self, channel_id: int, user_id: int, allow: int, deny: int
    ) -> None:
        self._record("set_member_overwrite", channel_id, user_id, allow, deny)
        self._channel(channel_id).overwrites[user_id] = (allow, deny)

    async def delete_overwrite(self, channel_id: int, target_id: int) -> None:
        self._record("delete_overwrite", channel_id, target_id)
        self._channel(channel_id).overwrites.pop(target_id, None)

    async def change_overwrites(
        self, channel_id: int, put: list[OverwriteSpec], remove: list[int]
    ) -> None:
        self._record("change_overwrites", channel_id, list(put), list(remove))
        channel = self._channel(channel_id)
        for spec in put:
            channel.overwrites[spec.target_id] = (spec.allow, spec.deny)
        for target_id in remove:
            channel.overwrites.pop(target_id, None)

    async def archive_thread(self, thread_id: int, *, locked: bool = True) -> None:
        self._record("archive_thread", thread_id, locked=locked)
        channel = self._channel(thread_id)
        channel.archived, channel.locked = True, locked

    async def unarchive_thread(self, thread_id: int) -> None:
        self._record("unarchive_thread", thread_id)
        channel = self._channel(thread_id)
        channel.archived = channel.locked = False

    # --- added for staff tools and manual approval (issue 6) ----------------------------
    # State lives in lazily created attributes so the constructor above stays untouched.

    @property
    def dms(self) -> dict[int, list[OutgoingMessage]]:
        """Direct messages sent, by user id."""
        return self.__dict__.setdefault("_dms", {})

    @property
    def dm_closed(self) -> set[int]:
        """Users whose DMs are closed to the bot (send_dm answers 50007)."""
        return self.__dict__.setdefault("_dm_closed", set())

    @property
    def departed(self) -> set[int]:
        """Users who left the guild (member_exists answers False)."""
        return self.__dict__.setdefault("_departed", set())

    async def set_role_overwrite(
        self, channel_id: int, role_id: int, allow: int, deny: int
    ) -> None:
        self._record("set_role_overwrite", channel_id, role_id, allow, deny)
        self._channel(channel_id).overwrites[role_id] = (allow, deny)

    async def send_dm(self, user_id: int, message: OutgoingMessage) -> int:
        self._record("send_dm", user_id, message)
        if user_id in self.dm_closed:
            raise PortError(PortErrorKind.DM_CLOSED, status=403, code=50007)
        self.dms.setdefault(user_id, []).append(message)
        return next(self._ids)

    async def member_exists(self, guild_id: int, user_id: int) -> bool:
        self._record("member_exists", guild_id, user_id)
        return user_id not in self.departed

    async def list_thread_members(self, thread_id: int) -> list[int]:
        self._record("list_thread_members", thread_id)
        return sorted(self._channel(thread_id).members)

    async def find_channels(
        self,
        guild_id: int,
        *,
        parent_id: int | None,
        name: str,
        opener_id: int,
        since: Any,
    ) -> list[int]:
        self._record("find_channels", guild_id, parent_id=parent_id, name=name)
        return [
            c.id
            for c in self.channels.values()
            if c.parent_id == parent_id
            and c.name == name
            and (opener_id in c.overwrites if not c.thread else BOT_ID in c.members)
        ]
