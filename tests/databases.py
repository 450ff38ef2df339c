"""Databases for tests, on both engines: the ``database_target`` fixture runs a test once on
SQLite and once on PostgreSQL (the server named by ``GUICHET_TEST_POSTGRES``, a URL).

Each test process (each pytest-xdist worker) creates a database of its own on that server and
drops it at the end; each test gets a fresh schema in it (the URL selects it through
``search_path``), dropped after the test. Without ``GUICHET_TEST_POSTGRES`` the PostgreSQL
cases skip with a "needs PostgreSQL" reason, which CI turns into a failure. ``-m "not
postgresql"`` leaves them out on purpose.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest

from bot.storage import DatabaseTarget, Engine, parse_target
from tests.needs import skip_needs

POSTGRES_ENV = "GUICHET_TEST_POSTGRES"
_WORKER_DB = re.compile(r"^guichet_test_\w+?_(\d+)_[0-9a-f]+$")

ENGINES = [
    pytest.param(Engine.SQLITE, id="sqlite"),
    pytest.param(Engine.POSTGRESQL, id="postgresql", marks=pytest.mark.postgresql),
]


def with_database(url: str, database: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + quote(database)))


def with_search_path(url: str, schema: str) -> str:
    """The URL with ``options=-c search_path=<schema>`` (libpq's way, which asyncpg reads).

    Commits do not wait for the disk (``synchronous_commit=off``, a per-session setting):
    a test database needs no durability, and the fsync per transaction was most of the
    PostgreSQL tests' time."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-c search_path={schema} -c synchronous_commit=off"))
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _admin(url: str, *statements: str) -> list[str]:
    """Run statements on their own connection; returns the server's database names.

    In a thread of its own: fixtures run outside the test's event loop, and must not
    replace the loop pytest-asyncio set for the test's thread."""
    result: list[list[str]] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(asyncio.run(_admin_async(url, statements)))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=work, name="postgres-admin")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


async def _admin_async(url: str, statements: tuple[str, ...]) -> list[str]:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=10, server_settings={"synchronous_commit": "off"})
    try:
        names = [r[0] for r in await conn.fetch("SELECT datname FROM pg_database")]
        for statement in statements:
            await conn.execute(statement)
        return names
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database for this test process on the server of ``GUICHET_TEST_POSTGRES``."""
    server = os.environ.get(POSTGRES_ENV, "").strip()
    if not server:
        skip_needs("PostgreSQL", f"set {POSTGRES_ENV} to a server URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"guichet_test_{worker}_{os.getpid()}_{secrets.token_hex(3)}"
    existing = _admin(server)
    # Left by runs that were killed before their teardown: their process is gone.
    stale = [n for n in existing if (m := _WORKER_DB.match(n)) and not _pid_alive(int(m[1]))]
    drops = [f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in stale]
    (_admin(server, *drops, f'CREATE DATABASE "{name}"'))
    try:
        yield with_database(server, name)
    finally:
        (_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_schema_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL whose connections see only a fresh, empty schema (dropped after the test)."""
    base: str = request.getfixturevalue("postgres_database")
    schema = f"t_{secrets.token_hex(6)}"
    _admin(base, f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(base, schema)
    finally:
        # A pool the test forgot to close would block the drop: the database goes anyway
        # at the end of the session, so never wait long here.
        with contextlib.suppress(Exception):
            _admin(base, "SET lock_timeout = '2s'", f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=ENGINES)
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseTarget]:
    """Where the test's data lives: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param is Engine.SQLITE:
        yield parse_target(tmp_path / "data" / "guichet.sqlite3")
        return
    url: str = request.getfixturevalue("postgres_schema_url")
    yield parse_target(url)
