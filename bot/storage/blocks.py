"""Members staff blocked from opening tickets in a server (``/ticket block``).

A block ends when staff lift it or when its ``expires_at`` passes; an expired row is simply
not active any more (reads compare with the clock) and is purged the next time anyone in
the server is blocked, so no timer is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.codec import optional_time_from_db, optional_time_to_db, time_from_db, time_to_db
from bot.storage.database import Database, Row

_COLUMNS = "guild_id, member_id, reason, blocked_by, created_at, expires_at"
# Constant text only (no value is ever formatted into SQL): the placeholders carry values.
_SELECT = f"SELECT {_COLUMNS} FROM member_blocks"  # noqa: S608
_ACTIVE = "(expires_at IS NULL OR expires_at > ?)"
_UPSERT = (
    "INSERT INTO member_blocks (guild_id, member_id, reason, blocked_by, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, member_id) DO UPDATE SET reason = excluded.reason, "
    "blocked_by = excluded.blocked_by, created_at = excluded.created_at, "
    "expires_at = excluded.expires_at "
    "RETURNING guild_id, member_id, reason, blocked_by, created_at, expires_at"
)
_DELETE = f"DELETE FROM member_blocks WHERE guild_id = ? AND member_id = ? RETURNING {_COLUMNS}"  # noqa: S608
_COUNT = f"SELECT count(*) FROM member_blocks WHERE guild_id = ? AND {_ACTIVE}"  # noqa: S608


@dataclass(frozen=True, slots=True)
class Block:
    guild_id: int
    member_id: int
    reason: str
    blocked_by: int
    created_at: datetime
    expires_at: datetime | None = None  # None: until unblocked


def _block(row: Row) -> Block:
    return Block(
        guild_id=row["guild_id"],
        member_id=row["member_id"],
        reason=row["reason"],
        blocked_by=row["blocked_by"],
        created_at=time_from_db(row["created_at"]),
        expires_at=optional_time_from_db(row["expires_at"]),
    )


class BlockRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def put(
        self,
        guild_id: int,
        member_id: int,
        *,
        reason: str,
        blocked_by: int,
        expires_at: datetime | None,
    ) -> tuple[Block, bool]:
        """Block (or block again, replacing reason and end); ``True`` when the member was not
        blocked already. Expired blocks of the server are purged on the way."""
        now = time_to_db(self._db.now())
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM member_blocks WHERE guild_id = ? AND expires_at <= ?",
                (guild_id, now),
            )
            before = await self._db.fetch_value(
                "SELECT count(*) FROM member_blocks WHERE guild_id = ? AND member_id = ?",
                (guild_id, member_id),
            )
            row = await self._db.fetch_one(
                _UPSERT,
                (guild_id, member_id, reason, blocked_by, now, optional_time_to_db(expires_at)),
            )
        assert row is not None  # RETURNING of an upsert always yields the row
        return _block(row), not before

    async def remove(self, guild_id: int, member_id: int) -> Block | None:
        """Lift the block; the active block that was lifted, or ``None`` if there was none."""
        row = await self._db.fetch_one(_DELETE, (guild_id, member_id))
        if row is None:
            return None
        block = _block(row)
        return block if _active(block, self._db.now()) else None

    async def active(self, guild_id: int, member_id: int) -> Block | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE guild_id = ? AND member_id = ? AND {_ACTIVE}",
            (guild_id, member_id, time_to_db(self._db.now())),
        )
        return None if row is None else _block(row)

    async def list_active(self, guild_id: int, *, limit: int = 25) -> list[Block]:
        """The server's active blocks, newest first."""
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE guild_id = ? AND {_ACTIVE} ORDER BY created_at DESC, member_id "
            "LIMIT ?",
            (guild_id, time_to_db(self._db.now()), limit),
        )
        return [_block(r) for r in rows]

    async def count_active(self, guild_id: int) -> int:
        value = await self._db.fetch_value(_COUNT, (guild_id, time_to_db(self._db.now())))
        return int(value or 0)


def _active(block: Block, now: datetime) -> bool:
    return block.expires_at is None or block.expires_at > now
