"""``attach_channel`` (the channel noted while the ticket is still pending) and
``mark_deleted`` without a known actor (a channel deleted by hand)."""

from __future__ import annotations

from bot.config.specs import Style
from bot.domain.tickets import CreationState, EventKind
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


async def test_attach_channel_records_the_channel_of_a_pending_ticket(db: Database) -> None:
    repo = TicketRepository(db)
    ticket = (await repo.reserve(NEW)).ticket

    assert await repo.attach_channel(ticket.id, 555) is True

    stored = await repo.get(ticket.id)
    assert stored is not None
    assert stored.channel_id == 555
    assert stored.creation is CreationState.PENDING
    [pending] = await repo.list_pending(db.now().replace(year=2100))
    assert pending.channel_id == 555


async def test_attach_channel_leaves_active_tickets_alone(db: Database) -> None:
    repo = TicketRepository(db)
    ticket = (await repo.reserve(NEW)).ticket
    await repo.activate(ticket.id, 555)

    assert await repo.attach_channel(ticket.id, 777) is False
    stored = await repo.get(ticket.id)
    assert stored is not None and stored.channel_id == 555


async def test_mark_deleted_without_actor(db: Database) -> None:
    repo = TicketRepository(db)
    ticket = (await repo.reserve(NEW)).ticket
    await repo.activate(ticket.id, 555)

    deleted = await repo.mark_deleted(ticket.id, None)

    assert deleted.is_deleted
    event = (await repo.list_events(ticket.id))[-1]
    assert event.kind is EventKind.DELETED
    assert event.actor_id is None
