from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.storage import Database, MigrationError, SchemaTooNewError
from bot.storage.schema import Migration, current_version, load_migrations, migrate

TICKET_TABLES = {
    "panels",
    "command_sync",
    "counters",
    "tickets",
    "ticket_members",
    "ticket_events",
    "ticket_notes",
    "approval_requests",
    "transcripts",
    "cooldowns",
}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def _versions(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()


def test_migration_files_are_numbered_in_order() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert len(migrations) >= 2
    assert all(m.statements() for m in migrations)


async def test_open_creates_folder_and_applies_all_migrations(db_path: Path) -> None:
    assert not db_path.parent.exists()
    db = await Database.open(db_path)
    try:
        latest = load_migrations()[-1].version
        assert await current_version(db) == latest
    finally:
        await db.close()
    assert _tables(db_path) >= TICKET_TABLES
    assert [v for v, _ in _versions(db_path)] == list(range(1, latest + 1))


async def test_reopen_is_idempotent_and_keeps_data(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.execute("INSERT INTO command_sync VALUES ('global', 'h', 'now')")
    await db.close()
    before = _versions(db_path)

    db = await Database.open(db_path)
    try:
        assert await db.fetch_value("SELECT payload_hash FROM command_sync") == "h"
    finally:
        await db.close()
    assert _versions(db_path) == before


async def test_upgrade_applies_only_missing_migrations(db_path: Path) -> None:
    first, *rest = load_migrations()
    db = await Database.open(db_path, migrate=False)
    try:
        assert await migrate(db, [first]) == 1
        assert "tickets" not in _tables(db_path)
        assert await migrate(db, [first, *rest]) == rest[-1].version
    finally:
        await db.close()
    assert _tables(db_path) >= TICKET_TABLES


async def test_newer_database_is_refused(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.execute("INSERT INTO schema_version VALUES (99, 'from_the_future', 'x', '2030-01-01')")
    await db.close()

    with pytest.raises(SchemaTooNewError) as caught:
        await Database.open(db_path)
    assert caught.value.database_version == 99
    assert caught.value.code_version == load_migrations()[-1].version
    assert "99" in str(caught.value)


async def test_edited_migration_is_refused(db_path: Path) -> None:
    db = await Database.open(db_path, migrate=False)
    try:
        await migrate(db, [Migration(1, "one", "CREATE TABLE a (x INTEGER);")])
        with pytest.raises(MigrationError, match="changed"):
            await migrate(db, [Migration(1, "one", "CREATE TABLE a (x TEXT);")])
    finally:
        await db.close()


async def test_failing_migration_is_rolled_back_entirely(db_path: Path) -> None:
    good = Migration(1, "good", "CREATE TABLE a (x INTEGER);")
    bad = Migration(2, "bad", "CREATE TABLE b (x INTEGER);\nINSERT INTO missing VALUES (1);")
    db = await Database.open(db_path, migrate=False)
    try:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(db, [good, bad])
        assert await current_version(db) == 1
    finally:
        await db.close()
    assert "a" in _tables(db_path)
    assert "b" not in _tables(db_path)


def test_statement_splitting_keeps_triggers_whole() -> None:
    sql = (
        "-- a comment\nCREATE TABLE t (x);\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\n  SELECT 1;\nEND;\n"
    )
    statements = Migration(1, "t", sql).statements()
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    with pytest.raises(MigrationError, match="unterminated"):
        Migration(1, "t", "CREATE TABLE t (x)").statements()


async def test_pragmas(db: Database) -> None:
    assert await db.fetch_value("PRAGMA journal_mode") == "wal"
    assert await db.fetch_value("PRAGMA foreign_keys") == 1
    assert await db.fetch_value("PRAGMA busy_timeout") == 5000


async def test_memory_database_works() -> None:
    db = await Database.open(":memory:")
    try:
        assert await current_version(db) == load_migrations()[-1].version
        with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
            await db.execute(
                "INSERT INTO ticket_notes (ticket_id, author_id, at, text) VALUES (42, 1, 'x', 't')"
            )
    finally:
        await db.close()


async def test_transaction_commits_or_rolls_back(db: Database) -> None:
    async with db.transaction():
        await db.execute("INSERT INTO command_sync VALUES ('a', 'h', 't')")
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('b', 'h', 't')")
            raise RuntimeError("boom")
    scopes = [r[0] for r in await db.fetch_all("SELECT scope FROM command_sync ORDER BY scope")]
    assert scopes == ["a"]


async def test_nested_transaction_is_a_savepoint(db: Database) -> None:
    async with db.transaction():
        await db.execute("INSERT INTO command_sync VALUES ('outer', 'h', 't')")
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.execute("INSERT INTO command_sync VALUES ('inner', 'h', 't')")
                raise RuntimeError("boom")
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('inner2', 'h', 't')")
    scopes = {r[0] for r in await db.fetch_all("SELECT scope FROM command_sync")}
    assert scopes == {"outer", "inner2"}


async def test_other_tasks_statements_never_join_a_transaction(db: Database) -> None:
    """Task B writes while task A's transaction is open; A's rollback must not undo B."""
    a_started = asyncio.Event()

    async def a() -> None:
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.execute("INSERT INTO command_sync VALUES ('a', 'h', 't')")
                a_started.set()
                await asyncio.sleep(0.01)  # B runs now, and must wait for the lock
                raise RuntimeError("rollback")

    async def b() -> None:
        await a_started.wait()
        await db.execute("INSERT INTO command_sync VALUES ('b', 'h', 't')")

    await asyncio.gather(a(), b())
    scopes = [r[0] for r in await db.fetch_all("SELECT scope FROM command_sync")]
    assert scopes == ["b"]


async def test_cancelled_transaction_rolls_back(db: Database) -> None:
    inside = asyncio.Event()

    async def slow() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('c', 'h', 't')")
            inside.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(slow())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await db.fetch_value("SELECT count(*) FROM command_sync") == 0
    async with db.transaction():  # the connection is usable again
        await db.execute("INSERT INTO command_sync VALUES ('d', 'h', 't')")
    assert await db.fetch_value("SELECT count(*) FROM command_sync") == 1
