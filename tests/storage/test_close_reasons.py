"""Reasons given with ``/ticket close reason:``, held until their Confirm click, and a close
without a known actor (a channel deleted by hand)."""

from __future__ import annotations

from datetime import timedelta

from bot.config.specs import Style
from bot.domain.tickets import EventKind, TicketStatus
from bot.storage import Database, NewTicket, TicketRepository

NEW = NewTicket(
    guild_id=100,
    system_id="support",
    topic_id="billing",
    opener_id=200,
    style=Style.CHANNEL,
    locale="fr",
    request_key="interaction-1",
)


async def _active(repo: TicketRepository) -> int:
    ticket = (await repo.reserve(NEW)).ticket
    await repo.activate(ticket.id, 555)
    return ticket.id


async def test_a_held_reason_is_taken_once_by_its_member_for_its_ticket(db: Database) -> None:
    repo = TicketRepository(db)
    ticket_id = await _active(repo)
    long_ago = db.now() - timedelta(minutes=15)
    held = await repo.hold_close_reason(ticket_id, 200, "Solved", purge_before=long_ago)

    assert await repo.take_close_reason(held, ticket_id, 999, not_before=long_ago) is None
    assert await repo.take_close_reason(held, ticket_id + 1, 200, not_before=long_ago) is None
    assert await repo.take_close_reason(held, ticket_id, 200, not_before=long_ago) == "Solved"
    assert await repo.take_close_reason(held, ticket_id, 200, not_before=long_ago) is None


async def test_stale_reasons_are_refused_and_purged(db: Database) -> None:
    repo = TicketRepository(db)
    ticket_id = await _active(repo)
    old = await repo.hold_close_reason(ticket_id, 200, "old", purge_before=db.now())
    soon = db.now() + timedelta(seconds=1)

    assert await repo.take_close_reason(old, ticket_id, 200, not_before=soon) is None
    await repo.hold_close_reason(ticket_id, 200, "new", purge_before=db.now())
    late = await repo.hold_close_reason(ticket_id, 200, "x", purge_before=soon)  # purges
    rows = await db.fetch_value("SELECT count(*) FROM pending_close_reasons")
    assert rows == 1 and late > old


async def test_close_without_a_known_actor(db: Database) -> None:
    repo = TicketRepository(db)
    ticket_id = await _active(repo)

    closed = await repo.close(ticket_id, None)

    assert closed.status is TicketStatus.CLOSED and closed.closed_by is None
    assert closed.closed_at is not None
    event = (await repo.list_events(ticket_id))[-1]
    assert event.kind is EventKind.CLOSED and event.actor_id is None
