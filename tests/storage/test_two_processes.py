"""Two bot processes on one database (two :class:`Database` objects, so two SQLite
connections or two PostgreSQL pools): every decision that reads before it writes still
happens once, on both engines."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.config.specs import Style
from bot.domain.tickets import EventKind, OpenLimits, TicketError
from bot.storage import (
    ApprovalRepository,
    Database,
    DatabaseTarget,
    NewApproval,
    NewTicket,
    TicketRepository,
)

NEW = NewTicket(
    guild_id=100,
    system_id="support",
    topic_id="billing",
    opener_id=200,
    style=Style.CHANNEL,
    locale="fr",
    request_key="k",
)


@pytest.fixture
async def pair(database_target: DatabaseTarget) -> AsyncIterator[tuple[Database, Database]]:
    first = await Database.open(database_target)
    second = await Database.open(database_target)
    yield first, second
    await first.close()
    await second.close()


async def _outcomes(calls: list) -> list[object]:
    return await asyncio.gather(*calls, return_exceptions=True)


async def test_limits_hold_across_processes(pair: tuple[Database, Database]) -> None:
    repos = [TicketRepository(db) for db in pair]
    limits = OpenLimits(max_open=2)
    results = await _outcomes(
        [repos[i % 2].reserve(replace(NEW, request_key=f"k{i}"), limits=limits) for i in range(16)]
    )
    assert sum(not isinstance(r, TicketError) for r in results) == 2
    assert all(isinstance(r, TicketError) for r in results if not hasattr(r, "ticket"))
    assert await repos[0].count_open(100, "support", 200) == 2


async def test_numbers_are_unique_across_processes_and_servers(
    pair: tuple[Database, Database],
) -> None:
    repos = [TicketRepository(db) for db in pair]
    results = await asyncio.gather(
        *(
            repos[i % 2].reserve(
                replace(NEW, request_key=f"k{i}", guild_id=100 + i % 3, opener_id=i)
            )
            for i in range(60)
        )
    )
    for guild in (100, 101, 102):
        numbers = sorted(r.ticket.number for r in results if r.ticket.guild_id == guild)
        assert numbers == list(range(1, 21))


async def test_one_close_wins_and_is_logged_once(pair: tuple[Database, Database]) -> None:
    repos = [TicketRepository(db) for db in pair]
    ticket = (await repos[0].reserve(NEW)).ticket
    await repos[0].activate(ticket.id, 555)
    results = await _outcomes([repos[i % 2].close(ticket.id, 300 + i) for i in range(6)])
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, TicketError) for r in results if isinstance(r, Exception))
    kinds = [e.kind for e in await repos[1].list_events(ticket.id)]
    assert kinds.count(EventKind.CLOSED) == 1


async def test_a_held_close_reason_is_taken_once(pair: tuple[Database, Database]) -> None:
    repos = [TicketRepository(db) for db in pair]
    ticket = (await repos[0].reserve(NEW)).ticket
    long_ago = pair[0].now().replace(year=2000)
    held = await repos[0].hold_close_reason(ticket.id, 200, "Solved", purge_before=long_ago)
    taken = await asyncio.gather(
        *(
            repos[i % 2].take_close_reason(held, ticket.id, 200, not_before=long_ago)
            for i in range(6)
        )
    )
    assert (taken.count("Solved"), taken.count(None)) == (1, 5)


async def test_a_redelivered_request_is_stored_once(pair: tuple[Database, Database]) -> None:
    repos = [ApprovalRepository(db) for db in pair]
    new = NewApproval(1, "applications", "staff", 50, "fr", request_key="i-1")
    results = await asyncio.gather(*(repos[i % 2].create(new) for i in range(8)))
    assert sum(created for _, created in results) == 1
    assert len({request.id for request, _ in results}) == 1
