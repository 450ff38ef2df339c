"""Discord's message JSON (as the REST API returns it) → the transcript model.

Pure and dict-based, so paging code can hand raw pages over without building discord.py
models, and so this mapping is tested without a client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.transcripts.model import (
    SystemKind,
    TranscriptAttachment,
    TranscriptAuthor,
    TranscriptEmbed,
    TranscriptMessage,
)

CDN = "https://cdn.discordapp.com"

# Discord message types → what the transcript shows (0 default and 19 reply are plain).
_SYSTEM_KINDS = {
    1: SystemKind.MEMBER_ADDED,
    2: SystemKind.MEMBER_REMOVED,
    4: SystemKind.CHANNEL_RENAMED,
    6: SystemKind.MESSAGE_PINNED,
    7: SystemKind.MEMBER_JOINED,
    18: SystemKind.THREAD_CREATED,
}
_PLAIN_TYPES = frozenset({0, 19, 20, 23})


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def avatar_url(user: Mapping[str, Any]) -> str | None:
    avatar = user.get("avatar")
    if not avatar:
        return None
    return f"{CDN}/avatars/{user['id']}/{avatar}.png?size=64"


def author_from(
    user: Mapping[str, Any], member: Mapping[str, Any] | None = None
) -> TranscriptAuthor:
    """A message author or a guild member (``member`` adds the server nickname)."""
    name = str(user.get("username") or user.get("id"))
    display = (member or {}).get("nick") or user.get("global_name") or name
    return TranscriptAuthor(
        id=int(user["id"]),
        name=name,
        display_name=str(display),
        avatar_url=avatar_url(user),
        bot=bool(user.get("bot")),
    )


def _embed(data: Mapping[str, Any]) -> TranscriptEmbed:
    return TranscriptEmbed(
        title=data.get("title"),
        description=data.get("description"),
        url=data.get("url"),
        colour=data.get("color"),
        fields=tuple(
            (str(f.get("name", "")), str(f.get("value", ""))) for f in data.get("fields", ())
        ),
        footer=(data.get("footer") or {}).get("text"),
        image_url=(data.get("image") or {}).get("url"),
    )


def _reply_to(kind: int, reference: Mapping[str, Any]) -> int | None:
    if kind != 19 or not reference.get("message_id"):
        return None
    return int(reference["message_id"])


def message_from(data: Mapping[str, Any]) -> TranscriptMessage:
    kind = int(data.get("type", 0))
    system = None if kind in _PLAIN_TYPES else _SYSTEM_KINDS.get(kind, SystemKind.OTHER)
    reference = data.get("message_reference") or {}
    created = _time(data.get("timestamp"))
    assert created is not None, "Discord messages always carry a timestamp"
    return TranscriptMessage(
        id=int(data["id"]),
        author=author_from(data["author"], data.get("member")),
        created_at=created,
        content=str(data.get("content") or ""),
        edited_at=_time(data.get("edited_timestamp")),
        attachments=tuple(
            TranscriptAttachment(
                filename=str(a.get("filename", "file")),
                url=str(a.get("url", "")),
                size=int(a.get("size", 0)),
                content_type=a.get("content_type"),
            )
            for a in data.get("attachments", ())
        ),
        embeds=tuple(_embed(e) for e in data.get("embeds", ())),
        reply_to=int(reference["message_id"])
        if kind == 19 and reference.get("message_id")
        else None,
        pinned=bool(data.get("pinned")),
        system=system,
    )
