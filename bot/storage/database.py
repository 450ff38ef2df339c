"""The database interface the repositories use, whatever the engine.

SQL is written once, with ``?`` placeholders, in the subset SQLite and PostgreSQL share
(``INSERT ... ON CONFLICT``, ``RETURNING``, standard types); each engine adapts what it must
(PostgreSQL numbers its placeholders). Engine-specific schema lives in the migrations
(see :mod:`bot.storage.schema`), not in the repositories.

Concurrency contract, identical on both engines:

- a single statement is atomic (counters are one ``UPSERT ... RETURNING``);
- :meth:`Database.transaction` is all or nothing, nested use is a savepoint;
- a transaction that decides on what it read first calls :meth:`Database.serialize` with a
  key naming what it decides about (a member's openings, one ticket): two transactions with
  the same key never overlap, in one process or across several.

Do not fan out (``asyncio.gather``) inside a transaction: child tasks inherit it and would
share one connection concurrently.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from bot.storage.errors import DatabaseUnusableError
from bot.storage.targets import DatabaseTarget, Engine, parse_target

Params = Sequence[Any]


class Row(Protocol):
    """A result row: by column name or position (``sqlite3.Row`` and ``asyncpg.Record``)."""

    def __getitem__(self, key: int | str, /) -> Any: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ConnectOptions:
    """How to connect. ``timeout`` (seconds) bounds connecting, waiting for a pooled
    connection, each statement (PostgreSQL) and waiting for SQLite's write lock."""

    pool_size: int = 10  # PostgreSQL connections per process at most
    timeout: float = 10.0


def quote_identifier(name: str) -> str:
    """A table or column name as SQL, quoted the same way by both engines."""
    return '"' + name.replace('"', '""') + '"'


def lock_key(parts: Sequence[object]) -> int:
    """A stable signed 64-bit number for a lock name (PostgreSQL advisory locks take one).
    Two names sharing a number only wait for each other: never wrong, at worst slower."""
    digest = hashlib.blake2b(repr(tuple(parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Database(ABC):
    """Open with :meth:`open`; repositories take it in their constructor."""

    engine: ClassVar[Engine]
    # What the driver raises when the database itself fails (not a constraint).
    driver_errors: ClassVar[tuple[type[BaseException], ...]]

    def __init__(self, target: DatabaseTarget, *, clock: Callable[[], datetime]) -> None:
        self.target = target
        self._clock = clock

    @staticmethod
    async def open(
        target: DatabaseTarget | Path | str,
        *,
        options: ConnectOptions | None = None,
        clock: Callable[[], datetime] = utc_now,
        migrate: bool = True,
    ) -> Database:
        """Connect, configure and bring the schema up to date.

        Raises :class:`bot.storage.errors.DatabaseUnusableError` (or its
        ``DatabaseUnreachableError``) when it cannot connect, and
        :class:`bot.storage.schema.SchemaTooNewError` when the schema was written by newer
        code; the connection is closed first.
        """
        from bot.storage import schema

        resolved = target if isinstance(target, DatabaseTarget) else parse_target(target)
        engine: type[Database]
        if resolved.engine is Engine.POSTGRESQL:
            from bot.storage.postgres import PostgresDatabase

            engine = PostgresDatabase  # asyncpg is imported only when PostgreSQL is used
        else:
            from bot.storage.sqlite import SqliteDatabase

            engine = SqliteDatabase
        db = await engine.connect(resolved, options or ConnectOptions(), clock)
        try:
            if migrate:
                await schema.migrate(db)
        except engine.driver_errors as exc:  # e.g. a read-only file, no right to create
            await db.close()
            raise DatabaseUnusableError(resolved.display(), str(exc)) from exc
        except BaseException:
            await db.close()
            raise
        return db

    @classmethod
    @abstractmethod
    async def connect(
        cls, target: DatabaseTarget, options: ConnectOptions, clock: Callable[[], datetime]
    ) -> Database: ...

    @abstractmethod
    async def close(self) -> None: ...

    def now(self) -> datetime:
        """The current time, timezone-aware UTC (injectable for tests)."""
        return self._clock()

    # --- transactions ----------------------------------------------------------------

    @property
    @abstractmethod
    def in_transaction(self) -> bool:
        """Whether the current task holds a transaction on this database."""

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[None]:
        """All statements inside commit together, or none on any exception (nested: a
        savepoint). SQLite takes its write lock up front (``BEGIN IMMEDIATE``)."""

    @abstractmethod
    def snapshot(self) -> AbstractAsyncContextManager[None]:
        """Reads inside all see the database as it was at one moment (for copies). SQLite:
        a write transaction, so nobody writes meanwhile; PostgreSQL: a read-only
        repeatable-read transaction."""

    @abstractmethod
    async def serialize(self, *key: object) -> None:
        """Inside a transaction: until it ends, no other transaction that serializes on the
        same key runs (in any process). SQLite's write transactions are already one at a
        time; PostgreSQL takes a transaction-level advisory lock."""

    # --- statements ------------------------------------------------------------------

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""

    @abstractmethod
    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None: ...

    @abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an ``INSERT`` into a table with an ``id`` column; return the new row's id."""

    @abstractmethod
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    def stream(self, sql: str, params: Params = (), *, batch: int = 500) -> AsyncIterator[Row]:
        """Rows one at a time without holding them all in memory (for copies)."""

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """First row (also for ``... RETURNING``); ``None`` when there is none."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    # --- introspection (copies, tests) --------------------------------------------------

    @abstractmethod
    async def table_columns(self) -> dict[str, list[str]]:
        """Every table of the schema (``schema_version`` included) and its columns in order."""

    @abstractmethod
    async def referenced_tables(self) -> dict[str, set[str]]:
        """For each table, the tables its foreign keys point at."""

    @abstractmethod
    async def after_explicit_ids(self, table: str) -> None:
        """Rows were inserted with explicit ids: make the next generated id follow them."""
