from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from bot.config.specs import Style
from bot.domain.tickets import (
    CreationState,
    EventKind,
    OpenLimits,
    Priority,
    Refusal,
    TicketError,
    TicketStatus,
)
from bot.storage import Database, DatabaseTarget, NewTicket, TicketFilter, TicketRepository

if TYPE_CHECKING:  # the fixture's type; conftest is not importable as a module
    from conftest import FakeClock

GUILD = 100
MEMBER = 200
STAFF = 300

NEW = NewTicket(
    guild_id=GUILD,
    system_id="support",
    topic_id="billing",
    opener_id=MEMBER,
    style=Style.CHANNEL,
    locale="fr",
    request_key="interaction-1",
    reason="ma commande",
    answers=(("order", "A-12"), ("email", "x@example.org")),
)


@pytest.fixture
def repo(db: Database) -> TicketRepository:
    return TicketRepository(db)


async def _open(repo: TicketRepository, key: str, channel: int, **changes: object) -> int:
    reservation = await repo.reserve(replace(NEW, request_key=key, **changes))
    await repo.activate(reservation.ticket.id, channel)
    return reservation.ticket.id


async def test_reserve_then_activate(repo: TicketRepository, clock: FakeClock) -> None:
    reservation = await repo.reserve(NEW)
    ticket = reservation.ticket
    assert reservation.created
    assert ticket.number == 1
    assert ticket.creation is CreationState.PENDING
    assert ticket.channel_id is None
    assert ticket.status is TicketStatus.OPEN and ticket.priority is Priority.NORMAL
    assert ticket.answers == NEW.answers
    assert ticket.created_at == clock.value and ticket.created_at.tzinfo is not None
    assert await repo.find(GUILD) == []  # pending tickets are not listed

    active = await repo.activate(ticket.id, 555)
    assert active.creation is CreationState.ACTIVE and active.channel_id == 555
    assert await repo.get_by_channel(555) == active
    assert await repo.get_by_number(GUILD, 1) == active
    assert await repo.find(GUILD) == [active]
    with pytest.raises(TicketError) as caught:
        await repo.activate(ticket.id, 556)
    assert caught.value.code is Refusal.NOT_PENDING
    kinds = [e.kind for e in await repo.list_events(ticket.id)]
    assert kinds == [EventKind.CREATED, EventKind.ACTIVATED]


async def test_same_request_key_makes_one_ticket(repo: TicketRepository) -> None:
    results = await asyncio.gather(*(repo.reserve(NEW) for _ in range(10)))
    assert sum(r.created for r in results) == 1
    assert {r.ticket.id for r in results} == {results[0].ticket.id}
    second = await repo.reserve(replace(NEW, request_key="interaction-2"))
    assert second.created and second.ticket.number == 2


async def test_request_key_dedup_across_connections(database_target: DatabaseTarget) -> None:
    first, second = await Database.open(database_target), await Database.open(database_target)
    try:
        results = await asyncio.gather(
            *(TicketRepository(d).reserve(NEW) for d in (first, second) for _ in range(5))
        )
        assert sum(r.created for r in results) == 1
        assert await first.fetch_value("SELECT count(*) FROM tickets") == 1
    finally:
        await first.close()
        await second.close()


async def test_pending_cleanup(repo: TicketRepository, clock: FakeClock) -> None:
    stale = (await repo.reserve(NEW)).ticket
    clock.advance(minutes=10)
    fresh = (await repo.reserve(replace(NEW, request_key="k2"))).ticket
    done = await _open(repo, "k3", 777)

    found = await repo.list_pending(older_than=clock.value - timedelta(minutes=5))
    assert [t.id for t in found] == [stale.id]
    assert await repo.discard_pending(stale.id)
    assert not await repo.discard_pending(stale.id)
    assert not await repo.discard_pending(done)  # active tickets are never discarded
    assert await repo.get(stale.id) is None
    assert await repo.list_events(stale.id) == []  # cascaded
    assert (await repo.get(fresh.id)) is not None
    # Numbers are not reused, ids neither (old custom_ids carry them).
    again = (await repo.reserve(replace(NEW, request_key="k4"))).ticket
    assert again.number == 4 and again.id > done


async def test_limits_are_checked_in_the_reservation(
    repo: TicketRepository, clock: FakeClock
) -> None:
    limits = OpenLimits(max_open=2)
    await repo.reserve(replace(NEW, request_key="a"), limits=limits)
    await repo.reserve(replace(NEW, request_key="b"), limits=limits)
    with pytest.raises(TicketError) as caught:
        await repo.reserve(replace(NEW, request_key="c"), limits=limits)
    assert caught.value.code is Refusal.TOO_MANY_OPEN
    assert caught.value.details == {"open_count": 2, "max_open": 2}
    # The refused attempt consumed no number.
    other = await repo.reserve(replace(NEW, request_key="d", opener_id=MEMBER + 1))
    assert other.ticket.number == 3
    # Another system has its own limit; a replayed key is not refused.
    await repo.reserve(replace(NEW, request_key="e", system_id="other"), limits=limits)
    assert not (await repo.reserve(replace(NEW, request_key="a"), limits=limits)).created


