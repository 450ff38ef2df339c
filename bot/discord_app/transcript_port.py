"""The transcript service's port over discord.py: page the history, read members, post files."""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from functools import partial
from typing import Any

import aiohttp
import discord
from discord.utils import MISSING

from bot.discord_app.http_errors import within
from bot.domain.port_errors import PortError
from bot.domain.ticket_messages import OutgoingMessage

PAGE = 100  # Discord's maximum per history request
SEEN = 2048  # members remembered from interactions (a close's closer, usually its opener)


def member_payload(member: discord.Member) -> dict[str, Any]:
    """The parts of a guild member object a transcript shows, from discord.py's Member."""
    user = {
        "id": str(member.id),
        "username": member.name,
        "global_name": member.global_name,
        "avatar": member.avatar.key if member.avatar is not None else None,
        "bot": member.bot,
    }
    return {"user": user, "nick": member.nick}


class DiscordTranscriptPort:
    def __init__(self, client: discord.Client) -> None:
        self._client = client
        # Every interaction carries its member: the closer (and the opener, when they close
        # their own ticket) is known without a Get Guild Member request.
        self._seen: OrderedDict[tuple[int, int], dict[str, Any]] = OrderedDict()

    def remember(self, guild_id: int, member: discord.Member) -> None:
        key = (guild_id, member.id)
        self._seen[key] = member_payload(member)
        self._seen.move_to_end(key)
        while len(self._seen) > SEEN:
            self._seen.popitem(last=False)

    async def pages(self, channel_id: int) -> AsyncIterator[list[dict[str, Any]]]:
        """Every message, a page at a time, newest first, paged with ``before`` (Discord's
        order); the caller keeps what it needs of a page before asking for the next."""
        before: int | None = None
        while True:
            page = await within(
                None, partial(self._client.http.logs_from, channel_id, PAGE, before=before)
            )
            if page:
                yield page
            if len(page) < PAGE:
                return
            before = int(page[-1]["id"])

    async def download(self, url: str, limit: int) -> bytes | None:
        # Attachment URLs are Discord's CDN (the emulator's own in the sandbox): a plain GET,
        # read no further than the limit.
        try:
            async with aiohttp.ClientSession() as session, session.get(url) as response:
                if response.status != 200:
                    return None
                data = await response.content.read(limit + 1)
        except (aiohttp.ClientError, TimeoutError):
            return None
        return data if len(data) <= limit else None

    def channel_name(self, channel_id: int) -> str | None:
        channel = self._client.get_channel(channel_id)
        return getattr(channel, "name", None)

    async def member(self, guild_id: int, user_id: int) -> Mapping[str, Any] | None:
        seen = self._seen.get((guild_id, user_id))
        if seen is not None:
            return seen
        guild = self._client.get_guild(guild_id)
        cached = guild.get_member(user_id) if guild is not None else None
        if cached is not None:  # with the Server Members intent, the cache has everyone
            return member_payload(cached)
        try:
            return await within(None, lambda: self._client.http.get_member(guild_id, user_id))
        except PortError as error:
            if error.status == 404:  # not (or no longer) in the guild
                return None
            raise

    async def guild_name(self, guild_id: int) -> str:
        guild = self._client.get_guild(guild_id)
        if guild is not None:
            return guild.name
        data = await within(None, lambda: self._client.http.get_guild(guild_id))
        return str(data["name"])

    async def send_files(
        self, channel_id: int, message: OutgoingMessage, files: Sequence[tuple[str, bytes]]
    ) -> int:
        payload = message.to_payload()
        params = discord.http.handle_message_parameters(
            content=payload.get("content") or MISSING,
            embeds=[discord.Embed.from_dict(e) for e in payload.get("embeds", ())],
            files=[discord.File(io.BytesIO(data), filename=name) for name, data in files],
            allowed_mentions=discord.AllowedMentions.none(),
        )
        with params:
            data = await within(
                None, lambda: self._client.http.send_message(channel_id, params=params)
            )
        return int(data["id"])
