"""Discord-shaped in-memory model held by the emulator, and its JSON payloads.

Objects keep integers and Python types; `payload()` methods render them exactly as Discord's API
and Gateway do (snowflakes and permission bit sets as strings, ISO 8601 timestamps), because
discord.py parses those shapes. Nothing here talks HTTP or websockets. Messages are
`bot.sandbox.message_model`, commands and interactions `bot.sandbox.interaction_model`; their
names are exported here too, as the one place the tests read the model from.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from bot.sandbox import interaction_model, message_model
from bot.sandbox import permissions as perms
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.snowflakes import SnowflakeFactory, snowflake_iso

# Messages, commands and interactions are defined apart; the tests read the whole model here.
Attachment = message_model.Attachment
Message = message_model.Message
EPHEMERAL, LOADING = message_model.EPHEMERAL, message_model.LOADING
SUPPRESS_EMBEDS = message_model.SUPPRESS_EMBEDS
ApplicationCommand = interaction_model.ApplicationCommand
Interaction = interaction_model.Interaction
InteractionType = interaction_model.InteractionType


class ChannelType(IntEnum):
    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5
    ANNOUNCEMENT_THREAD = 10
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    GUILD_FORUM = 15


THREAD_TYPES = frozenset(
    {ChannelType.ANNOUNCEMENT_THREAD, ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD}
)


def now_iso() -> str:
    return dt.datetime.now(tz=dt.UTC).isoformat()


def bot_token(bot_id: int) -> str:
    """A bot token shaped like Discord's: the bot's id in base64, a timestamp part and an HMAC
    part, dot-separated. It means nothing outside the emulator that made it."""
    first = base64.b64encode(str(bot_id).encode()).decode().rstrip("=")
    return f"{first}.{secrets.token_urlsafe(4)}.{secrets.token_urlsafe(27)}"


@dataclass
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        """The user object (developer docs, "User Object"); `bot` only on bots, as Discord."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
            "public_flags": 0,
            "flags": 0,
        }
        if self.bot:
            data["bot"] = True
        return data

    def current_user_payload(self) -> dict[str, Any]:
        """GET /users/@me and READY's user: the user object with the fields only its owner
        sees (a bot has no e-mail; `verified` is true for bots)."""
        return {
            **self.payload(),
            "mfa_enabled": False,
            "locale": "en-US",
            "verified": True,
            "email": None,
            "premium_type": 0,
        }


