"""Stored transcripts on both engines: new rows hold the page gzip'd (migration V016), rows
written before it are read back as they were (search over the plain text: test_ticket_browse)."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator

import pytest

from bot.config.specs import Style
from bot.storage import Database, DatabaseTarget, NewTicket, TicketRepository, TranscriptRepository

PAGE = "<!DOCTYPE html><p>été " + "the same words again " * 500 + "</p>"


@pytest.fixture
async def db(database_target: DatabaseTarget) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


async def _ticket(db: Database, key: str) -> int:
    new = NewTicket(1, "support", "bug", 50, Style.CHANNEL, "fr", key)
    return (await TicketRepository(db).reserve(new)).ticket.id


async def test_new_rows_hold_the_page_compressed(db: Database) -> None:
    transcripts = TranscriptRepository(db)
    ticket = await _ticket(db, "k1")
    packed = gzip.compress(PAGE.encode(), mtime=0)
    given = await transcripts.add(
        ticket, html=packed, text="été parcel", message_count=2, actor_id=None
    )
    from_text = await transcripts.add(
        ticket, html=PAGE, text="second", message_count=1, actor_id=None
    )
    for stored in (given, from_text):
        assert stored.html == PAGE and stored.html_size == len(PAGE.encode())
        assert stored.html_gzip is not None and gzip.decompress(stored.html_gzip) == PAGE.encode()
    row = await db.fetch_one("SELECT html, html_gz FROM transcripts WHERE id = ?", (given.id,))
    assert row is not None and row["html"] == "" and bytes(row["html_gz"]) == packed
    assert len(packed) * 20 < len(PAGE)


async def test_rows_from_before_compression_are_read_as_they_were(db: Database) -> None:
    ticket = await _ticket(db, "k2")
    # What V002..V015 wrote: the page itself in ``html``, no html_gz.
    old = await db.insert(
        "INSERT INTO transcripts (ticket_id, created_at, html, text, message_count) "
        "VALUES (?, ?, ?, ?, ?)",
        (ticket, "2025-03-01T12:00:00.000000+00:00", PAGE, "old crushed parcel", 4),
    )
    stored = await TranscriptRepository(db).get(old)
    assert stored is not None
    assert stored.html == PAGE and stored.html_gzip is None
    assert stored.html_size == len(PAGE.encode()) and stored.message_count == 4
    assert [t.id for t in await TranscriptRepository(db).list_for_ticket(ticket)] == [old]
