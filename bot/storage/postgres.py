"""PostgreSQL through an asyncpg connection pool.

Why asyncpg: it is asyncio-native with its own pool (size, connect, acquire and statement
timeouts), its records answer ``row["name"]`` and ``row[0]`` like ``sqlite3.Row`` (so the
repositories read rows the same way on both engines), it prepares and caches statements, and
it lets a connection decode a type as we choose (below), which keeps one codec for times.

Statements outside a transaction borrow a pooled connection for that statement only (they
autocommit); a transaction keeps one connection for its task until it ends, found again
through a ContextVar. Times are ``timestamptz`` columns, exchanged as the same ISO-8601 UTC
text the SQLite schema stores (see :mod:`bot.storage.codec`), so repositories never know
which engine they talk to.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache

import asyncpg

from bot.storage.codec import time_to_db
from bot.storage.database import (
    ConnectOptions,
    Database,
    Params,
    Row,
    lock_key,
    quote_identifier,
)
from bot.storage.errors import DatabaseUnreachableError, DatabaseUnusableError, IntegrityError
from bot.storage.targets import DatabaseTarget, Engine

_ids = itertools.count(1)
_SERVER_SETTINGS = {"application_name": "guichet", "TimeZone": "UTC", "DateStyle": "ISO"}
# A `?` outside quotes and comments (SQL written for both engines) becomes `$1`, `$2`...
_LEXEME = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?", re.DOTALL)


@lru_cache(maxsize=1024)
def numbered_placeholders(sql: str) -> str:
    counter = itertools.count(1)

    def replace(match: re.Match[str]) -> str:
        return f"${next(counter)}" if match[0] == "?" else match[0]

    return _LEXEME.sub(replace, sql)


def _time_from_pg(text: str) -> str:
    return time_to_db(datetime.fromisoformat(text))


async def _prepare_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec(
        "timestamptz", schema="pg_catalog", encoder=str, decoder=_time_from_pg, format="text"
    )


@contextmanager
def _integrity() -> Iterator[None]:
    try:
        yield
    except (asyncpg.IntegrityConstraintViolationError, asyncpg.DataError) as exc:
        # DataError: a value the column's type refuses (SQLite's CHECKs say it there).
        raise IntegrityError(str(exc)) from exc


def _changed(status: str) -> int:
    """Rows changed, from a command tag such as ``UPDATE 3`` or ``INSERT 0 1``."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def _network_reason(exc: OSError | TimeoutError) -> str:
    """The system's words for why (asyncio's own message repeats the address)."""
    if isinstance(exc, TimeoutError):
        return os.strerror(errno.ETIMEDOUT)
    if exc.errno and exc.errno > 0:
        return os.strerror(exc.errno)
    return exc.strerror or str(exc) or type(exc).__name__  # e.g. a name resolution failure


class PostgresDatabase(Database):
    engine = Engine.POSTGRESQL
    driver_errors = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)

    def __init__(
        self,
        target: DatabaseTarget,
        pool: asyncpg.Pool,
        options: ConnectOptions,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(target, clock=clock)
        self._pool = pool
        self._timeout = options.timeout
        self._current: ContextVar[asyncpg.Connection | None] = ContextVar(
            f"guichet_pg_{next(_ids)}_connection", default=None
        )

    @classmethod
    async def connect(
        cls, target: DatabaseTarget, options: ConnectOptions, clock: Callable[[], datetime]
    ) -> PostgresDatabase:
        try:
            pool = await asyncpg.create_pool(
                target.location,
                min_size=1,
                max_size=max(1, options.pool_size),
                timeout=options.timeout,  # connecting
                command_timeout=options.timeout,  # each statement
                server_settings=_SERVER_SETTINGS,
                init=_prepare_connection,
            )
        except (OSError, TimeoutError) as exc:
            raise DatabaseUnreachableError(target.display(), _network_reason(exc)) from None
        except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
            raise DatabaseUnusableError(target.display(), str(exc)) from None
        return cls(target, pool, options, clock=clock)

    async def close(self) -> None:
        await self._pool.close()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        """The current transaction's connection, or one borrowed from the pool."""
        conn = self._current.get()
        if conn is not None:
            with _integrity():
                yield conn
            return
        async with self._pool.acquire(timeout=self._timeout) as conn:
            with _integrity():
                yield conn

    # --- transactions ----------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self._current.get() is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        conn = self._current.get()
        if conn is not None:  # nested: asyncpg makes it a savepoint
            async with conn.transaction():
                yield
            return
        async with self._pool.acquire(timeout=self._timeout) as conn:
            token = self._current.set(conn)
            try:
                with _integrity():  # deferred constraints are checked at COMMIT
                    async with conn.transaction():
                        yield
            finally:
                self._current.reset(token)

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        if self._current.get() is not None:
            raise RuntimeError("a snapshot cannot start inside a transaction")
        async with self._pool.acquire(timeout=self._timeout) as conn:
            token = self._current.set(conn)
            try:
                async with conn.transaction(isolation="repeatable_read", readonly=True):
                    yield
            finally:
                self._current.reset(token)

    async def serialize(self, *key: object) -> None:
        conn = self._current.get()
        if conn is None:
            raise RuntimeError("serialize() only makes sense inside a transaction")
        await conn.execute("SELECT pg_advisory_xact_lock($1)", lock_key(key))

    # --- statements ------------------------------------------------------------------

    @staticmethod
    def _sql(sql: str, params: Params) -> str:
        return numbered_placeholders(sql) if params else sql

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._connection() as conn:
            return _changed(await conn.execute(self._sql(sql, params), *params))

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._connection() as conn:
            await conn.executemany(numbered_placeholders(sql), rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        async with self._connection() as conn:
            value = await conn.fetchval(f"{self._sql(sql, params)} RETURNING id", *params)
        return int(value)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._connection() as conn:
            return list(await conn.fetch(self._sql(sql, params), *params))

    async def stream(
        self, sql: str, params: Params = (), *, batch: int = 500
    ) -> AsyncIterator[Row]:
        # A server-side cursor lives in a transaction: the caller's, or a snapshot of its own.
        if self._current.get() is None:
            async with self.snapshot():
                async for row in self.stream(sql, params, batch=batch):
                    yield row
            return
        async with self._connection() as conn:
            async for row in conn.cursor(self._sql(sql, params), *params, prefetch=batch):
                yield row

    # --- introspection -------------------------------------------------------------------

    async def table_columns(self) -> dict[str, list[str]]:
        rows = await self.fetch_all(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
        out: dict[str, list[str]] = {}
        for table, column in rows:
            out.setdefault(table, []).append(column)
        return out

    async def referenced_tables(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {table: set() for table in await self.table_columns()}
        rows = await self.fetch_all(
            "SELECT c.relname, p.relname FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE k.contype = 'f' AND n.nspname = current_schema()"
        )
        for child, parent in rows:
            out.setdefault(child, set()).add(parent)
        return out

    async def after_explicit_ids(self, table: str) -> None:
        quoted = quote_identifier(table)
        await self.fetch_value(
            f"SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 0) + 1, false) "  # noqa: S608
            f"FROM {quoted}",
            (quoted,),
        )
