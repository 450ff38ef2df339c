"""The durable clean-up queue: channels the bot must still delete.

Two kinds of entry: a channel whose id is known (a delete Discord refused), deleted until it
is gone, never given up; and a channel that may exist without its id being known (a
creation whose answer never came: a crash, a deadline), looked for by parent, name and
opener among channels made since the opening began, until ``give_up_at``. Entries are keyed,
so recording one twice is one entry. Due entries are taken by moving their due time
forward first (a claim), so two processes never work on the same entry at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.codec import optional_time_from_db, optional_time_to_db, time_from_db, time_to_db
from bot.storage.database import Database, Row

_COLUMNS = (
    "cleanup_key, guild_id, ticket_id, channel_id, parent_id, name, opener_id, not_before, "
    "give_up_at, attempts, due_at, last_error"
)


@dataclass(frozen=True, slots=True)
class Cleanup:
    key: str
    guild_id: int
    channel_id: int | None = None  # None: look for it
    ticket_id: int | None = None
    parent_id: int | None = None
    name: str | None = None
    opener_id: int | None = None
    not_before: datetime | None = None
    give_up_at: datetime | None = None
    attempts: int = 0
    due_at: datetime | None = None
    last_error: str | None = None

    @classmethod
    def delete(cls, guild_id: int, channel_id: int, ticket_id: int | None = None) -> Cleanup:
        return cls(f"channel:{channel_id}", guild_id, channel_id, ticket_id)

    @classmethod
    def search(
        cls,
        guild_id: int,
        ticket_id: int,
        *,
        parent_id: int | None,
        name: str,
        opener_id: int,
        since: datetime,
        give_up_at: datetime,
    ) -> Cleanup:
        return cls(
            f"opening:{ticket_id}",
            guild_id,
            None,
            ticket_id,
            parent_id,
            name,
            opener_id,
            since,
            give_up_at,
        )


def _cleanup(row: Row) -> Cleanup:
    return Cleanup(
        key=row["cleanup_key"],
        guild_id=row["guild_id"],
        ticket_id=row["ticket_id"],
        channel_id=row["channel_id"],
        parent_id=row["parent_id"],
        name=row["name"],
        opener_id=row["opener_id"],
        not_before=optional_time_from_db(row["not_before"]),
        give_up_at=optional_time_from_db(row["give_up_at"]),
        attempts=row["attempts"],
        due_at=time_from_db(row["due_at"]),
        last_error=row["last_error"],
    )


class CleanupRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, cleanup: Cleanup, *, due: datetime | None = None) -> None:
        """Record ``cleanup`` (due now unless ``due``); an entry with its key stays as it is."""
        now = self._db.now()
        await self._db.execute(
            "INSERT INTO channel_cleanups (cleanup_key, guild_id, ticket_id, channel_id, "
            "parent_id, name, opener_id, not_before, give_up_at, attempts, due_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (cleanup_key) DO NOTHING",
            (
                cleanup.key,
                cleanup.guild_id,
                cleanup.ticket_id,
                cleanup.channel_id,
                cleanup.parent_id,
                cleanup.name,
                cleanup.opener_id,
                optional_time_to_db(cleanup.not_before),
                optional_time_to_db(cleanup.give_up_at),
                time_to_db(due or now),
                time_to_db(now),
            ),
        )

    async def take_due(
        self, guild_ids: set[int], *, hold: timedelta, limit: int = 20
    ) -> list[Cleanup]:
        """Due entries of these guilds, each claimed for ``hold`` (its due time moved on)."""
        now = self._db.now()
        taken = []
        async with self._db.transaction():
            rows = await self._db.fetch_all(
                f"SELECT {_COLUMNS} FROM channel_cleanups WHERE due_at <= ? "  # noqa: S608
                "ORDER BY due_at LIMIT ?",
                (time_to_db(now), limit),
            )
            for row in rows:
                if row["guild_id"] not in guild_ids:
                    continue
                await self._db.execute(
                    "UPDATE channel_cleanups SET due_at = ? WHERE cleanup_key = ?",
                    (time_to_db(now + hold), row["cleanup_key"]),
                )
                taken.append(_cleanup(row))
        return taken

    async def done(self, key: str) -> None:
        await self._db.execute("DELETE FROM channel_cleanups WHERE cleanup_key = ?", (key,))

    async def retry(self, cleanup: Cleanup, *, after: timedelta, error: str) -> None:
        await self._db.execute(
            "UPDATE channel_cleanups SET attempts = attempts + 1, due_at = ?, last_error = ? "
            "WHERE cleanup_key = ?",
            (time_to_db(self._db.now() + after), error, cleanup.key),
        )

    async def searches_due_now(self, guild_id: int) -> int:
        """A channel appeared in ``guild_id``: the searches there look again at once."""
        return await self._db.execute(
            "UPDATE channel_cleanups SET due_at = ? WHERE guild_id = ? AND channel_id IS NULL",
            (time_to_db(self._db.now()), guild_id),
        )

    async def pending(self, guild_id: int | None = None) -> list[Cleanup]:
        sql = f"SELECT {_COLUMNS} FROM channel_cleanups"  # noqa: S608
        rows = await (
            self._db.fetch_all(sql + " ORDER BY created_at")
            if guild_id is None
            else self._db.fetch_all(sql + " WHERE guild_id = ? ORDER BY created_at", (guild_id,))
        )
        return [_cleanup(r) for r in rows]
