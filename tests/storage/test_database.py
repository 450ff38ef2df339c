from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.storage import (
    Database,
    DatabaseTarget,
    Engine,
    IntegrityError,
    MigrationError,
    SchemaTooNewError,
)
from bot.storage.schema import (
    Migration,
    current_version,
    load_migrations,
    migrate,
    portability_problems,
)

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
AT = "2025-03-01T12:00:00.000000+00:00"


async def _tables(db: Database) -> set[str]:
    return set(await db.table_columns())


async def _versions(db: Database) -> list[tuple[int, str]]:
    rows = await db.fetch_all("SELECT version, name FROM schema_version ORDER BY version")
    return [(r[0], r[1]) for r in rows]


@pytest.mark.parametrize("engine", list(Engine))
def test_migration_files_are_numbered_in_order(engine: Engine) -> None:
    migrations = load_migrations(engine)
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert len(migrations) >= 2
    assert all(m.statements() for m in migrations)


def test_sqlite_runs_the_plain_files_whose_checksums_shipped() -> None:
    """Databases created before PostgreSQL existed must still open: same files, same bytes."""
    shipped = {
        1: "8c8832a3aeb3aac5455382da525948982e38efb57578ac9dcf7483cab17fd756",
        2: "d0a978feb2fb841d131dc9e4e97f2b48172ca476fa28a073be48bd726e05a23f",
        3: "8175fef4267dcca3a78ee79e0afcc1bab2aa1a3747235d76db563773116b8c6e",
        4: "da00d499bf8d22e7516704053dd6d38a357b6296202d042b0959443a143afebb",
        5: "f8ec793147865429cee406a27d94e225f31404eddcc7d10ec8b2189d915953b5",
    }
    migrations = load_migrations(Engine.SQLITE)
    assert {m.version: m.checksum for m in migrations if m.version in shipped} == shipped
    assert all(m.engine is None for m in migrations if m.version in shipped)


def test_postgresql_runs_its_variants_or_portable_plain_files() -> None:
    problems = [
        problem
        for migration in load_migrations(Engine.POSTGRESQL)
        if migration.engine is None
        for problem in portability_problems(migration)
    ]
    assert problems == []
    variants = {m.version for m in load_migrations(Engine.POSTGRESQL) if m.engine}
    assert {1, 2, 3, 4} <= variants


def test_sqlite_only_sql_in_a_plain_file_is_reported() -> None:
    plain = Migration(
        9, "x", "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, seen_at TEXT);"
    )
    problems = portability_problems(plain)
    assert len(problems) == 3 and all(p.startswith("V009__x.sql: ") for p in problems)
    assert portability_problems(Migration(9, "x", "ALTER TABLE t ADD COLUMN y BIGINT;")) == []


