from __future__ import annotations

import asyncio

import pytest

from bot.storage import CounterRepository, Database, DatabaseTarget


async def test_first_value_is_one_and_counters_are_independent(db: Database) -> None:
    counters = CounterRepository(db)
    assert await counters.peek(1) == 0
    assert [await counters.next(1) for _ in range(3)] == [1, 2, 3]
    assert await counters.next(2) == 1
    assert await counters.next(1, "other") == 1
    assert await counters.peek(1) == 3


async def test_200_concurrent_allocations_have_no_gaps_or_duplicates(db: Database) -> None:
    counters = CounterRepository(db)
    values = await asyncio.gather(*(counters.next(7) for _ in range(200)))
    assert sorted(values) == list(range(1, 201))


async def test_allocation_inside_a_rolled_back_transaction_is_undone(db: Database) -> None:
    counters = CounterRepository(db)
    await counters.next(7)

    async def allocate_then_fail() -> None:
        async with db.transaction():
            assert await counters.next(7) == 2
            raise LookupError

    with pytest.raises(LookupError):
        await allocate_then_fail()
    assert await counters.next(7) == 2


async def test_two_processes_on_one_database_stay_unique(
    database_target: DatabaseTarget,
) -> None:
    first = await Database.open(database_target)
    second = await Database.open(database_target)
    try:
        a, b = CounterRepository(first), CounterRepository(second)
        per_side = 150
        values = await asyncio.gather(
            *(a.next(7) for _ in range(per_side)), *(b.next(7) for _ in range(per_side))
        )
        assert sorted(values) == list(range(1, 2 * per_side + 1))

        # Transactions on both connections, each allocating twice: still unique.
        async def twice(repo: CounterRepository, db: Database) -> list[int]:
            async with db.transaction():
                return [await repo.next(8), await repo.next(8)]

        pairs = await asyncio.gather(
            *(twice(a, first) for _ in range(20)), *(twice(b, second) for _ in range(20))
        )
        flat = [v for pair in pairs for v in pair]
        assert sorted(flat) == list(range(1, 81))
        assert all(pair[1] == pair[0] + 1 for pair in pairs)  # a transaction is atomic
    finally:
        await first.close()
        await second.close()
