"""The scheduler over real storage (both engines): handlers run once per due timer, their
outcome is stored, a failure is retried with backoff (never lost), and a process runs only its
shards' timers. The clock is advanced, never slept."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.config.specs import Style
from bot.domain.port_errors import PortError, PortErrorKind
from bot.domain.shards import ShardPlan
from bot.scheduler import Done, Later, Outcome, Scheduler
from bot.storage import Database, NewTicket, TicketRepository
from bot.storage.timers import Timer, TimerRepository

if TYPE_CHECKING:
    from conftest import FakeClock


async def _ticket(db: Database, guild: int, key: str) -> int:
    repo = TicketRepository(db)
    reservation = await repo.reserve(
        NewTicket(guild, "support", "billing", 7, Style.CHANNEL, "fr", key)
    )
    await repo.activate(reservation.ticket.id, 20_000 + reservation.ticket.id)
    return reservation.ticket.id


async def test_handler_outcomes_are_stored(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    scheduler = Scheduler(timers, clock=clock)
    ran: list[tuple[int, str]] = []

    async def handler(timer: Timer) -> Outcome:
        ran.append((timer.ticket_id, timer.stage))
        if timer.stage == "watch":
            return Later(replace(timer, stage="warned", due_at=clock() + timedelta(hours=1)))
        return Done()

    scheduler.register("inactivity", handler)
    ticket = await _ticket(db, 1, "a")
    await timers.arm(Timer(ticket, "inactivity", 1, clock() + timedelta(minutes=1)))

    assert await scheduler.run_due() == 0
    clock.advance(minutes=1)
    assert await scheduler.run_due() == 1
    assert await scheduler.run_due() == 0  # not due again: the next stage is an hour away
    clock.advance(hours=1)
    assert await scheduler.run_due() == 1
    assert ran == [(ticket, "watch"), (ticket, "warned")]
    assert await timers.get(ticket, "inactivity") is None


async def test_a_failing_handler_is_retried_with_backoff(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    scheduler = Scheduler(timers, clock=clock)
    calls = 0

    async def flaky(timer: Timer) -> Outcome:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise PortError(PortErrorKind.SERVER_ERROR, status=503)
        if calls == 2:
            raise RuntimeError("a bug")
        return Done()

    scheduler.register("inactivity", flaky)
    ticket = await _ticket(db, 1, "a")
    await timers.arm(Timer(ticket, "inactivity", 1, clock()))
    await scheduler.run_due()
    stored = await timers.get(ticket, "inactivity")
    assert stored is not None and stored.due_at == clock() + timedelta(seconds=5)
    clock.advance(seconds=5)
    await scheduler.run_due()
    stored = await timers.get(ticket, "inactivity")
    assert stored is not None and stored.due_at == clock() + timedelta(seconds=10)
    clock.advance(seconds=10)
    await scheduler.run_due()
    assert calls == 3 and await timers.get(ticket, "inactivity") is None


async def test_unknown_kinds_wait_for_a_process_that_knows_them(
    db: Database, clock: FakeClock
) -> None:
    timers = TimerRepository(db)
    ticket = await _ticket(db, 1, "a")
    await timers.arm(Timer(ticket, "from-the-future", 1, clock()))
    assert await Scheduler(timers, clock=clock).run_due() == 1
    stored = await timers.get(ticket, "from-the-future")
    assert stored is not None and stored.due_at > clock() + timedelta(minutes=10)


async def test_two_processes_each_run_their_shards_once(db: Database, clock: FakeClock) -> None:
    timers = TimerRepository(db)
    guilds = [0 << 22, 1 << 22, 2 << 22, 3 << 22]  # shards 0..3 of 4
    tickets = {g: await _ticket(db, g, str(g)) for g in guilds}
    for guild, ticket in tickets.items():
        await timers.arm(Timer(ticket, "inactivity", guild, clock()))
    ran: dict[str, list[int]] = {"a": [], "b": []}

    def recorder(name: str):
        async def handler(timer: Timer) -> Outcome:
            ran[name].append(timer.guild_id)
            return Done()

        return handler

    a = Scheduler(timers, clock=clock, shards=ShardPlan((0, 1), 4), batch=1)
    b = Scheduler(timers, clock=clock, shards=ShardPlan((2, 3), 4), batch=1)
    a.register("inactivity", recorder("a"))
    b.register("inactivity", recorder("b"))
    await b.run_due()
    await a.run_due()
    await a.run_due()
    assert sorted(ran["a"]) == guilds[:2] and sorted(ran["b"]) == guilds[2:]
