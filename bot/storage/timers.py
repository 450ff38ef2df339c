"""Durable ticket timers: one row per automatic action waiting on a ticket, with its due time.

A timer is keyed by ticket and kind, so arming twice is one timer. Every change bumps its
``version``; a worker takes a due timer by moving its due time forward *and* bumping the
version in one compare-and-set (a claim), and its result applies only if the version is still
the one it took. So two processes never work on one timer at once, a crash leaves the timer
to be taken again once the claim lapses, and activity that arrived meanwhile (a message
re-arming the watch) wins over a stale worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.storage.by_guild import fetch_for_guilds
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database, Row

_COLUMNS = (
    "ticket_id, kind, guild_id, stage, due_at, seen_message_id, message_id, actor_id, reason, "
    "version, attempts"
)
WATCH = "watch"


@dataclass(frozen=True, slots=True)
class Timer:
    ticket_id: int
    kind: str
    guild_id: int
    due_at: datetime
    stage: str = WATCH
    seen_message_id: int | None = None
    message_id: int | None = None
    actor_id: int | None = None
    reason: str | None = None
    version: int = 0
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class ShardFilter:
    """The shards whose guilds' timers this process takes (``(guild_id >> 22) % count``)."""

    count: int
    shards: tuple[int, ...]

    def sql(self) -> tuple[str, list[Any]]:
        marks = ", ".join("?" for _ in self.shards)
        return f" AND (shard_key % ?) IN ({marks})", [self.count, *self.shards]


def _timer(row: Row) -> Timer:
    return Timer(
        ticket_id=row["ticket_id"],
        kind=row["kind"],
        guild_id=row["guild_id"],
        due_at=time_from_db(row["due_at"]),
        stage=row["stage"],
        seen_message_id=row["seen_message_id"],
        message_id=row["message_id"],
        actor_id=row["actor_id"],
        reason=row["reason"],
        version=row["version"],
        attempts=row["attempts"],
    )


class TimerRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def db(self) -> Database:
        return self._db

    async def arm(self, timer: Timer, *, replace_existing: bool = False) -> bool:
        """Record ``timer``; True when it was written. An existing timer of that ticket and
        kind stays as it is unless ``replace_existing`` (then it restarts, version bumped)."""
        on_conflict = (
            "DO UPDATE SET stage = excluded.stage, due_at = excluded.due_at, "
            "seen_message_id = excluded.seen_message_id, message_id = excluded.message_id, "
            "actor_id = excluded.actor_id, reason = excluded.reason, attempts = 0, "
            "version = ticket_timers.version + 1"
            if replace_existing
            else "DO NOTHING"
        )
        changed = await self._db.execute(
            "INSERT INTO ticket_timers (ticket_id, kind, guild_id, shard_key, stage, due_at, "  # noqa: S608 - our own clauses
            "seen_message_id, message_id, actor_id, reason, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (ticket_id, kind) {on_conflict}",
            _values(timer, self._db.now()),
        )
        return changed > 0

    async def arm_many(self, timers: Iterable[Timer]) -> None:
        """Arm each (existing ones stay as they are)."""
        now = self._db.now()
        await self._db.execute_many(
            "INSERT INTO ticket_timers (ticket_id, kind, guild_id, shard_key, stage, due_at, "
            "seen_message_id, message_id, actor_id, reason, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, kind) DO NOTHING",
            [_values(t, now) for t in timers],
        )

    async def get(self, ticket_id: int, kind: str) -> Timer | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM ticket_timers WHERE ticket_id = ? AND kind = ?",  # noqa: S608
            (ticket_id, kind),
        )
        return None if row is None else _timer(row)

    async def for_guild(self, guild_id: int) -> list[Timer]:
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM ticket_timers WHERE guild_id = ? "  # noqa: S608
            "ORDER BY due_at, ticket_id",
            (guild_id,),
        )
        return [_timer(r) for r in rows]

    async def take_due(
        self, *, hold: timedelta, shards: ShardFilter | None = None, limit: int = 50
    ) -> list[Timer]:
        """Due timers (of these shards' guilds), each claimed for ``hold``: its due time moved
        on and its version bumped, so no other worker takes it meanwhile."""
        now = self._db.now()
        where, params = shards.sql() if shards is not None else ("", [])
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM ticket_timers WHERE due_at <= ?{where} "  # noqa: S608
            "ORDER BY due_at LIMIT ?",
            (time_to_db(now), *params, limit),
        )
        taken = []
        for row in rows:
            timer = _timer(row)
            claimed = await self._db.execute(
                "UPDATE ticket_timers SET due_at = ?, version = version + 1, "
                "attempts = attempts + 1 WHERE ticket_id = ? AND kind = ? AND version = ?",
                (time_to_db(now + hold), timer.ticket_id, timer.kind, timer.version),
            )
            if claimed:  # else another worker (or a message) changed it first
                taken.append(replace(timer, version=timer.version + 1, attempts=timer.attempts + 1))
        return taken

    async def take(self, ticket_id: int, kind: str, *, hold: timedelta) -> Timer | None:
        """Claim this one timer now, due or not (work that was just made durable and is to be
        done at once); None when there is none or another worker holds it."""
        timer = await self.get(ticket_id, kind)
        if timer is None:
            return None
        claimed = await self._db.execute(
            "UPDATE ticket_timers SET due_at = ?, version = version + 1, "
            "attempts = attempts + 1 WHERE ticket_id = ? AND kind = ? AND version = ?",
            (time_to_db(self._db.now() + hold), ticket_id, kind, timer.version),
        )
        if not claimed:
            return None
        return replace(timer, version=timer.version + 1, attempts=timer.attempts + 1)

    async def update(self, taken: Timer, changed: Timer) -> bool:
        """Store ``changed`` if the timer is still at ``taken``'s version (attempts reset)."""
        return (
            await self._db.execute(
                "UPDATE ticket_timers SET stage = ?, due_at = ?, seen_message_id = ?, "
                "message_id = ?, actor_id = ?, reason = ?, attempts = 0, version = version + 1 "
                "WHERE ticket_id = ? AND kind = ? AND version = ?",
                (
                    changed.stage,
                    time_to_db(changed.due_at),
                    changed.seen_message_id,
                    changed.message_id,
                    changed.actor_id,
                    changed.reason,
                    taken.ticket_id,
                    taken.kind,
                    taken.version,
                ),
            )
            > 0
        )

    async def retry(self, taken: Timer, *, at: datetime) -> bool:
        """Try again at ``at`` (the attempt count stays, for the backoff)."""
        return (
            await self._db.execute(
                "UPDATE ticket_timers SET due_at = ?, version = version + 1 "
                "WHERE ticket_id = ? AND kind = ? AND version = ?",
                (time_to_db(at), taken.ticket_id, taken.kind, taken.version),
            )
            > 0
        )

    async def finish(self, taken: Timer) -> bool:
        """Delete the timer if it is still at ``taken``'s version."""
        return (
            await self._db.execute(
                "DELETE FROM ticket_timers WHERE ticket_id = ? AND kind = ? AND version = ?",
                (taken.ticket_id, taken.kind, taken.version),
            )
            > 0
        )

    async def cancel(self, ticket_id: int, kind: str) -> Timer | None:
        """Delete the timer whatever its version; returns it as it was (None: there was none)."""
        async with self._db.transaction():
            timer = await self.get(ticket_id, kind)
            if timer is not None:
                await self._db.execute(
                    "DELETE FROM ticket_timers WHERE ticket_id = ? AND kind = ?",
                    (ticket_id, kind),
                )
        return timer

    async def rearm(
        self, ticket_id: int, kind: str, *, due: datetime, seen_message_id: int | None
    ) -> Timer | None:
        """Activity: the timer watches again from ``due`` (a warning it had posted no longer
        counts). Returns the timer as it was before, or None when there is none."""
        async with self._db.transaction():
            before = await self.get(ticket_id, kind)
            if before is not None:
                await self._db.execute(
                    "UPDATE ticket_timers SET stage = ?, due_at = ?, "
                    "seen_message_id = coalesce(?, seen_message_id), message_id = NULL, "
                    "attempts = 0, version = version + 1 WHERE ticket_id = ? AND kind = ?",
                    (WATCH, time_to_db(due), seen_message_id, ticket_id, kind),
                )
        return before

    async def unarmed_open_tickets(
        self, guild_id: int, system_ids: Sequence[str], kind: str
    ) -> list[tuple[int, datetime]]:
        """Open, active tickets of these systems without a timer of ``kind``: (id, opened)."""
        if not system_ids:
            return []
        marks = ", ".join("?" for _ in system_ids)
        rows = await self._db.fetch_all(
            "SELECT t.id, t.created_at FROM tickets t WHERE t.guild_id = ? "  # noqa: S608
            f"AND t.system_id IN ({marks}) AND t.status <> 'closed' AND t.creation = 'active' "
            "AND t.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM ticket_timers x "
            "WHERE x.ticket_id = t.id AND x.kind = ?) ORDER BY t.id",
            (guild_id, *system_ids, kind),
        )
        return [(r[0], time_from_db(r[1])) for r in rows]

    async def unarmed_open_tickets_in(
        self, guild_ids: Iterable[int], system_ids: Sequence[str], kind: str
    ) -> list[tuple[int, datetime, int, str]]:
        """:meth:`unarmed_open_tickets` of many guilds at once (in a few statements):
        (id, opened, guild, system) of their open tickets in any of ``system_ids``."""
        if not system_ids:
            return []
        marks = ", ".join("?" for _ in system_ids)
        rows = await fetch_for_guilds(
            self._db,
            "SELECT t.id, t.created_at, t.guild_id, t.system_id FROM tickets t",
            guild_ids,
            column="t.guild_id",
            where=f"t.system_id IN ({marks}) AND t.status <> 'closed' "  # noqa: S608 - placeholders only
            "AND t.creation = 'active' AND t.deleted_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM ticket_timers x WHERE x.ticket_id = t.id AND x.kind = ?)",
            params=(*system_ids, kind),
            order_by="t.id",
        )
        return [(r[0], time_from_db(r[1]), r[2], r[3]) for r in rows]


def _values(timer: Timer, now: datetime) -> tuple[Any, ...]:
    return (
        timer.ticket_id,
        timer.kind,
        timer.guild_id,
        timer.guild_id >> 22,
        timer.stage,
        time_to_db(timer.due_at),
        timer.seen_message_id,
        timer.message_id,
        timer.actor_id,
        timer.reason,
        time_to_db(now),
    )
