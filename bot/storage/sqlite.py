"""SQLite through one aiosqlite connection per process, with serialised transactions.

aiosqlite runs every statement on one worker thread, but coroutines still interleave
*between* statements: without care, task B's write could land inside task A's open
transaction and be rolled back with it. So every statement and every transaction takes
``_lock``; a ContextVar lets the task that holds a transaction run its own statements
(and nested transactions, as savepoints) without deadlocking on itself.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.storage.database import ConnectOptions, Database, Params, Row
from bot.storage.errors import DatabaseUnusableError, IntegrityError
from bot.storage.targets import SQLITE_MEMORY, DatabaseTarget, Engine

_ids = itertools.count(1)


@contextmanager
def _integrity() -> Iterator[None]:
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise IntegrityError(str(exc)) from exc


class SqliteDatabase(Database):
    engine = Engine.SQLITE
    driver_errors = (sqlite3.Error, OSError)

    def __init__(
        self, target: DatabaseTarget, conn: aiosqlite.Connection, *, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(target, clock=clock)
        self._conn = conn
        self._lock = asyncio.Lock()
        # Depth of the transaction the current task holds on *this* database (0: none).
        self._depth: ContextVar[int] = ContextVar(f"guichet_db_{next(_ids)}_depth", default=0)
        self._savepoints = itertools.count(1)

    @classmethod
    async def connect(
        cls, target: DatabaseTarget, options: ConnectOptions, clock: Callable[[], datetime]
    ) -> SqliteDatabase:
        try:
            if target.location != SQLITE_MEMORY:
                Path(target.location).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: the sqlite3 module issues no implicit BEGIN/COMMIT;
            # transactions are ours (BEGIN IMMEDIATE) and single statements autocommit.
            conn = await aiosqlite.connect(target.location, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseUnusableError(target.display(), _reason(exc)) from None
        conn.row_factory = sqlite3.Row
        db = cls(target, conn, clock=clock)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(options.timeout * 1000)}")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA journal_mode = WAL")  # "memory" for :memory:, fine
            await conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL
        except sqlite3.Error as exc:  # e.g. "file is not a database"
            await conn.close()
            raise DatabaseUnusableError(target.display(), _reason(exc)) from None
        return db

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    # --- transactions ----------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self._depth.get() > 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """``BEGIN IMMEDIATE`` takes SQLite's write lock up front, so a read-then-write inside
        the block cannot race another connection (it waits up to ``busy_timeout``)."""
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
                with _integrity():  # deferred foreign keys are checked here
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

    def snapshot(self) -> AbstractAsyncContextManager[None]:
        return self.transaction()

    async def serialize(self, *key: object) -> None:  # noqa: ARG002 - the interface's key
        # BEGIN IMMEDIATE already made this transaction the only writer of the file.
        if not self.in_transaction:
            raise RuntimeError("serialize() only makes sense inside a transaction")

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, locked unless this task already holds a transaction."""
        if self._depth.get():
            with _integrity():
                yield self._conn
            return
        async with self._lock:
            with _integrity():
                yield self._conn

    # --- statements ------------------------------------------------------------------

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._statement() as conn, conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._statement() as conn:
            await conn.executemany(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        async with self._statement() as conn, conn.execute(sql, params) as cursor:
            if cursor.lastrowid is None:  # pragma: no cover - only for non-INSERT misuse
                raise RuntimeError("statement inserted no row")
            return cursor.lastrowid

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._statement() as conn:
            return list(await conn.execute_fetchall(sql, params))

    async def stream(
        self, sql: str, params: Params = (), *, batch: int = 500
    ) -> AsyncIterator[Row]:
        async with self._statement() as conn, conn.execute(sql, params) as cursor:
            while rows := await cursor.fetchmany(batch):
                for row in rows:
                    yield row

    # --- introspection -------------------------------------------------------------------

    async def table_columns(self) -> dict[str, list[str]]:
        tables = await self.fetch_all(
            # Plain tables only: a full-text index (virtual) and its shadow tables are
            # SQLite's own machinery, rebuilt by triggers, never copied (guichet db copy).
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        out: dict[str, list[str]] = {}
        for (name,) in tables:
            rows = await self.fetch_all(
                "SELECT name FROM pragma_table_info(?) ORDER BY cid", (name,)
            )
            out[name] = [r[0] for r in rows]
        return out

    async def referenced_tables(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for table in await self.table_columns():
            rows = await self.fetch_all('SELECT "table" FROM pragma_foreign_key_list(?)', (table,))
            out[table] = {r[0] for r in rows}
        return out

    async def after_explicit_ids(self, table: str) -> None:  # noqa: ARG002
        # AUTOINCREMENT tables keep their high-water mark in sqlite_sequence, which SQLite
        # raises itself when a larger id is inserted; plain rowid tables use max(id) + 1.
        return


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
