"""Issue 11, start-up: many guilds' records read in a few statements give what one read per
guild gave, across statements (a small chunk here), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.records import PanelRecord
from bot.domain.resource_records import Origin, ResourceRecord
from bot.reconcile.resources.port import ResourceStore
from bot.storage import Database, PanelRepository, TicketRepository, by_guild
from bot.storage.resources import ResourceRepository
from bot.storage.timers import Timer, TimerRepository
from tests.storage.test_timers import _ticket

if TYPE_CHECKING:
    from conftest import FakeClock

GUILDS = [1 << 22, 2 << 22, 3 << 22, 4 << 22, 5 << 22]


@pytest.fixture(autouse=True)
def two_guilds_a_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(by_guild, "GUILDS_PER_STATEMENT", 2)


async def test_panels_and_resources_of_many_guilds(db: Database) -> None:
    panels = PanelRepository(db)
    resources: ResourceStore = ResourceRepository(db)  # the reconciler's port
    for n, guild in enumerate(GUILDS):
        for panel in ("support", "apply")[: 1 + n % 2]:
            await panels.upsert(PanelRecord(guild, panel, 10 + n, 100 * n, f"h{n}"))
        await resources.upsert(
            ResourceRecord(guild, "staff", "role", 1000 + n, Origin.CREATED, f"r{n}", "{}")
        )
    wanted = [GUILDS[4], GUILDS[0], GUILDS[2], GUILDS[3], 999]  # 999: no record
    one_by_one = [r for g in sorted(wanted) for r in await panels.list_for_guild(g)]
    assert await panels.list_for_guilds(wanted) == one_by_one
    assert len(one_by_one) == 5
    resources_one_by_one = [r for g in sorted(wanted) for r in await resources.list_for_guild(g)]
    assert await resources.list_for_guilds(wanted) == resources_one_by_one
    assert len(resources_one_by_one) == 4
    assert await panels.list_for_guilds([]) == []


async def test_open_tickets_of_many_guilds(db: Database, clock: FakeClock) -> None:
    tickets, timers = TicketRepository(db), TimerRepository(db)
    made = {guild: await _ticket(db, guild, f"t{n}") for n, guild in enumerate(GUILDS)}
    armed = made[GUILDS[1]]
    await timers.arm(Timer(armed, "inactivity", GUILDS[1], clock()))
    await tickets.close(made[GUILDS[2]], 1)

    live = await tickets.with_live_channel_in(GUILDS)
    one_by_one = [t for g in GUILDS for t in await tickets.with_live_channel(g)]
    assert sorted(t.id for t in live) == sorted(t.id for t in one_by_one) == sorted(made.values())

    unarmed = await timers.unarmed_open_tickets_in(GUILDS, ["support"], "inactivity")
    expected = [
        (ticket_id, opened, guild, "support")
        for guild in GUILDS
        for ticket_id, opened in await timers.unarmed_open_tickets(guild, ["support"], "inactivity")
    ]
    assert sorted(unarmed) == sorted(expected)
    assert {t for t, *_ in unarmed} == set(made.values()) - {armed, made[GUILDS[2]]}
    assert await timers.unarmed_open_tickets_in(GUILDS, ["other"], "inactivity") == []
