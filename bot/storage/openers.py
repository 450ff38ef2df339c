"""Handing a ticket over, in one transaction each: to another member (``/ticket transfer
opener``) or to another topic or system (``/ticket move``)."""

from __future__ import annotations

from bot.domain.tickets import EventKind, Refusal, Ticket, TicketError
from bot.storage.codec import time_to_db
from bot.storage.tickets import TicketRepository


async def _locked(tickets: TicketRepository, ticket_id: int) -> Ticket:
    """The ticket, read under its lock (inside the transaction that changes it)."""
    await tickets.db.serialize("ticket", ticket_id)
    ticket = await tickets.get(ticket_id)
    if ticket is None:
        raise TicketError(Refusal.NOT_FOUND, ticket_id=ticket_id)
    return ticket


async def change_opener(
    tickets: TicketRepository, ticket_id: int, to: int, actor_id: int
) -> Ticket:
    """``to`` becomes the ticket's member; the previous one stays in it as an added member
    (nothing they wrote or could read is taken from them; staff may remove them after)."""
    db = tickets.db
    async with db.transaction():
        ticket = await _locked(tickets, ticket_id)
        if ticket.opener_id == to:
            raise TicketError(Refusal.UNCHANGED, ticket_id=ticket_id)
        await db.execute("UPDATE tickets SET opener_id = ? WHERE id = ?", (to, ticket_id))
        await db.execute(
            "DELETE FROM ticket_members WHERE ticket_id = ? AND user_id = ?", (ticket_id, to)
        )
        await db.execute(
            "INSERT INTO ticket_members (ticket_id, user_id, added_by, added_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id, user_id) DO NOTHING",
            (ticket_id, ticket.opener_id, actor_id, time_to_db(db.now())),
        )
        await tickets.append_event(
            ticket_id,
            EventKind.OPENER_CHANGED,
            actor_id=actor_id,
            data={"from": ticket.opener_id, "to": to},
        )
        changed = await tickets.get(ticket_id)
    assert changed is not None
    return changed


async def change_topic(
    tickets: TicketRepository, ticket_id: int, system_id: str, topic_id: str, actor_id: int
) -> Ticket:
    """The ticket now belongs to ``system_id``/``topic_id`` (``/ticket move``); its members,
    number and history stay."""
    db = tickets.db
    async with db.transaction():
        ticket = await _locked(tickets, ticket_id)
        await db.execute(
            "UPDATE tickets SET system_id = ?, topic_id = ? WHERE id = ?",
            (system_id, topic_id, ticket_id),
        )
        await tickets.append_event(
            ticket_id,
            EventKind.MOVED,
            actor_id=actor_id,
            data={"from": f"{ticket.system_id}:{ticket.topic_id}", "to": f"{system_id}:{topic_id}"},
        )
        changed = await tickets.get(ticket_id)
    assert changed is not None
    return changed
