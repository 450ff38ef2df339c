"""The member's summary on close and their rating (see ``V017__feedback.sql``).

A rating is kept once per ticket: the first submission's insert wins, a later one (a second
click, another copy of the summary) changes nothing and is told so. A summary's delivery is
recorded once per close: recording the same close again (a retried attempt) says it was
recorded already, so its log line is not queued twice.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.ratings import MAX_COMMENT, Delivery, Rating, SummaryRecord
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database, Row

__all__ = [
    "MAX_COMMENT",
    "Delivery",
    "Rating",
    "RatingRepository",
    "SummaryRecord",
    "SummaryRepository",
]


def _rating(row: Row) -> Rating:
    return Rating(
        ticket_id=row["ticket_id"],
        guild_id=row["guild_id"],
        member_id=row["member_id"],
        stars=row["stars"],
        comment=row["comment"],
        created_at=time_from_db(row["created_at"]),
    )


def _summary(row: Row) -> SummaryRecord:
    return SummaryRecord(
        ticket_id=row["ticket_id"],
        closed_at=time_from_db(row["closed_at"]),
        delivery=Delivery(row["delivery"]),
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        sent_at=time_from_db(row["sent_at"]),
    )


class RatingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, ticket_id: int, guild_id: int, member_id: int, stars: int, comment: str | None
    ) -> tuple[Rating, bool]:
        """Keep the rating unless the ticket has one: (the kept rating, whether it is this)."""
        if not 1 <= stars <= 5:
            raise ValueError(f"a rating is 1 to 5 stars, not {stars}")
        text = comment.strip()[:MAX_COMMENT] if comment and comment.strip() else None
        added = await self._db.execute(
            "INSERT INTO ticket_ratings (ticket_id, guild_id, member_id, stars, comment, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING",
            (ticket_id, guild_id, member_id, stars, text, time_to_db(self._db.now())),
        )
        kept = await self.get(ticket_id)
        assert kept is not None  # inserted now or before; ratings are never deleted
        return kept, added > 0

    async def get(self, ticket_id: int) -> Rating | None:
        row = await self._db.fetch_one(
            "SELECT ticket_id, guild_id, member_id, stars, comment, created_at "
            "FROM ticket_ratings WHERE ticket_id = ?",
            (ticket_id,),
        )
        return None if row is None else _rating(row)


class SummaryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        ticket_id: int,
        closed_at: datetime,
        delivery: Delivery,
        *,
        channel_id: int | None = None,
        message_id: int | None = None,
    ) -> bool:
        """Record how the close at ``closed_at`` was told; False when that close was
        recorded already (a retried attempt: its log line went with the first)."""
        changed = await self._db.execute(
            "INSERT INTO close_summaries (ticket_id, closed_at, delivery, channel_id, "
            "message_id, sent_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE "
            "SET closed_at = excluded.closed_at, delivery = excluded.delivery, "
            "channel_id = excluded.channel_id, message_id = excluded.message_id, "
            "sent_at = excluded.sent_at WHERE close_summaries.closed_at <> excluded.closed_at",
            (
                ticket_id,
                time_to_db(closed_at),
                delivery.value,
                channel_id,
                message_id,
                time_to_db(self._db.now()),
            ),
        )
        return changed > 0

    async def get(self, ticket_id: int) -> SummaryRecord | None:
        """How the ticket's latest close was told, if it was."""
        row = await self._db.fetch_one(
            "SELECT ticket_id, closed_at, delivery, channel_id, message_id, sent_at "
            "FROM close_summaries WHERE ticket_id = ?",
            (ticket_id,),
        )
        return None if row is None else _summary(row)
