"""Numbered SQL migrations: ``migrations/V<number>__<name>.sql``, applied in order.

Each file runs in its own transaction together with its ``schema_version`` row, so a
crash leaves the database at the previous version, and re-opening applies only what is
missing. Two processes opening a fresh file at once are serialised by BEGIN IMMEDIATE
(the second re-reads the applied versions inside its transaction and finds nothing to do).
A recorded checksum catches a migration edited after it shipped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from bot.storage.codec import time_to_db

if TYPE_CHECKING:
    from bot.storage.database import Database

_FILE = re.compile(r"^V(\d{3,})__([a-z0-9_]+)\.sql$")

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class MigrationError(RuntimeError):
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


def load_migrations(package: str = "bot.storage.migrations") -> list[Migration]:
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
        elif entry.name.endswith(".sql"):
            raise MigrationError(f"migration file name not understood: {entry.name}")
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"migrations must be numbered 1..n without gaps: {versions}")
    return found


async def current_version(db: Database) -> int:
    return int(await db.fetch_value("SELECT coalesce(max(version), 0) FROM schema_version"))


async def migrate(db: Database, migrations: list[Migration] | None = None) -> int:
    """Apply what is missing; return the resulting version."""
    migrations = load_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    await db.execute(_CREATE_VERSION_TABLE)
    for migration in migrations:
        async with db.transaction():
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
