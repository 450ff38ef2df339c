"""The ticket services' :class:`~bot.services.port.TicketPort` over discord.py.

Calls go through ``HTTPClient.request`` with the exact JSON the services built, which keeps
discord.py's rate-limit handling (a 429 is waited out and retried) while sending overwrites
inline and ``allowed_mentions`` exactly as the :class:`OutgoingMessage` says. Permission
reads come from the gateway cache, never from a request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import discord
from discord.http import Route

from bot.discord_app import overwrites as ow
from bot.discord_app.http_errors import within
from bot.domain.access import OverwriteSpec, TargetType
from bot.domain.ticket_messages import OutgoingMessage
from bot.services.port import ChannelMessage, PortError, PortErrorKind

PRIVATE_THREAD = 12
TEXT_CHANNEL = 0
# A week: a ticket thread should not archive itself while a conversation pauses.
THREAD_ARCHIVE_MINUTES = 10080

T = TypeVar("T")


# How long Discord may take to answer a request once it has left, before the call counts as
# failed (PortErrorKind.TIMEOUT); each attempt of discord.py's after a 429 or a 5xx gets as
# long. Waiting for a turn under the rate limits is not counted (see http_errors.within):
# an opening as a whole is bounded by bot.services.ticket_opening.OPENING_DEADLINE.
# discord.py itself would wait up to aiohttp's five minutes.
DEFAULT_DEADLINE = 15.0


class DiscordTicketPort:
    def __init__(self, client: discord.Client, *, deadline: float = DEFAULT_DEADLINE) -> None:
        self._client = client
        self.deadline = deadline
        # Channels the bot is deleting itself: their CHANNEL_DELETE / THREAD_DELETE event is
        # the echo of a deletion the services already record, not a deletion by hand.
        self.deleting: set[int] = set()
        self._overwrites = ow.KnownOverwrites()

    @property
    def bot_user_id(self) -> int:
        user = self._client.user
        if user is None:
            raise RuntimeError("the client is not logged in")
        return user.id

    def bot_permissions(self, guild_id: int, channel_id: int | None) -> int | None:
        guild = self._client.get_guild(guild_id)
        if guild is None or guild.me is None:
            return None
        if channel_id is None:
            return guild.me.guild_permissions.value
        channel = guild.get_channel(channel_id)
        if channel is None:
            return None
        return channel.permissions_for(guild.me).value

    def channel_exists(self, guild_id: int, channel_id: int) -> bool | None:
        guild = self._client.get_guild(guild_id)
        if guild is None:
            return None
        return guild.get_channel_or_thread(channel_id) is not None

    def parent_of(self, guild_id: int, channel_id: int) -> int | None:
        guild = self._client.get_guild(guild_id)
        channel = guild.get_channel(channel_id) if guild is not None else None
        return getattr(channel, "category_id", None)

    def channels_in(self, guild_id: int, category_id: int) -> int | None:
        guild = self._client.get_guild(guild_id)
        category = guild.get_channel(category_id) if guild is not None else None
        if not isinstance(category, discord.CategoryChannel):
            return None
        return len(category.channels)

    def role_exists(self, guild_id: int, role_id: int) -> bool | None:
        guild = self._client.get_guild(guild_id)
        return None if guild is None else guild.get_role(role_id) is not None

    async def _call(self, route: Route, json: Any = None) -> Any:
        return await self._mapped(lambda: self._client.http.request(route, json=json))

    async def _mapped(self, call: Callable[[], Awaitable[T]]) -> T:
        """Await ``call()`` within the deadline; failures become :class:`PortError`."""
        return await within(self.deadline, call)

    async def create_text_channel(
        self,
        guild_id: int,
        name: str,
        parent_id: int | None,
        overwrites: list[OverwriteSpec],
        topic: str | None,
    ) -> int:
        payload: dict[str, Any] = {
            "name": name,
            "type": TEXT_CHANNEL,
            "permission_overwrites": [_overwrite(o) for o in overwrites],
        }
        if parent_id is not None:
            payload["parent_id"] = str(parent_id)
        if topic:
            payload["topic"] = topic
        route = Route("POST", "/guilds/{guild_id}/channels", guild_id=guild_id)
        data = await self._call(route, payload)
        self._overwrites.wrote(int(data["id"]), ow.from_payload(data["permission_overwrites"]))
        return int(data["id"])

    async def create_private_thread(self, parent_channel_id: int, name: str) -> int:
        payload = {
            "name": name,
            "type": PRIVATE_THREAD,
            "invitable": False,  # members cannot invite others into someone's ticket
            "auto_archive_duration": THREAD_ARCHIVE_MINUTES,
        }
        route = Route("POST", "/channels/{channel_id}/threads", channel_id=parent_channel_id)
        data = await self._call(route, payload)
        return int(data["id"])

    async def add_thread_member(self, thread_id: int, user_id: int) -> None:
        await self._mapped(lambda: self._client.http.add_user_to_thread(thread_id, user_id))

    async def remove_thread_member(self, thread_id: int, user_id: int) -> None:
        await self._mapped(lambda: self._client.http.remove_user_from_thread(thread_id, user_id))

    async def send_message(self, channel_id: int, message: OutgoingMessage) -> int:
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        data = await self._call(route, message.to_payload())
        return int(data["id"])

    async def edit_message(
        self, channel_id: int, message_id: int, message: OutgoingMessage
    ) -> None:
        route = Route(
            "PATCH",
            "/channels/{channel_id}/messages/{message_id}",
            channel_id=channel_id,
            message_id=message_id,
        )
        await self._call(route, message.to_payload())

    async def move_channel(self, channel_id: int, parent_id: int) -> None:
        route = Route("PATCH", "/channels/{channel_id}", channel_id=channel_id)
        # lock_permissions false: the ticket's own overwrites stay (its members included).
        await self._call(route, {"parent_id": str(parent_id), "lock_permissions": False})

    async def rename_channel(self, channel_id: int, name: str) -> None:
        route = Route("PATCH", "/channels/{channel_id}", channel_id=channel_id)
        await self._call(route, {"name": name})

    async def delete_channel(self, channel_id: int) -> None:
        self.deleting.add(channel_id)
        self._overwrites.forget(channel_id)
        try:
            await self._mapped(lambda: self._client.http.delete_channel(channel_id))
        except PortError:
            self.deleting.discard(channel_id)
            raise

    async def set_member_overwrite(
        self, channel_id: int, user_id: int, allow: int, deny: int
    ) -> None:
        route = Route(
            "PUT",
            "/channels/{channel_id}/permissions/{target_id}",
            channel_id=channel_id,
            target_id=user_id,
        )
        await self._call(
            route, {"type": int(TargetType.MEMBER), "allow": str(allow), "deny": str(deny)}
        )
        spec = OverwriteSpec(user_id, TargetType.MEMBER, allow, deny)
        self._overwrites.changed(channel_id, self._cached(channel_id), put=[spec])

    async def set_role_overwrite(
        self, channel_id: int, role_id: int, allow: int, deny: int
    ) -> None:
        route = Route(
            "PUT",
            "/channels/{channel_id}/permissions/{target_id}",
            channel_id=channel_id,
            target_id=role_id,
        )
        await self._call(
            route, {"type": int(TargetType.ROLE), "allow": str(allow), "deny": str(deny)}
        )
        spec = OverwriteSpec(role_id, TargetType.ROLE, allow, deny)
        self._overwrites.changed(channel_id, self._cached(channel_id), put=[spec])

    async def send_dm(self, user_id: int, message: OutgoingMessage) -> int:
        dm = await self._mapped(lambda: self._client.http.start_private_message(user_id))
        return await self.send_message(int(dm["id"]), message)

    async def list_thread_members(self, thread_id: int) -> list[int]:
        data = await self._mapped(lambda: self._client.http.get_thread_members(thread_id))
        return [int(m["user_id"]) for m in data if m.get("user_id") is not None]

    async def find_channels(
        self,
        guild_id: int,
        *,
        parent_id: int | None,
        name: str,
        opener_id: int,
        since: datetime,
    ) -> list[int]:
        floor = discord.utils.time_snowflake(since, high=False)
        channels = await self._mapped(lambda: self._client.http.get_all_guild_channels(guild_id))
        found = [
            int(data["id"])
            for data in channels
            if _made_for(data, parent_id, name, floor)
            and any(
                int(o["id"]) == opener_id and int(o.get("type", 0)) == 1
                for o in data.get("permission_overwrites") or ()
            )
        ]
        route = Route("GET", "/guilds/{guild_id}/threads/active", guild_id=guild_id)
        threads = await self._call(route)
        bot_id = self.bot_user_id
        found += [
            int(data["id"])
            for data in threads.get("threads") or ()
            if _made_for(data, parent_id, name, floor) and int(data.get("owner_id") or 0) == bot_id
        ]
        return found

    async def member_exists(self, guild_id: int, user_id: int) -> bool:
        guild = self._client.get_guild(guild_id)
        if guild is not None and guild.get_member(user_id) is not None:
            return True
        try:
            await self._mapped(lambda: self._client.http.get_member(guild_id, user_id))
        except PortError as error:
            if error.kind is PortErrorKind.UNKNOWN_MEMBER or error.status == 404:
                return False
            raise
        return True

    async def delete_overwrite(self, channel_id: int, target_id: int) -> None:
        await self._mapped(
            lambda: self._client.http.delete_channel_permissions(channel_id, target_id)
        )
        self._overwrites.changed(channel_id, self._cached(channel_id), remove=[target_id])

    async def change_overwrites(
        self, channel_id: int, put: list[OverwriteSpec], remove: list[int]
    ) -> None:
        """Set ``put`` and remove ``remove`` (in that order when done one by one): one Modify
        Channel call replacing the whole set when the set is known (see
        :mod:`bot.discord_app.overwrites`), else one call per overwrite."""
        cache = self._cached(channel_id)
        whole = self._overwrites.whole_set(channel_id, cache)
        if whole is not None:
            wanted = ow.applied(whole, put, remove)
            if wanted == whole:
                return
            route = Route("PATCH", "/channels/{channel_id}", channel_id=channel_id)
            try:
                data = await self._call(route, {"permission_overwrites": ow.payload(wanted)})
            except PortError as error:
                # Modify Channel also needs Manage Channels there: one call each instead.
                if error.kind is not PortErrorKind.MISSING_PERMISSIONS:
                    raise
            else:
                self._overwrites.wrote(channel_id, ow.from_payload(data["permission_overwrites"]))
                return
        for spec in put:
            if spec.target_type is TargetType.MEMBER:
                await self.set_member_overwrite(channel_id, spec.target_id, spec.allow, spec.deny)
            else:
                await self.set_role_overwrite(channel_id, spec.target_id, spec.allow, spec.deny)
        for target_id in remove:
            await self.delete_overwrite(channel_id, target_id)

    def _cached(self, channel_id: int) -> ow.Overwrites | None:
        return ow.cached(self._client.get_channel(channel_id))

    async def archive_thread(self, thread_id: int, *, locked: bool = True) -> None:
        route = Route("PATCH", "/channels/{channel_id}", channel_id=thread_id)
        await self._call(route, {"archived": True, "locked": locked})

    async def unarchive_thread(self, thread_id: int) -> None:
        route = Route("PATCH", "/channels/{channel_id}", channel_id=thread_id)
        await self._call(route, {"archived": False, "locked": False})

    async def messages_after(
        self, channel_id: int, after: int | None, *, limit: int = 100
    ) -> list[ChannelMessage]:
        data = await self._mapped(
            lambda: self._client.http.logs_from(channel_id, limit, after=after)
        )
        found = [_channel_message(m) for m in data]
        return sorted(found, key=lambda m: m.id, reverse=True)  # Discord's order varies


def _made_for(data: dict[str, Any], parent_id: int | None, name: str, floor: int) -> bool:
    """Under ``parent_id``, named ``name`` (as asked, or as Discord stores a text channel's
    name: lower case, dashes for spaces), made at or after the snowflake ``floor``."""
    parent = data.get("parent_id")
    if (int(parent) if parent else None) != parent_id or int(data["id"]) < floor:
        return False
    stored = str(data.get("name", ""))
    return stored in (name, name.lower().replace(" ", "-"))


def _channel_message(data: dict[str, Any]) -> ChannelMessage:
    author = data.get("author") or {}
    custom_ids = tuple(
        str(c["custom_id"])
        for row in data.get("components") or ()
        for c in row.get("components") or ()
        if c.get("custom_id")
    )
    return ChannelMessage(
        int(data["id"]), int(author.get("id", 0)), bool(author.get("bot")), custom_ids
    )


def _overwrite(spec: OverwriteSpec) -> dict[str, Any]:
    return {
        "id": str(spec.target_id),
        "type": int(spec.target_type),
        "allow": str(spec.allow),
        "deny": str(spec.deny),
    }