async def test_concurrent_clicks_cannot_pass_the_limit(repo: TicketRepository) -> None:
    limits = OpenLimits(max_open=3)

    async def attempt(i: int) -> bool:
        try:
            await repo.reserve(replace(NEW, request_key=f"k{i}"), limits=limits)
        except TicketError:
            return False
        return True

    outcomes = await asyncio.gather(*(attempt(i) for i in range(20)))
    assert sum(outcomes) == 3
    assert await repo.count_open(GUILD, "support", MEMBER) == 3


async def test_cooldown(repo: TicketRepository, clock: FakeClock) -> None:
    limits = OpenLimits(cooldown=timedelta(minutes=10))
    first = await _open(repo, "a", 1)
    await repo.close(first, MEMBER)
    clock.advance(minutes=4, seconds=0.5)
    with pytest.raises(TicketError) as caught:
        await repo.reserve(replace(NEW, request_key="b"), limits=limits)
    assert caught.value.code is Refusal.COOLDOWN
    assert caught.value.details == {"retry_after": 360}  # 5 min 59.5 s, rounded up
    clock.advance(minutes=6)
    assert (await repo.reserve(replace(NEW, request_key="b"), limits=limits)).created


async def test_count_open_ignores_closed_deleted_and_others(repo: TicketRepository) -> None:
    a = await _open(repo, "a", 1)
    b = await _open(repo, "b", 2)
    await _open(repo, "c", 3)
    await repo.reserve(replace(NEW, request_key="pending"))
    await _open(repo, "x", 4, opener_id=MEMBER + 1)
    await _open(repo, "y", 5, system_id="other")
    await repo.close(a, STAFF)
    await repo.mark_deleted(b, STAFF)
    assert await repo.count_open(GUILD, "support", MEMBER) == 2  # "c" and the pending one


async def test_find_filters_and_pagination(repo: TicketRepository) -> None:
    ids = {}
    for n in range(1, 13):
        ids[n] = await _open(
            repo,
            f"k{n}",
            1000 + n,
            topic_id="billing" if n % 2 else "bug",
            opener_id=MEMBER + n % 3,
        )
    await repo.set_status(ids[3], TicketStatus.IN_PROGRESS, STAFF)
    await repo.set_priority(ids[3], Priority.URGENT, STAFF)
    await repo.set_priority(ids[4], Priority.URGENT, STAFF)
    await repo.close(ids[5], STAFF)
    await repo.claim(ids[6], STAFF)
    await repo.mark_deleted(ids[7], STAFF)
    await _open(repo, "elsewhere", 9999, guild_id=GUILD + 1)

    def numbers(tickets: list) -> list[int]:
        return [t.number for t in tickets]

    assert numbers(await repo.find(GUILD, limit=100)) == [12, 11, 10, 9, 8, 6, 5, 4, 3, 2, 1]
    assert await repo.count(GUILD) == 11
    f = TicketFilter(include_deleted=True)
    assert numbers(await repo.find(GUILD, f, limit=100)) == list(range(12, 0, -1))
    f = TicketFilter(statuses=frozenset({TicketStatus.CLOSED, TicketStatus.IN_PROGRESS}))
    assert numbers(await repo.find(GUILD, f)) == [5, 3]
    f = TicketFilter(priorities=frozenset({Priority.URGENT}))
    assert numbers(await repo.find(GUILD, f)) == [4, 3]
    assert numbers(await repo.find(GUILD, TicketFilter(topic_id="bug"))) == [12, 10, 8, 6, 4, 2]
    f = TicketFilter(opener_id=MEMBER + 1, topic_id="billing")
    assert numbers(await repo.find(GUILD, f)) == [1]
    assert numbers(await repo.find(GUILD, TicketFilter(claimed_by=STAFF))) == [6]
    assert await repo.count(GUILD, TicketFilter(topic_id="bug")) == 6

    # Keyset pagination: each page starts below the last number of the previous one.
    pages, cursor = [], None
    while page := await repo.find(GUILD, limit=4, before_number=cursor):
        pages.append(numbers(page))
        cursor = page[-1].number
    assert pages == [[12, 11, 10, 9], [8, 6, 5, 4], [3, 2, 1]]
    assert numbers(await repo.find(GUILD, limit=4, offset=4)) == [8, 6, 5, 4]


