"""The plain model of a ticket's conversation, free of discord.py.

The discord.py layer converts ``discord.Message`` objects into these while it
pages through the channel history; everything after that is pure and testable.
Times are aware datetimes in UTC (naive values are taken as UTC when shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SystemKind(StrEnum):
    """Discord's system messages worth keeping in a transcript (others: ``OTHER``)."""

    MEMBER_ADDED = "member-added"  # RECIPIENT_ADD (thread tickets), member name in content
    MEMBER_REMOVED = "member-removed"  # RECIPIENT_REMOVE, member name in content
    CHANNEL_RENAMED = "channel-renamed"  # CHANNEL_NAME_CHANGE, new name in content
    MESSAGE_PINNED = "message-pinned"  # CHANNEL_PINNED_MESSAGE
    THREAD_CREATED = "thread-created"  # THREAD_CREATED, thread name in content
    MEMBER_JOINED = "member-joined"  # USER_JOIN
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TranscriptAuthor:
    id: int
    name: str  # the account's user name
    display_name: str  # the server nickname or global name shown in the channel
    avatar_url: str | None = None
    bot: bool = False
    colour: int | None = None  # the top role colour (0xRRGGBB); None or 0: default


@dataclass(frozen=True, slots=True)
class TranscriptAttachment:
    filename: str
    url: str
    size: int  # bytes
    content_type: str | None = None
    # Kept with the transcript (issue 16): Discord's links expire, a data: URI does not.
    kept: str | None = None  # "data:<type>;base64,..." when downloaded
    too_large: bool = False  # over the size kept: only its name and size remain


@dataclass(frozen=True, slots=True)
class TranscriptEmbed:
    title: str | None = None
    description: str | None = None
    url: str | None = None
    colour: int | None = None
    fields: tuple[tuple[str, str], ...] = ()  # (name, value)
    footer: str | None = None
    image_url: str | None = None


@dataclass(frozen=True, slots=True)
class TranscriptMessage:
    id: int  # snowflake: sorting by id is sorting by creation time
    author: TranscriptAuthor
    created_at: datetime
    content: str = ""
    edited_at: datetime | None = None
    attachments: tuple[TranscriptAttachment, ...] = ()
    embeds: tuple[TranscriptEmbed, ...] = ()
    reply_to: int | None = None  # the referenced message's id
    pinned: bool = False
    system: SystemKind | None = None


@dataclass(frozen=True, slots=True)
class TranscriptMeta:
    guild_name: str
    guild_id: int
    ticket_number: int
    channel_name: str
    topic: str  # the topic's label, already resolved in ``locale``
    opener: TranscriptAuthor
    opened_at: datetime
    closed_at: datetime
    locale: str  # the server's locale: fixed words, dates and sizes
    closed_by: TranscriptAuthor | None = None
    close_reason: str | None = None


@dataclass(frozen=True, slots=True)
class MentionNames:
    """Names for ``<@id>``, ``<@&id>`` and ``<#id>``; message authors are known without it."""

    users: Mapping[int, str] = field(default_factory=dict)
    roles: Mapping[int, str] = field(default_factory=dict)
    channels: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Transcript:
    """A rendered transcript, ready for storage (bot.storage.transcripts) and upload."""

    html: str
    text: str
    message_count: int
    html_bytes: int  # UTF-8 size: Discord's upload limit applies to it
