"""Discord-shaped in-memory model held by the emulator, and its JSON payloads.

Objects keep integers and Python types; `payload()` methods render them exactly as Discord's API
and Gateway do (snowflakes and permission bit sets as strings, ISO 8601 timestamps), because
discord.py parses those shapes. Nothing here talks HTTP or websockets.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from bot.sandbox import permissions as perms
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.snowflakes import SnowflakeFactory, snowflake_time_ms


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

# Message flags the emulator interprets.
EPHEMERAL = 1 << 6
LOADING = 1 << 7
SUPPRESS_EMBEDS = 1 << 2


def iso(ms: int | float) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).isoformat()


def snowflake_iso(snowflake: int) -> str:
    return iso(snowflake_time_ms(snowflake))


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
class Attachment:
    id: int
    filename: str
    content: bytes
    content_type: str | None
    url: str
    description: str | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.content),
            "url": self.url,
            "proxy_url": self.url,
        }
        if self.content_type:
            data["content_type"] = self.content_type
        if self.description:
            data["description"] = self.description
        return data


@dataclass
class Message:
    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    type: int = 0
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    flags: int = 0
    tts: bool = False
    mentions: list[int] = field(default_factory=list)
    mention_roles: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    pinned: bool = False
    pinned_at: dt.datetime | None = None  # pins are listed by it, newest first
    edited_timestamp: str | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    message_reference: dict[str, Any] | None = None
    thread_id: int | None = None  # thread started from this message
    visible_to: int | None = None  # ephemeral: the only user who sees it
    nonce: str | int | None = None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    def payload(self, state: EmulatorState | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": snowflake_iso(self.id),
            "edited_timestamp": self.edited_timestamp,
            "tts": self.tts,
            "mention_everyone": self.mention_everyone,
            "mentions": [],
            "mention_roles": [str(r) for r in self.mention_roles],
            "attachments": [a.payload() for a in self.attachments],
            "embeds": list(self.embeds),
            "components": list(self.components),
            "pinned": self.pinned,
            "flags": self.flags,
        }
        if state is not None:
            data["mentions"] = [state.users[u].payload() for u in self.mentions if u in state.users]
            if self.thread_id and self.thread_id in state.channels:
                data["thread"] = state.channels[self.thread_id].payload()
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            data["interaction_metadata"] = self.interaction_metadata
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        if self.nonce is not None:
            data["nonce"] = self.nonce
        return data


@dataclass
class ApplicationCommand:
    id: int
    application_id: int
    guild_id: int | None
    data: dict[str, Any]  # as sent by the bot: name, description, options, localizations, ...
    version: int

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def type(self) -> int:
        return self.data.get("type", 1)

    def localized_name(self, locale: str) -> str:
        return (self.data.get("name_localizations") or {}).get(locale, self.name)

    def payload(self) -> dict[str, Any]:
        """The command as Discord returns it: what the bot sent, with Discord's defaults
        (`integration_types` [0], guild install, when sent null) and permission bit sets as
        strings."""
        data: dict[str, Any] = {
            "type": 1,
            "description": "",
            "options": [],
            "name_localizations": None,
            "description_localizations": None,
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            **self.data,
            "id": str(self.id),
            "application_id": str(self.application_id),
            "version": str(self.version),
        }
        if data.get("integration_types") is None:
            data["integration_types"] = [0]
        if data["default_member_permissions"] is not None:
            data["default_member_permissions"] = str(data["default_member_permissions"])
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


class InteractionType(IntEnum):
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


@dataclass
class Interaction:
    id: int
    token: str
    type: int
    guild_id: int
    channel_id: int
    user_id: int
    locale: str
    data: dict[str, Any]
    created_monotonic: float
    message_id: int | None = None  # the message a component sits on
    modal_of: int | None = None  # a modal submit: the interaction answered with that modal
    response_type: int | None = None  # first callback type, None while unanswered
    response_data: dict[str, Any] | None = None  # the callback's `data` (a modal's form, ...)
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    delivered_monotonic: float | None = None


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
