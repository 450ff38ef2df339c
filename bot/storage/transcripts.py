"""Transcripts of tickets (HTML for people, plain text for search), kept after deletion.

The HTML is stored gzip'd in ``html_gz`` (migration V016); rows written before it keep their
page in ``html``, and both read back the same (:attr:`Transcript.html`)."""

from __future__ import annotations

import gzip

from bot.domain.tickets import EventKind, Transcript
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database, Row
from bot.storage.tickets import append_event

_COLUMNS = (
    "id, ticket_id, created_at, html, html_gz, text, message_count, channel_message_id, "
    "attachment_url"
)
_SELECT = f"SELECT {_COLUMNS} FROM transcripts"  # noqa: S608


def _transcript(row: Row) -> Transcript:
    return Transcript(
        id=row["id"],
        ticket_id=row["ticket_id"],
        created_at=time_from_db(row["created_at"]),
        stored_html=bytes(row["html_gz"]) if row["html_gz"] is not None else row["html"],
        text=row["text"],
        message_count=row["message_count"],
        channel_message_id=row["channel_message_id"],
        attachment_url=row["attachment_url"],
    )


class TranscriptRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        ticket_id: int,
        *,
        html: str | bytes,
        text: str,
        message_count: int,
        actor_id: int | None,
    ) -> Transcript:
        """Store a transcript and log a ``transcript`` event on the ticket.

        ``html``: the page gzip'd (bytes; the transcript service compresses it in its worker),
        or as text, compressed here (small pages: tests, tools)."""
        if isinstance(html, str):
            html = gzip.compress(html.encode("utf-8"), mtime=0)
        async with self._db.transaction():
            transcript_id = await self._db.insert(
                "INSERT INTO transcripts "
                "(ticket_id, created_at, html, html_gz, text, message_count) "
                "VALUES (?, ?, '', ?, ?, ?)",
                (ticket_id, time_to_db(self._db.now()), html, text, message_count),
            )
            await append_event(
                self._db,
                ticket_id,
                EventKind.TRANSCRIPT,
                actor_id=actor_id,
                data={"transcript_id": transcript_id},
            )
            transcript = await self.get(transcript_id)
        assert transcript is not None  # inserted above, same transaction
        return transcript

    async def set_posted(
        self, transcript_id: int, *, channel_message_id: int, attachment_url: str | None
    ) -> None:
        """Where the transcript was posted (the transcripts channel message, its file)."""
        await self._db.execute(
            "UPDATE transcripts SET channel_message_id = ?, attachment_url = ? WHERE id = ?",
            (channel_message_id, attachment_url, transcript_id),
        )

    async def get(self, transcript_id: int) -> Transcript | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE id = ?",
            (transcript_id,),
        )
        return None if row is None else _transcript(row)

    async def latest_for_ticket(self, ticket_id: int) -> Transcript | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE ticket_id = ? ORDER BY id DESC LIMIT 1",
            (ticket_id,),
        )
        return None if row is None else _transcript(row)

    async def list_for_ticket(self, ticket_id: int) -> list[Transcript]:
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [_transcript(r) for r in rows]
