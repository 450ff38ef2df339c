"""Copy every row from one database to another (SQLite to PostgreSQL, or back).

Both sides are opened (so migrated) first: same code, same schema version. The target must
be empty. The copy is one transaction on the target, all or nothing: a row the target
refuses leaves it as it was. Ids are copied as they are (custom_ids of posted buttons carry
them) and the target's id generators are moved past them. The source is read inside a
transaction, which on SQLite also keeps the bot from writing meanwhile; on PostgreSQL the row
rows are read from one snapshot and counted again at the end: a source that changed fails
the copy (stop the bot first: the README says so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.storage.database import Database, quote_identifier
from bot.storage.errors import IntegrityError
from bot.storage.schema import current_version

VERSION_TABLE = "schema_version"
_BATCH = 500


class CopyError(Exception):
    """Why nothing was copied; ``code`` names the Fluent message, ``details`` its variables."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code, details)
        self.code = code
        self.details = details


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int


def dependency_order(referenced: dict[str, set[str]]) -> list[str]:
    """Tables with the ones they reference first (alphabetical among equals: stable)."""
    order: list[str] = []
    placed: set[str] = set()
    remaining = dict(referenced)
    while remaining:
        ready = sorted(t for t, parents in remaining.items() if parents - {t} <= placed)
        if not ready:
            raise CopyError("db-copy-cycle", tables=", ".join(sorted(remaining)))
        for table in ready:
            order.append(table)
            placed.add(table)
            del remaining[table]
    return order


async def _counts(db: Database, tables: list[str]) -> dict[str, int]:
    return {
        t: int(await db.fetch_value(f"SELECT count(*) FROM {quote_identifier(t)}"))  # noqa: S608
        for t in tables
    }


async def copy_database(
    source: Database,
    target: Database,
    *,
    progress: Callable[[TableCopy], None] | None = None,
) -> list[TableCopy]:
    source_version, target_version = await current_version(source), await current_version(target)
    if source_version != target_version:  # pragma: no cover - both were migrated on open
        raise CopyError(
            "db-copy-versions", source_version=source_version, target_version=target_version
        )
    columns = await source.table_columns()
    target_columns = await target.table_columns()
    tables = [t for t in dependency_order(await source.referenced_tables()) if t != VERSION_TABLE]
    for table in tables:
        if set(columns[table]) != set(target_columns.get(table, ())):
            raise CopyError("db-copy-schema-differs", table=table)
    filled = [t for t, n in (await _counts(target, tables)).items() if n]
    if filled:
        raise CopyError("db-copy-target-not-empty", tables=", ".join(filled))

    copied: list[TableCopy] = []
    async with target.transaction():
        async with source.snapshot():
            for table in tables:
                done = TableCopy(table, await _copy_table(source, target, table, columns[table]))
                copied.append(done)
                if progress is not None:
                    progress(done)
        # Read again after the snapshot: rows a running bot wrote meanwhile would be lost.
        after = await _counts(source, tables)
        changed = [c.table for c in copied if after[c.table] != c.rows]
        if changed:
            raise CopyError("db-copy-source-changed", tables=", ".join(changed))
    return copied


async def _copy_table(source: Database, target: Database, table: str, columns: list[str]) -> int:
    # Only names read from the schema are interpolated; values are always bound.
    names = ", ".join(quote_identifier(c) for c in columns)
    marks = ", ".join("?" * len(columns))
    select = f"SELECT {names} FROM {quote_identifier(table)}"  # noqa: S608
    insert = f"INSERT INTO {quote_identifier(table)} ({names}) VALUES ({marks})"  # noqa: S608
    count = 0
    batch: list[tuple[object, ...]] = []
    async for row in source.stream(select, batch=_BATCH):
        batch.append(tuple(row[i] for i in range(len(columns))))
        if len(batch) >= _BATCH:
            count += await _write(target, table, insert, batch)
            batch = []
    if batch:
        count += await _write(target, table, insert, batch)
    if "id" in columns:
        await target.after_explicit_ids(table)
    return count


async def _write(target: Database, table: str, insert: str, rows: list[tuple[object, ...]]) -> int:
    try:
        await target.execute_many(insert, rows)
    except IntegrityError as exc:  # e.g. a SQLite value PostgreSQL's types refuse
        raise CopyError("db-copy-refused", table=table, reason=str(exc)) from None
    return len(rows)
