"""One aiosqlite connection per process, with serialised transactions.

aiosqlite runs every statement on one worker thread, but coroutines still interleave
*between* statements: without care, task B's write could land inside task A's open
transaction and be rolled back with it. So every statement and every transaction takes
``_lock``; a ContextVar lets the task that holds a transaction run its own statements
(and nested transactions, as savepoints) without deadlocking on itself.

Do not fan out (``asyncio.gather``) inside a transaction: child tasks inherit the
ContextVar and would share the transaction concurrently.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage import schema

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]
Row = sqlite3.Row

MEMORY = ":memory:"
_ids = itertools.count(1)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Database:
    """Open with :meth:`open`; repositories take it in their constructor."""

    def __init__(self, conn: aiosqlite.Connection, *, clock: Callable[[], datetime]) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        # Depth of the transaction the current task holds on *this* database (0: none).
        self._depth: ContextVar[int] = ContextVar(f"guichet_db_{next(_ids)}_depth", default=0)
        self._savepoints = itertools.count(1)
        self._clock = clock

    @classmethod
    async def open(
        cls,
        path: Path | str,
        *,
        busy_timeout_ms: int = 5000,
        clock: Callable[[], datetime] = utc_now,
        migrate: bool = True,
    ) -> Database:
        """Connect, configure and bring the schema up to date.

        Raises :class:`bot.storage.schema.SchemaTooNewError` when the file was written by
        newer code (the connection is closed first).
        """
        if str(path) != MEMORY:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: the sqlite3 module issues no implicit BEGIN/COMMIT;
        # transactions are ours (BEGIN IMMEDIATE) and single statements autocommit.
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        db = cls(conn, clock=clock)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA journal_mode = WAL")  # "memory" for :memory:, fine
            await conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL
            if migrate:
                await schema.migrate(db)
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    def now(self) -> datetime:
        """The current time, timezone-aware UTC (injectable for tests)."""
        return self._clock()

    # --- transactions ----------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        """Whether the current task holds a transaction on this database."""
        return self._depth.get() > 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception.

        IMMEDIATE takes SQLite's write lock up front, so a read-then-write inside the
        block cannot race another connection (it waits up to ``busy_timeout``).
        Nested use in the same task becomes a savepoint.
        """
        depth = self._depth.get()
        if depth:
            async with self._savepoint(depth):
                yield
            return
        async with self._lock:
            if self._conn.in_transaction:  # left open by a cancelled rollback: start clean
                await self._conn.execute("ROLLBACK")
            await self._conn.execute("BEGIN IMMEDIATE")
            token = self._depth.set(1)
            try:
                yield
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")
            finally:
                self._depth.reset(token)

    @asynccontextmanager
    async def _savepoint(self, depth: int) -> AsyncIterator[None]:
        name = f"sp_{next(self._savepoints)}"
        await self._conn.execute(f"SAVEPOINT {name}")
        token = self._depth.set(depth + 1)
        try:
            yield
        except BaseException:
            await self._conn.execute(f"ROLLBACK TO {name}")
            await self._conn.execute(f"RELEASE {name}")
            raise
        else:
            await self._conn.execute(f"RELEASE {name}")
        finally:
            self._depth.reset(token)

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, locked unless this task already holds a transaction."""
        if self._depth.get():
            yield self._conn
            return
        async with self._lock:
            yield self._conn

    # --- statements ------------------------------------------------------------------

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        async with self._statement() as conn, conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._statement() as conn:
            await conn.executemany(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; return the new row's id."""
        async with self._statement() as conn, conn.execute(sql, params) as cursor:
            if cursor.lastrowid is None:  # pragma: no cover - only for non-INSERT misuse
                raise RuntimeError("statement inserted no row")
            return cursor.lastrowid

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """First row (also for ``... RETURNING``); ``None`` when there is none."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._statement() as conn:
            return list(await conn.execute_fetchall(sql, params))

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]