async def test_status_priority_claim_close_reopen_delete(
    repo: TicketRepository, clock: FakeClock
) -> None:
    tid = await _open(repo, "a", 1)
    t = await repo.set_status(tid, TicketStatus.ON_HOLD, STAFF)
    assert t.status is TicketStatus.ON_HOLD
    with pytest.raises(TicketError) as caught:
        await repo.set_status(tid, TicketStatus.ON_HOLD, STAFF)
    assert caught.value.code is Refusal.UNCHANGED

    assert (await repo.set_priority(tid, Priority.HIGH, STAFF)).priority is Priority.HIGH
    assert (await repo.claim(tid, STAFF)).claimed_by == STAFF
    with pytest.raises(TicketError) as caught:
        await repo.claim(tid, STAFF + 1)
    assert caught.value.code is Refusal.CLAIMED_BY_OTHER
    assert caught.value.details == {"claimed_by": STAFF}
    assert (await repo.unclaim(tid, STAFF)).claimed_by is None

    clock.advance(hours=1)
    closed = await repo.close(tid, STAFF, "résolu")
    assert closed.status is TicketStatus.CLOSED
    assert (closed.closed_at, closed.closed_by, closed.close_reason) == (
        clock.value,
        STAFF,
        "résolu",
    )
    assert not closed.is_open
    for change in (
        repo.close(tid, STAFF),
        repo.set_status(tid, TicketStatus.OPEN, STAFF),
        repo.set_priority(tid, Priority.LOW, STAFF),
        repo.claim(tid, STAFF),
    ):
        with pytest.raises(TicketError) as caught:
            await change
        assert caught.value.code is Refusal.CLOSED

    reopened = await repo.reopen(tid, MEMBER)
    assert reopened.status is TicketStatus.OPEN and reopened.closed_at is None
    with pytest.raises(TicketError) as caught:
        await repo.reopen(tid, MEMBER)
    assert caught.value.code is Refusal.NOT_CLOSED

    deleted = await repo.mark_deleted(tid, STAFF)
    assert deleted.is_deleted and deleted.deleted_at == clock.value
    with pytest.raises(TicketError) as caught:
        await repo.reopen(tid, STAFF)
    assert caught.value.code is Refusal.DELETED

    events = await repo.list_events(tid)
    assert [e.kind for e in events] == [
        EventKind.CREATED,
        EventKind.ACTIVATED,
        EventKind.STATUS,
        EventKind.PRIORITY,
        EventKind.CLAIMED,
        EventKind.UNCLAIMED,
        EventKind.CLOSED,
        EventKind.REOPENED,
        EventKind.DELETED,
    ]
    assert events[2].data == {"from": "open", "to": "on_hold"}
    assert events[6].data == {"from": "on_hold", "reason": "résolu"}
    assert events[6].actor_id == STAFF
    with pytest.raises(TicketError) as caught:
        await repo.claim(9999, STAFF)
    assert caught.value.code is Refusal.NOT_FOUND


async def test_two_staff_claiming_at_once(repo: TicketRepository) -> None:
    tid = await _open(repo, "a", 1)
    results = await asyncio.gather(
        *(repo.claim(tid, STAFF + i) for i in range(5)), return_exceptions=True
    )
    winners = [r for r in results if not isinstance(r, Exception)]
    assert len(winners) == 1
    assert (await repo.get(tid)).claimed_by == winners[0].claimed_by


async def test_members_and_notes(repo: TicketRepository, clock: FakeClock) -> None:
    tid = await _open(repo, "a", 1)
    assert await repo.add_member(tid, 401, STAFF)
    assert not await repo.add_member(tid, 401, STAFF)
    clock.advance(seconds=1)
    assert await repo.add_member(tid, 402, STAFF)
    assert [m.user_id for m in await repo.list_members(tid)] == [401, 402]
    assert await repo.remove_member(tid, 401, STAFF)
    assert not await repo.remove_member(tid, 401, STAFF)
    assert [m.user_id for m in await repo.list_members(tid)] == [402]

    note = await repo.add_note(tid, STAFF, "client VIP")
    notes = await repo.list_notes(tid)
    assert notes == [note]
    assert note.at == clock.value
    kinds = [e.kind for e in await repo.list_events(tid)][2:]
    assert kinds == [
        EventKind.MEMBER_ADDED,
        EventKind.MEMBER_ADDED,
        EventKind.MEMBER_REMOVED,
        EventKind.NOTE,
    ]
    with pytest.raises(TicketError):
        await repo.add_note(9999, STAFF, "x")


async def test_naive_datetimes_are_refused(repo: TicketRepository) -> None:
    with pytest.raises(ValueError, match="naive"):
        await repo.list_pending(older_than=datetime(2025, 1, 1))
    assert await repo.list_pending(older_than=datetime(2025, 1, 1, tzinfo=UTC)) == []
