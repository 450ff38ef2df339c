"""Reasons typed with ``/ticket open`` that the topic's dialog has no room for.

Discord's dialogs hold five inputs: a topic with five questions leaves none for the reason
the member already typed in the command, so it waits here under a random key that the
dialog's custom_id carries (a custom_id has no room for text), and is taken back once,
by the same member, when the dialog is submitted.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class HeldReason:
    guild_id: int
    member_id: int
    system_id: str
    topic_id: str
    reason: str


class HeldReasonRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def hold(self, held: HeldReason, *, purge_before: datetime) -> str:
        """Keep ``held``; returns its key. Reasons older than ``purge_before`` are dropped."""
        key = secrets.token_urlsafe(12)  # 16 characters of [A-Za-z0-9_-]
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM held_open_reasons WHERE created_at < ?", (time_to_db(purge_before),)
            )
            await self._db.execute(
                "INSERT INTO held_open_reasons (hold_key, guild_id, member_id, system_id, "
                "topic_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    held.guild_id,
                    held.member_id,
                    held.system_id,
                    held.topic_id,
                    held.reason,
                    time_to_db(self._db.now()),
                ),
            )
        return key

    async def take(self, key: str, member_id: int, *, not_before: datetime) -> HeldReason | None:
        """The held reason, once, for the member who typed it, while fresh; else ``None``."""
        # One statement: of two submissions of the dialog, one takes the reason.
        row = await self._db.fetch_one(
            "DELETE FROM held_open_reasons WHERE hold_key = ? AND member_id = ? "
            "RETURNING guild_id, member_id, system_id, topic_id, reason, created_at",
            (key, member_id),
        )
        if row is None:
            return None
        if time_from_db(row["created_at"]) < not_before:
            return None
        return HeldReason(
            row["guild_id"], row["member_id"], row["system_id"], row["topic_id"], row["reason"]
        )
