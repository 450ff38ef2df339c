"""Both engines end the migration sequence with the same schema: tables, columns, which
columns may be NULL, unique keys, foreign keys, and the CHECK constraints (tried by writing
what each one must refuse)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.storage import Database, DatabaseTarget, Engine, IntegrityError, parse_target

AT = "2025-03-01T12:00:00.000000+00:00"
Facts = dict[str, Any]


async def _sqlite_facts(db: Database) -> Facts:
    facts: Facts = {}
    for table in await db.table_columns():
        columns = await db.fetch_all(
            'SELECT name, "notnull", pk FROM pragma_table_info(?)', (table,)
        )
        # SQLite lets a non-INTEGER primary key hold NULL; PostgreSQL never does, and no
        # row written by Guichet has one: count primary-key columns as NOT NULL.
        not_null = {r[0] for r in columns if r[1] or r[2]}
        uniques = set()
        for index in await db.fetch_all(
            'SELECT name, "unique" FROM pragma_index_list(?)', (table,)
        ):
            if index[1]:
                cols = await db.fetch_all(
                    "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index[0],)
                )
                uniques.add(tuple(r[0] for r in cols))
        primary = tuple(r[0] for r in sorted(columns, key=lambda r: r[2]) if r[2])
        if primary:
            uniques.add(primary)
        foreign = {
            (r[0], r[1], r[2], r[3].upper())
            for r in await db.fetch_all(
                'SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(?)',
                (table,),
            )
        }
        facts[table] = {
            "columns": [r[0] for r in columns],
            "not_null": not_null,
            "unique": uniques,
            "foreign": foreign,
        }
    return facts


async def _postgres_facts(db: Database) -> Facts:
    facts: Facts = {}
    for table, columns in (await db.table_columns()).items():
        not_null = {
            r[0]
            for r in await db.fetch_all(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? "
                "AND is_nullable = 'NO'",
                (table,),
            )
        }
        uniques = {
            tuple(r[0])
            for r in await db.fetch_all(
                "SELECT array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o) "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n "
                "ORDER BY k.o) FROM pg_index i WHERE i.indisunique "
                "AND i.indrelid = (quote_ident(current_schema()) || '.' || ?)::regclass",
                (table,),
            )
        }
        foreign = {
            (r[0], r[1], r[2], r[3])
            for r in await db.fetch_all(
                "SELECT a.attname, rt.relname, ra.attname, CASE c.confdeltype "
                "WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' "
                "ELSE 'NO ACTION' END FROM pg_constraint c "
                "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
                "JOIN pg_class rt ON rt.oid = c.confrelid "
                "JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] "
                "WHERE c.contype = 'f' "
                "AND c.conrelid = (quote_ident(current_schema()) || '.' || ?)::regclass",
                (table,),
            )
        }
        facts[table] = {
            "columns": columns,
            "not_null": not_null,
            "unique": uniques,
            "foreign": foreign,
        }
    return facts


@pytest.fixture
async def both(tmp_path: Path, postgres_schema_url: str) -> AsyncIterator[dict[Engine, Database]]:
    sqlite = await Database.open(tmp_path / "parity.sqlite3")
    postgres = await Database.open(parse_target(postgres_schema_url))
    yield {Engine.SQLITE: sqlite, Engine.POSTGRESQL: postgres}
    await sqlite.close()
    await postgres.close()


@pytest.mark.postgresql
async def test_both_engines_have_the_same_schema(both: dict[Engine, Database]) -> None:
    sqlite = await _sqlite_facts(both[Engine.SQLITE])
    postgres = await _postgres_facts(both[Engine.POSTGRESQL])
    assert set(sqlite) == set(postgres)
    for table in sorted(sqlite):
        assert sqlite[table] == postgres[table], table


async def _ticket(db: Database, **overrides: object) -> None:
    row = {
        "guild_id": 1,
        "number": 1,
        "system_id": "s",
        "topic_id": "t",
        "opener_id": 2,
        "style": "channel",
        "locale": "fr",
        "created_at": AT,
        "request_key": "k1",
    } | overrides
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    await db.execute(f"INSERT INTO tickets ({columns}) VALUES ({marks})", tuple(row.values()))


REFUSED = [
    pytest.param({"style": "forum"}, id="style"),
    pytest.param({"status": "lost"}, id="status"),
    pytest.param({"priority": "whenever"}, id="priority"),
    pytest.param({"creation": "half"}, id="creation"),
    pytest.param({"answers": "not json"}, id="answers-json"),
    pytest.param({"locale": None}, id="not-null"),
    pytest.param({"request_key": "k0"}, id="unique-request"),
    pytest.param({"number": 7}, id="unique-number"),
    pytest.param({"channel_id": 99}, id="unique-channel"),
]


@pytest.mark.parametrize("bad", REFUSED)
async def test_each_constraint_refuses_on_both_engines(
    database_target: DatabaseTarget, bad: dict[str, object]
) -> None:
    db = await Database.open(database_target)
    try:
        await _ticket(db, request_key="k0", number=7, channel_id=99)
        await _ticket(db, request_key="k-ok", number=8)  # the base row itself is valid
        with pytest.raises(IntegrityError):
            await _ticket(db, **({"request_key": "k2", "number": 2} | bad))
        for sql in (
            "INSERT INTO counters VALUES (1, 'ticket', -1)",
            "INSERT INTO ticket_notes (ticket_id, author_id, at, text) VALUES (12345, 1, ?, 'x')",
        ):
            with pytest.raises(IntegrityError):
                await db.execute(sql, (AT,) if "?" in sql else ())
    finally:
        await db.close()
