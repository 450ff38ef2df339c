"""Ticket timers on both engines: armed once, claimed by one worker, stale results dropped,
due times indexed, and each process takes only its shards' guilds."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.config.specs import Style
from bot.domain.shards import shard_of
from bot.storage import Database, NewTicket, TicketRepository
from bot.storage.timers import ShardFilter, Timer, TimerRepository

if TYPE_CHECKING:
    from conftest import FakeClock

HOLD = timedelta(seconds=60)
# Two guilds on different shards of 2: (id >> 22) % 2 is 0 and 1.
GUILD_A = 0 << 22
GUILD_B = 1 << 22


async def _ticket(db: Database, guild: int, key: str) -> int:
    repo = TicketRepository(db)
    new = NewTicket(guild, "support", "billing", 7, Style.CHANNEL, "fr", key)
    reservation = await repo.reserve(new)
    await repo.activate(reservation.ticket.id, 10_000 + reservation.ticket.id)
    return reservation.ticket.id


async def test_armed_once_and_taken_when_due(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    ticket = await _ticket(db, GUILD_A, "t1")
    timer = Timer(ticket, "inactivity", GUILD_A, clock() + timedelta(hours=1))
    assert await timers.arm(timer)
    assert not await timers.arm(replace(timer, due_at=clock()))  # the first one stays

    assert await timers.take_due(hold=HOLD) == []
    clock.advance(hours=1)
    [taken] = await timers.take_due(hold=HOLD)
    assert taken.ticket_id == ticket and taken.attempts == 1 and taken.version == 1
    # Claimed: not due again until the claim lapses (a crash), then taken again.
    assert await timers.take_due(hold=HOLD) == []
    clock.advance(seconds=61)
    [again] = await timers.take_due(hold=HOLD)
    assert again.version == 2 and again.attempts == 2


async def test_a_stale_worker_loses_to_activity(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    ticket = await _ticket(db, GUILD_A, "t1")
    await timers.arm(Timer(ticket, "inactivity", GUILD_A, clock()))
    [taken] = await timers.take_due(hold=HOLD)
    # A message arrives while the worker is busy: the watch restarts from it.
    before = await timers.rearm(
        ticket, "inactivity", due=clock() + timedelta(days=1), seen_message_id=55
    )
    assert before is not None and before.version == taken.version
    assert not await timers.update(taken, replace(taken, stage="warned", message_id=9))
    assert not await timers.finish(taken)
    kept = await timers.get(ticket, "inactivity")
    assert kept is not None
    assert (kept.stage, kept.seen_message_id, kept.message_id) == ("watch", 55, None)
    assert kept.due_at == clock() + timedelta(days=1)


async def test_outcome_stored_for_the_version_taken(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    ticket = await _ticket(db, GUILD_A, "t1")
    await timers.arm(Timer(ticket, "inactivity", GUILD_A, clock()))
    [taken] = await timers.take_due(hold=HOLD)
    later = replace(taken, stage="warned", message_id=9, due_at=clock() + timedelta(hours=24))
    assert await timers.update(taken, later)
    stored = await timers.get(ticket, "inactivity")
    assert stored is not None and (stored.stage, stored.message_id) == ("warned", 9)
    clock.advance(hours=24)
    [taken] = await timers.take_due(hold=HOLD)
    assert await timers.finish(taken)
    assert await timers.get(ticket, "inactivity") is None


async def test_each_process_takes_its_shards_only(db: Database, clock: FakeClock) -> None:
    assert (shard_of(GUILD_A, 2), shard_of(GUILD_B, 2)) == (0, 1)
    timers = TimerRepository(db)
    a = await _ticket(db, GUILD_A, "a")
    b = await _ticket(db, GUILD_B, "b")
    # B's timer is due first: a batch of one must still find A's for shard 0.
    await timers.arm(Timer(b, "inactivity", GUILD_B, clock() - timedelta(minutes=5)))
    await timers.arm(Timer(a, "inactivity", GUILD_A, clock()))
    [only_a] = await timers.take_due(hold=HOLD, shards=ShardFilter(2, (0,)), limit=1)
    [only_b] = await timers.take_due(hold=HOLD, shards=ShardFilter(2, (1,)), limit=1)
    assert (only_a.ticket_id, only_b.ticket_id) == (a, b)


async def test_closed_deleted_and_armed_tickets_are_not_unarmed(
    db: Database, clock: FakeClock
) -> None:
    timers, repo = TimerRepository(db), TicketRepository(db)
    armed = await _ticket(db, GUILD_A, "armed")
    closed = await _ticket(db, GUILD_A, "closed")
    bare = await _ticket(db, GUILD_A, "bare")
    await repo.close(closed, 1)
    await timers.arm(Timer(armed, "inactivity", GUILD_A, clock()))
    unarmed = await timers.unarmed_open_tickets(GUILD_A, ["support"], "inactivity")
    assert [t for t, _ in unarmed] == [bare]
    assert unarmed[0][1] == clock()
    assert await timers.unarmed_open_tickets(GUILD_A, ["other"], "inactivity") == []


async def test_a_ticket_deleted_from_storage_takes_its_timers(
    db: Database, clock: FakeClock
) -> None:
    timers = TimerRepository(db)
    ticket = await _ticket(db, GUILD_A, "t1")
    await timers.arm(Timer(ticket, "inactivity", GUILD_A, clock()))
    await db.execute("DELETE FROM tickets WHERE id = ?", (ticket,))
    assert await timers.get(ticket, "inactivity") is None


async def test_due_times_are_indexed(db: Database) -> None:
    if db.engine.value == "sqlite":
        rows = await db.fetch_all(
            "EXPLAIN QUERY PLAN SELECT ticket_id FROM ticket_timers WHERE due_at <= ? "
            "ORDER BY due_at LIMIT 50",
            ("2030-01-01",),
        )
        assert any("ticket_timers_due" in str(r[-1]) for r in rows), [tuple(r) for r in rows]
    else:
        found = await db.fetch_value(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ticket_timers_due'"
        )
        assert found is not None and "(due_at)" in found