@dataclass
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False
    bot_id: int | None = None  # the bot whose own role this is (Discord's `tags.bot_id`)

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Member:
    user: User
    guild_id: int
    roles: list[int] = field(default_factory=list)
    locale: str = "en-US"  # the member's Discord client language, sent as interaction `locale`
    nick: str | None = None
    joined_at: str = field(default_factory=now_iso)
    dms_open: bool = True

    @property
    def id(self) -> int:
        return self.user.id

    def payload(self, *, permissions: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "user": self.user.payload(),
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in self.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class ThreadMember:
    user_id: int
    join_timestamp: str = field(default_factory=now_iso)

    def payload(self, thread_id: int) -> dict[str, Any]:
        return {
            "id": str(thread_id),
            "user_id": str(self.user_id),
            "join_timestamp": self.join_timestamp,
            "flags": 0,
        }


@dataclass
class Channel:
    id: int
    guild_id: int
    type: int
    name: str
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False
    rate_limit_per_user: int = 0
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    last_message_id: int | None = None
    # Threads only.
    owner_id: int | None = None
    archived: bool = False
    locked: bool = False
    invitable: bool = True
    auto_archive_duration: int = 4320
    archive_timestamp: str | None = None
    thread_members: dict[int, ThreadMember] = field(default_factory=dict)
    message_count: int = 0
    total_message_sent: int = 0

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    @property
    def is_category(self) -> bool:
        return self.type == ChannelType.GUILD_CATEGORY

    def overwrites_payload(self) -> list[dict[str, Any]]:
        return [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in self.overwrites.values()
        ]

    def payload(self, *, viewer_id: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "flags": 0,
        }
        if self.is_thread:
            data.update(
                owner_id=str(self.owner_id) if self.owner_id else None,
                last_message_id=str(self.last_message_id) if self.last_message_id else None,
                rate_limit_per_user=self.rate_limit_per_user,
                message_count=self.message_count,
                member_count=min(len(self.thread_members), 50),
                total_message_sent=self.total_message_sent,
                thread_metadata={
                    "archived": self.archived,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": self.archive_timestamp or snowflake_iso(self.id),
                    "locked": self.locked,
                    "create_timestamp": snowflake_iso(self.id),
                    **({"invitable": self.invitable} if self.type == 12 else {}),
                },
            )
            if viewer_id is not None and viewer_id in self.thread_members:
                data["member"] = self.thread_members[viewer_id].payload(self.id)
            return data
        data.update(position=self.position, permission_overwrites=self.overwrites_payload())
        if self.type in (ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT):
            data.update(
                topic=self.topic,
                nsfw=self.nsfw,
                rate_limit_per_user=self.rate_limit_per_user,
                last_message_id=str(self.last_message_id) if self.last_message_id else None,
                default_auto_archive_duration=4320,
            )
        return data


@dataclass
class DMChannel:
    id: int
    recipient: User
    last_message_id: int | None = None

    is_thread = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "type": ChannelType.DM,
            "recipients": [self.recipient.payload()],
            "last_message_id": str(self.last_message_id) if self.last_message_id else None,
            "flags": 0,
        }


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    preferred_locale: str = "en-US"
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)  # threads included

    def role_permissions(self) -> dict[int, int]:
        return {r.id: r.permissions for r in self.roles.values()}

    def top_level_channels(self) -> list[Channel]:
        return [c for c in self.channels.values() if not c.is_thread]

    def active_threads(self) -> list[Channel]:
        return [c for c in self.channels.values() if c.is_thread and not c.archived]

    def payload(self) -> dict[str, Any]:
        """The guild object (developer docs, "Guild Object"): a community-less server created
        by a user, with Discord's limits for one without boosts. No channels or members: the
        Gateway adds those."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "home_header": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "application_id": None,  # set only for guilds an application created
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "widget_enabled": False,
            "widget_channel_id": None,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "safety_alerts_channel_id": None,
            "public_updates_channel_id": None,
            "max_presences": None,
            "max_members": 500_000,
            "max_stage_video_channel_users": 50,
            "max_video_channel_users": 25,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.preferred_locale,
            "nsfw": False,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "incidents_data": None,
        }


class EmulatorState:
    """Everything the emulated Discord holds. One application and its bot user."""

    def __init__(self, *, application_id: int | None = None, bot_name: str = "Guichet") -> None:
        self.ids = SnowflakeFactory()
        app_id = application_id or self.ids.next()
        self.application_id = app_id
        # Discord bots created since 2019 share their id with the application.
        self.bot_user = User(id=app_id, username=bot_name.lower(), global_name=bot_name, bot=True)
        self.owner_user = User(id=self.ids.next(), username="app-owner")
        self.application_name = bot_name
        self.users: dict[int, User] = {
            self.bot_user.id: self.bot_user,
            self.owner_user.id: self.owner_user,
        }
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}  # every guild's channels and threads by id
        self.dm_channels: dict[int, DMChannel] = {}
        self.messages: dict[int, dict[int, Message]] = {}  # channel id -> message id -> message
        self.commands: dict[int | None, dict[int, ApplicationCommand]] = {}
        self.interactions: dict[int, Interaction] = {}
        self.attachments: dict[int, Attachment] = {}
        self._last_pin_at = dt.datetime.fromtimestamp(0, tz=dt.UTC)

    def pin_time(self) -> dt.datetime:
        """Now, but strictly after the previous pin: `before` paging over pins needs distinct
        times even for pins made within one clock tick."""
        now = dt.datetime.now(tz=dt.UTC)
        self._last_pin_at = max(now, self._last_pin_at + dt.timedelta(microseconds=1))
        return self._last_pin_at

    # ----------------------------------------------------------------- lookups
    def guild_of(self, channel: Channel) -> Guild:
        return self.guilds[channel.guild_id]

    def messages_in(self, channel_id: int) -> dict[int, Message]:
        return self.messages.setdefault(channel_id, {})

    def find_message(self, channel_id: int, message_id: int) -> Message | None:
        return self.messages.get(channel_id, {}).get(message_id)

    def iter_messages(self) -> Iterator[Message]:
        for by_id in self.messages.values():
            yield from by_id.values()

    def children(self, channel_id: int) -> list[Channel]:
        return [c for c in self.channels.values() if c.parent_id == channel_id]

    # ------------------------------------------------------------ permissions
    def guild_permissions(self, guild: Guild, user_id: int) -> int:
        member = guild.members.get(user_id)
        if member is None:
            return 0
        return perms.base_permissions(
            guild_id=guild.id,
            owner_id=guild.owner_id,
            member_id=user_id,
            member_roles=member.roles,
            role_permissions=guild.role_permissions(),
        )

    def permissions_in(self, channel: Channel, user_id: int) -> int:
        """`user_id`'s effective permissions in `channel` (threads through their parent)."""
        guild = self.guild_of(channel)
        member = guild.members.get(user_id)
        if member is None:
            return 0
        target = self.channels[channel.parent_id] if channel.is_thread else channel
        computed = perms.channel_permissions(
            guild_id=guild.id,
            owner_id=guild.owner_id,
            member_id=user_id,
            member_roles=member.roles,
            role_permissions=guild.role_permissions(),
            overwrites=list(target.overwrites.values()),
            implicit=not channel.is_thread,
        )
        if channel.is_thread:
            return perms.thread_permissions(
                computed,
                private=channel.type == ChannelType.PRIVATE_THREAD,
                is_thread_member=user_id in channel.thread_members,
            )
        return computed

    def can_view(self, channel: Channel, user_id: int) -> bool:
        return perms.has(self.permissions_in(channel, user_id), Perm.VIEW_CHANNEL)

    def message_visible_to(self, message: Message, user_id: int) -> bool:
        return message.visible_to is None or message.visible_to == user_id
