"""Reasons held for a questions dialog: taken once, by their member, while fresh."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import Database, HeldReason, HeldReasonRepository
from tests.storage.conftest import FakeClock

HELD = HeldReason(1, 42, "support", "billing", "Charged twice")


async def test_taken_once_by_the_member_who_typed_it(db: Database, clock: FakeClock) -> None:
    repo = HeldReasonRepository(db)
    key = await repo.hold(HELD, purge_before=clock() - timedelta(days=1))
    old = clock() - timedelta(minutes=1)

    assert await repo.take(key, 43, not_before=old) is None  # someone else's dialog
    assert await repo.take(key, 42, not_before=old) == HELD
    assert await repo.take(key, 42, not_before=old) is None  # already used


async def test_stale_reasons_expire_and_are_purged(db: Database, clock: FakeClock) -> None:
    repo = HeldReasonRepository(db)
    stale = await repo.hold(HELD, purge_before=clock() - timedelta(days=1))
    clock.advance(days=2)
    assert await repo.take(stale, 42, not_before=clock() - timedelta(days=1)) is None
    kept = await repo.hold(HELD, purge_before=clock() - timedelta(days=1))
    rows = await db.fetch_value("SELECT count(*) FROM held_open_reasons")
    assert rows == 1 and kept != stale
