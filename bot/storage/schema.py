"""Numbered SQL migrations: ``migrations/V<number>__<name>[.<engine>].sql``, applied in order.

One numbered sequence for every engine; a version's file with an engine suffix replaces the
plain one on that engine (see :mod:`bot.storage.migrations`). Each migration runs in its own
transaction together with its ``schema_version`` row, so a crash leaves the database at the
previous version, and re-opening applies only what is missing. Two processes migrating at
once are serialised (SQLite's BEGIN IMMEDIATE, a PostgreSQL advisory lock): the second
re-reads the applied versions inside its transaction and finds nothing to do. A recorded
checksum (of the file that engine ran) catches a migration edited after it shipped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from bot.storage.codec import time_to_db
from bot.storage.errors import StorageError
from bot.storage.targets import Engine

if TYPE_CHECKING:
    from bot.storage.database import Database

_FILE = re.compile(r"^V(\d{3,})__([a-z0-9_]+)(?:\.([a-z]+))?\.sql$")
_LOCK = ("guichet", "schema-migrations")

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class MigrationError(StorageError):
    """The database's schema history does not match the code's migrations."""


class SchemaTooNewError(MigrationError):
    def __init__(self, database_version: int, code_version: int) -> None:
        super().__init__(
            f"database schema is at version {database_version}, but this code only knows "
            f"up to version {code_version}: run a newer Guichet, or restore a backup"
        )
        self.database_version = database_version
        self.code_version = code_version


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    engine: Engine | None = None  # None: the plain file, for every engine without a variant

    @property
    def file_name(self) -> str:
        suffix = f".{self.engine.value}" if self.engine else ""
        return f"V{self.version:03d}__{self.name}{suffix}.sql"

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()

    def statements(self) -> list[str]:
        """Split on statement boundaries as SQLite sees them (triggers stay whole)."""
        out: list[str] = []
        buffer = ""
        for line in self.sql.splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                if buffer.strip():
                    out.append(buffer.strip())
                buffer = ""
        if buffer.strip() and not _only_comments(buffer):
            raise MigrationError(f"V{self.version:03d}: unterminated statement: {buffer!r}")
        return out


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("--") for ln in text.splitlines())


def load_migrations(
    engine: Engine = Engine.SQLITE, package: str = "bot.storage.migrations"
) -> list[Migration]:
    """The migrations ``engine`` runs, in order: each version's variant for that engine,
    else its plain file. Every engine must have one for every version."""
    by_version = _files_by_version(package)
    chosen: list[Migration] = []
    for version, files in sorted(by_version.items()):
        names = {m.name for m in files.values()}
        if len(names) > 1:
            raise MigrationError(
                f"V{version:03d}: one name for all its files, found {sorted(names)}"
            )
        for each in Engine:
            if each not in files and None not in files:
                raise MigrationError(
                    f"V{version:03d}: no migration for {each.value} "
                    f"(add V{version:03d}__{min(names)}.sql or a .{each.value}.sql variant)"
                )
        chosen.append(files.get(engine) or files[None])
    versions = [m.version for m in chosen]
    if versions != list(range(1, len(chosen) + 1)):
        raise MigrationError(f"migrations must be numbered 1..n without gaps: {versions}")
    return chosen


def _files_by_version(package: str) -> dict[int, dict[Engine | None, Migration]]:
    found: dict[int, dict[Engine | None, Migration]] = {}
    for entry in resources.files(package).iterdir():
        match = _FILE.match(entry.name)
        if not match:
            if entry.name.endswith(".sql"):
                raise MigrationError(f"migration file name not understood: {entry.name}")
            continue
        try:
            engine = Engine(match[3]) if match[3] else None
        except ValueError:
            raise MigrationError(f"unknown engine in migration file name: {entry.name}") from None
        version = int(match[1])
        sql = entry.read_text(encoding="utf-8")
        same = found.setdefault(version, {})
        if engine in same:
            # Two branches that took the same free number: one would silently replace the other.
            raise MigrationError(f"two migrations numbered {version}: take the next free number")
        same[engine] = Migration(version, match[2], sql, engine)
    return found


# SQLite-only SQL that a plain migration must not use when PostgreSQL runs it as is.
_NOT_PORTABLE = (
    (re.compile(r"\bINTEGER\b", re.IGNORECASE), "INTEGER is 32 bits on PostgreSQL: use BIGINT"),
    (re.compile(r"\bAUTOINCREMENT\b", re.IGNORECASE), "AUTOINCREMENT is SQLite's"),
    (
        re.compile(r"\b(json_valid|json_object|json_extract|datetime|strftime)\s*\(", re.I),
        "a SQLite function",
    ),
    (
        re.compile(r"\b(\w+_at|at)\s+TEXT\b", re.IGNORECASE),
        "a time stored as TEXT: PostgreSQL stores times as TIMESTAMPTZ (add a variant)",
    ),
)


def portability_problems(migration: Migration) -> list[str]:
    """Why a plain migration is not fit to run unchanged on PostgreSQL (empty: it is)."""
    code = "\n".join(line.split("--", 1)[0] for line in migration.sql.splitlines())
    return [
        f"{migration.file_name}: {why} ({match[0]!r})"
        for pattern, why in _NOT_PORTABLE
        for match in pattern.finditer(code)
    ]


async def current_version(db: Database) -> int:
    return int(await db.fetch_value("SELECT coalesce(max(version), 0) FROM schema_version"))


async def migrate(db: Database, migrations: list[Migration] | None = None) -> int:
    """Apply what is missing; return the resulting version."""
    migrations = load_migrations(db.engine) if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    async with db.transaction():
        await db.serialize(*_LOCK)
        await db.execute(_CREATE_VERSION_TABLE)
    for migration in migrations:
        async with db.transaction():
            await db.serialize(*_LOCK)
            applied = {
                row["version"]: row["checksum"]
                for row in await db.fetch_all("SELECT version, checksum FROM schema_version")
            }
            newest = max(applied, default=0)
            if newest > latest:
                raise SchemaTooNewError(newest, latest)
            if migration.version in applied:
                if applied[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"migration V{migration.version:03d} ({migration.name}) changed "
                        "after it was applied to this database"
                    )
                continue
            for statement in migration.statements():
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_version (version, name, checksum, applied_at) "
                "VALUES (?, ?, ?, ?)",
                (migration.version, migration.name, migration.checksum, time_to_db(db.now())),
            )
    # Also refuse a newer database when there was nothing to apply at all.
    version = await current_version(db)
    if version > latest:
        raise SchemaTooNewError(version, latest)
    return version