def test_a_version_without_a_file_for_each_engine_is_refused(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "only_sqlite_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "V001__one.sql").write_text("CREATE TABLE a (x BIGINT);")
    (package / "V002__two.sqlite.sql").write_text("CREATE TABLE b (x BIGINT);")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(MigrationError, match=r"V002: no migration for postgresql"):
        load_migrations(Engine.SQLITE, "only_sqlite_migrations")
    (package / "V002__two.postgresql.sql").write_text("CREATE TABLE b (x BIGINT);")
    assert [m.engine for m in load_migrations(Engine.POSTGRESQL, "only_sqlite_migrations")] == [
        None,
        Engine.POSTGRESQL,
    ]
    (package / "V003__three.oracle.sql").write_text("")
    with pytest.raises(MigrationError, match="unknown engine"):
        load_migrations(Engine.SQLITE, "only_sqlite_migrations")


def test_two_branches_taking_the_same_number_are_refused(tmp_path: Path, monkeypatch) -> None:
    """Each file once: a second V002 for the same engine would silently replace the first."""
    package = tmp_path / "twice_numbered_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "V001__one.sql").write_text("CREATE TABLE a (x BIGINT);")
    (package / "V002__mine.sql").write_text("CREATE TABLE b (x BIGINT);")
    (package / "V002__theirs.sql").write_text("CREATE TABLE c (x BIGINT);")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(MigrationError, match="two migrations numbered 2"):
        load_migrations(Engine.SQLITE, "twice_numbered_migrations")


async def test_open_applies_all_migrations(database_target: DatabaseTarget) -> None:
    db = await Database.open(database_target)
    try:
        latest = load_migrations(db.engine)[-1].version
        assert await current_version(db) == latest
        assert await _tables(db) >= TICKET_TABLES
        assert [v for v, _ in await _versions(db)] == list(range(1, latest + 1))
    finally:
        await db.close()


async def test_open_creates_the_sqlite_folder(db_path: Path) -> None:
    assert not db_path.parent.exists()
    db = await Database.open(db_path)
    await db.close()
    assert await asyncio.to_thread(db_path.exists)


async def test_reopen_is_idempotent_and_keeps_data(database_target: DatabaseTarget) -> None:
    db = await Database.open(database_target)
    await db.execute("INSERT INTO command_sync VALUES ('global', 'h', ?)", (AT,))
    before = await _versions(db)
    await db.close()

    db = await Database.open(database_target)
    try:
        assert await db.fetch_value("SELECT payload_hash FROM command_sync") == "h"
        assert await db.fetch_value("SELECT synced_at FROM command_sync") == AT
        assert await _versions(db) == before
    finally:
        await db.close()


async def test_two_processes_migrating_at_once_apply_each_version_once(
    database_target: DatabaseTarget,
) -> None:
    opened = await asyncio.gather(*(Database.open(database_target) for _ in range(3)))
    try:
        latest = load_migrations(database_target.engine)[-1].version
        assert [v for v, _ in await _versions(opened[0])] == list(range(1, latest + 1))
    finally:
        for db in opened:
            await db.close()


async def test_upgrade_applies_only_missing_migrations(database_target: DatabaseTarget) -> None:
    first, *rest = load_migrations(database_target.engine)
    db = await Database.open(database_target, migrate=False)
    try:
        assert await migrate(db, [first]) == 1
        assert "tickets" not in await _tables(db)
        assert await migrate(db, [first, *rest]) == rest[-1].version
        assert await _tables(db) >= TICKET_TABLES
    finally:
        await db.close()


async def test_newer_database_is_refused(database_target: DatabaseTarget) -> None:
    db = await Database.open(database_target)
    await db.execute("INSERT INTO schema_version VALUES (99, 'from_the_future', 'x', '2030-01-01')")
    await db.close()

    with pytest.raises(SchemaTooNewError) as caught:
        await Database.open(database_target)
    assert caught.value.database_version == 99
    assert caught.value.code_version == load_migrations(database_target.engine)[-1].version
    assert "99" in str(caught.value)


async def test_edited_migration_is_refused(database_target: DatabaseTarget) -> None:
    db = await Database.open(database_target, migrate=False)
    try:
        await migrate(db, [Migration(1, "one", "CREATE TABLE a (x BIGINT);")])
        with pytest.raises(MigrationError, match="changed"):
            await migrate(db, [Migration(1, "one", "CREATE TABLE a (x TEXT);")])
    finally:
        await db.close()


async def test_failing_migration_is_rolled_back_entirely(database_target: DatabaseTarget) -> None:
    good = Migration(1, "good", "CREATE TABLE a (x BIGINT);")
    bad = Migration(2, "bad", "CREATE TABLE b (x BIGINT);\nINSERT INTO missing VALUES (1);")
    db = await Database.open(database_target, migrate=False)
    try:
        with pytest.raises(Exception, match="missing"):
            await migrate(db, [good, bad])
        assert await current_version(db) == 1
        assert "a" in await _tables(db)
        assert "b" not in await _tables(db)  # DDL is transactional on both engines
    finally:
        await db.close()


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


async def test_sqlite_pragmas(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        assert await db.fetch_value("PRAGMA journal_mode") == "wal"
        assert await db.fetch_value("PRAGMA foreign_keys") == 1
        assert await db.fetch_value("PRAGMA busy_timeout") == 10_000  # ConnectOptions.timeout
    finally:
        await db.close()


async def test_memory_database_works() -> None:
    db = await Database.open(":memory:")
    try:
        assert await current_version(db) == load_migrations()[-1].version
        with pytest.raises(IntegrityError):  # foreign keys are enforced
            await db.execute(
                "INSERT INTO ticket_notes (ticket_id, author_id, at, text) VALUES (42, 1, ?, 't')",
                (AT,),
            )
    finally:
        await db.close()


async def test_transaction_commits_or_rolls_back(db: Database) -> None:
    async with db.transaction():
        await db.execute("INSERT INTO command_sync VALUES ('a', 'h', ?)", (AT,))
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('b', 'h', ?)", (AT,))
            raise RuntimeError("boom")
    scopes = [r[0] for r in await db.fetch_all("SELECT scope FROM command_sync ORDER BY scope")]
    assert scopes == ["a"]


async def test_nested_transaction_is_a_savepoint(db: Database) -> None:
    async with db.transaction():
        await db.execute("INSERT INTO command_sync VALUES ('outer', 'h', ?)", (AT,))
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.execute("INSERT INTO command_sync VALUES ('inner', 'h', ?)", (AT,))
                raise RuntimeError("boom")
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('inner2', 'h', ?)", (AT,))
    scopes = {r[0] for r in await db.fetch_all("SELECT scope FROM command_sync")}
    assert scopes == {"outer", "inner2"}


async def test_other_tasks_statements_never_join_a_transaction(db: Database) -> None:
    """Task B writes while task A's transaction is open; A's rollback must not undo B."""
    a_started = asyncio.Event()

    async def a() -> None:
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.execute("INSERT INTO command_sync VALUES ('a', 'h', ?)", (AT,))
                a_started.set()
                await asyncio.sleep(0.01)  # B runs now, and must wait for the lock
                raise RuntimeError("rollback")

    async def b() -> None:
        await a_started.wait()
        await db.execute("INSERT INTO command_sync VALUES ('b', 'h', ?)", (AT,))

    await asyncio.gather(a(), b())
    scopes = [r[0] for r in await db.fetch_all("SELECT scope FROM command_sync")]
    assert scopes == ["b"]


async def test_cancelled_transaction_rolls_back(db: Database) -> None:
    inside = asyncio.Event()

    async def slow() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO command_sync VALUES ('c', 'h', ?)", (AT,))
            inside.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(slow())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await db.fetch_value("SELECT count(*) FROM command_sync") == 0
    async with db.transaction():  # the connection is usable again
        await db.execute("INSERT INTO command_sync VALUES ('d', 'h', ?)", (AT,))
    assert await db.fetch_value("SELECT count(*) FROM command_sync") == 1
