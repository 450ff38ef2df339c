"""Shard leases (PostgreSQL advisory locks): one holder at a time, the next one gets them as
soon as the first lets go or dies, and a holder knows at once when its hold is gone."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.domain.shards import ShardPlan
from bot.storage import Database, parse_target
from bot.storage.leases import LeaseTiming, hold_shards

FAST = LeaseTiming(ping=0.2, ping_timeout=1.0)


@pytest.fixture
async def pg(postgres_schema_url: str) -> Database:
    db = await Database.open(parse_target(postgres_schema_url))
    yield db
    await db.close()


@pytest.mark.postgresql
async def test_a_second_holder_waits_then_takes_over(pg: Database) -> None:
    plan = ShardPlan((0, 1), 4)
    waited = asyncio.Event()
    async with hold_shards(pg, plan, timing=FAST) as first:
        second = asyncio.create_task(_hold_then_report(pg, plan, waited))
        await asyncio.wait_for(waited.wait(), 5)
        await asyncio.sleep(0.3)
        assert not second.done()  # still waiting while the first holds
        assert not first.lost.is_set()
        released = time.monotonic()
    took = await asyncio.wait_for(second, 5) - released
    assert took < 1.0
    # Other shards of the same fleet are not held by that lease.
    async with hold_shards(pg, ShardPlan((2, 3), 4), timing=FAST) as other:
        assert not other.lost.is_set()


async def _hold_then_report(db: Database, plan: ShardPlan, waited: asyncio.Event) -> float:
    async with hold_shards(db, plan, waiting=waited.set, timing=FAST):
        return time.monotonic()


@pytest.mark.postgresql
async def test_a_holder_whose_session_is_ended_knows_within_a_ping(pg: Database) -> None:
    async with hold_shards(pg, ShardPlan((0,), 2), timing=FAST) as lease:
        assert lease.backend_pid is not None
        assert await pg.fetch_value("SELECT pg_terminate_backend(?)", (lease.backend_pid,))
        await asyncio.wait_for(lease.lost.wait(), 3)


async def test_sqlite_holds_without_locks(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "one-machine.sqlite3")
    try:
        async with hold_shards(db, ShardPlan((0,), 2)) as lease:
            assert not lease.lost.is_set()
    finally:
        await db.close()
