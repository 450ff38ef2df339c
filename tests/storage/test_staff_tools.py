"""Staff tools' storage. Blocked members: one row per member and server, replaced when
blocked again, inactive once expired (and purged at the next block in the server), lifted
once. Renames: counted per channel within Discord's 10-minute window."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import BlockRepository, Database, RenameRepository
from tests.storage.conftest import FakeClock

GUILD, OTHER_GUILD = 1, 2


async def test_block_replace_list_and_lift(db: Database, clock: FakeClock) -> None:
    repo = BlockRepository(db)
    block, new = await repo.put(GUILD, 42, reason="Spam", blocked_by=7, expires_at=None)
    assert new and block.reason == "Spam" and block.expires_at is None
    assert block.created_at == clock()
    clock.advance(minutes=1)
    until = clock() + timedelta(days=1)
    again, new = await repo.put(GUILD, 42, reason="Insults", blocked_by=8, expires_at=until)
    assert not new and (again.reason, again.blocked_by, again.expires_at) == ("Insults", 8, until)
    clock.advance(minutes=1)
    await repo.put(GUILD, 43, reason="Raid", blocked_by=7, expires_at=None)
    await repo.put(OTHER_GUILD, 42, reason="Elsewhere", blocked_by=7, expires_at=None)

    assert [b.member_id for b in await repo.list_active(GUILD)] == [43, 42]  # newest first
    assert await repo.count_active(GUILD) == 2
    assert (await repo.active(GUILD, 42)) == again
    lifted = await repo.remove(GUILD, 42)
    assert lifted == again
    assert await repo.remove(GUILD, 42) is None
    assert await repo.active(GUILD, 42) is None
    assert await repo.active(OTHER_GUILD, 42) is not None  # blocks are per server


async def test_an_expired_block_is_inactive_and_purged(db: Database, clock: FakeClock) -> None:
    repo = BlockRepository(db)
    await repo.put(
        GUILD, 42, reason="Cool down", blocked_by=7, expires_at=clock() + timedelta(hours=1)
    )
    assert await repo.active(GUILD, 42) is not None
    clock.advance(hours=1)
    assert await repo.active(GUILD, 42) is None
    assert await repo.list_active(GUILD) == []
    assert await repo.remove(GUILD, 42) is None  # an expired block is not "lifted"
    await repo.put(GUILD, 43, reason="Raid", blocked_by=7, expires_at=None)
    await repo.put(GUILD, 44, reason="Raid", blocked_by=7, expires_at=clock() + timedelta(hours=1))
    clock.advance(hours=2)
    _, new = await repo.put(GUILD, 45, reason="Raid", blocked_by=7, expires_at=None)
    assert new
    rows = await db.fetch_value("SELECT count(*) FROM member_blocks WHERE guild_id = ?", (GUILD,))
    assert rows == 2  # 44's expired row went with the new block; 43 (no end) stays


async def test_renames_are_counted_per_channel_within_the_window(
    db: Database, clock: FakeClock
) -> None:
    repo = RenameRepository(db)
    first = await repo.record(10, forget_before=clock() - timedelta(minutes=10))
    clock.advance(minutes=4)
    second = await repo.record(10, forget_before=clock() - timedelta(minutes=10))
    await repo.record(11, forget_before=clock() - timedelta(minutes=10))
    assert await repo.since(10, clock() - timedelta(minutes=10)) == [first, second]
    clock.advance(minutes=7)  # the first is out of the window
    assert await repo.since(10, clock() - timedelta(minutes=10)) == [second]
    await repo.record(10, forget_before=clock() - timedelta(minutes=10))
    rows = await db.fetch_value("SELECT count(*) FROM channel_renames WHERE channel_id = 10")
    assert rows == 2  # the first was purged
