"""The member's feedback storage on both engines: a ticket keeps its first rating (a second
submission changes nothing and is told so), stars stay within 1-5 (a constraint, not only
the code), comments are trimmed, and a close's delivery is recorded once (a retried attempt
learns it was), replaced when the reopened ticket closes again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config.specs import Style
from bot.storage import Database, NewTicket, TicketRepository
from bot.storage.ratings import MAX_COMMENT, Delivery, RatingRepository, SummaryRepository
from tests.storage.conftest import FakeClock

GUILD = 1


async def _ticket(db: Database, key: str) -> int:
    repo = TicketRepository(db)
    reservation = await repo.reserve(
        NewTicket(GUILD, "support", "billing", 7, Style.CHANNEL, "fr", key)
    )
    await repo.activate(reservation.ticket.id, 10_000 + reservation.ticket.id)
    return reservation.ticket.id


async def test_the_first_rating_wins(db: Database, clock: FakeClock) -> None:
    ratings = RatingRepository(db)
    ticket = await _ticket(db, "t1")
    assert await ratings.get(ticket) is None
    first, added = await ratings.add(ticket, GUILD, 7, 4, "  Quick and kind  ")
    assert added and (first.stars, first.comment, first.created_at) == (
        4,
        "Quick and kind",
        clock(),
    )
    clock.advance(minutes=1)
    kept, added = await ratings.add(ticket, GUILD, 7, 1, "changed my mind")
    assert not added and kept == first
    assert await ratings.get(ticket) == first
    other = await _ticket(db, "t2")
    blank, added = await ratings.add(other, GUILD, 7, 5, "   ")
    assert added and blank.comment is None
    long, _ = await ratings.add(await _ticket(db, "t3"), GUILD, 7, 3, "x" * (MAX_COMMENT + 50))
    assert long.comment == "x" * MAX_COMMENT


async def test_stars_are_one_to_five_in_the_database_too(db: Database) -> None:
    ticket = await _ticket(db, "t1")
    with pytest.raises(ValueError, match="1 to 5"):
        await RatingRepository(db).add(ticket, GUILD, 7, 6, None)
    with pytest.raises(Exception):  # noqa: B017 - each engine names it its own way
        await db.execute(
            "INSERT INTO ticket_ratings (ticket_id, guild_id, member_id, stars, comment, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (ticket, GUILD, 7, 0, None, "2026-01-01T00:00:00+00:00"),
        )
    assert await RatingRepository(db).get(ticket) is None


async def test_a_close_is_recorded_once(db: Database, clock: FakeClock) -> None:
    summaries = SummaryRepository(db)
    ticket = await _ticket(db, "t1")
    closed = clock()
    assert await summaries.get(ticket) is None
    assert await summaries.record(ticket, closed, Delivery.DM, channel_id=50, message_id=51)
    assert not await summaries.record(ticket, closed, Delivery.DM, channel_id=50, message_id=51)
    record = await summaries.get(ticket)
    assert record is not None
    assert (record.delivery, record.channel_id, record.message_id) == (Delivery.DM, 50, 51)
    assert record.closed_at == closed
    # Reopened, closed again with DMs closed meanwhile and the ticket deleted.
    clock.advance(hours=1)
    later = clock() + timedelta(seconds=1)
    assert await summaries.record(ticket, later, Delivery.NONE)
    record = await summaries.get(ticket)
    assert record is not None
    assert (record.delivery, record.channel_id, record.closed_at) == (Delivery.NONE, None, later)
