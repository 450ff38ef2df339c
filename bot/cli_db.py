"""``guichet db status | copy``: look at the bot's database, and move its data to another one.

A PostgreSQL password is best kept out of the command line (other users of the machine see
it in the process list): the target of ``copy`` defaults to ``GUICHET_DATABASE``, and asyncpg
also reads ``PGPASSWORD`` and ``~/.pgpass`` like libpq.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.logs import setup_logging
from bot.runtime import StartupError, open_database
from bot.settings import Settings, SettingsError
from bot.storage import Database, DatabaseTarget, Engine, SchemaTooNewError, StorageError
from bot.storage.copy import CopyError, TableCopy, copy_database
from bot.storage.schema import load_migrations
from bot.storage.targets import TargetError, parse_target

Texts = Callable[..., str]


def _say(message: str) -> None:
    sys.stdout.write(message + "\n")


def _complain(message: str) -> None:
    sys.stderr.write(message + "\n")


def _target(value: str | None, settings: Settings, name: str) -> DatabaseTarget:
    """The database named by the argument ``name`` (as its usage line shows it)."""
    if value is None:
        return settings.database_for(sandbox=False)
    try:
        return parse_target(value)
    except TargetError as exc:
        raise SettingsError.from_problem(name, exc) from None


def _same_place(a: DatabaseTarget, b: DatabaseTarget) -> bool:
    if a.engine is Engine.SQLITE and b.engine is Engine.SQLITE:
        return Path(a.location).resolve() == Path(b.location).resolve()
    return a.location == b.location


def _guarded(command: Callable[[argparse.Namespace, Texts, Settings], int]) -> Any:
    """Settings and start-up problems (unreachable server, newer schema) are one clear line."""

    def run(args: argparse.Namespace, texts: Texts) -> int:
        try:
            settings = Settings.from_env()
        except SettingsError as exc:
            _complain(texts("run-settings-error", reason=exc.render(texts)))
            return 1
        setup_logging(settings.log_level, settings.log_format, settings.secrets)
        try:
            return command(args, texts, settings)
        except SettingsError as exc:
            _complain(texts("run-settings-error", reason=exc.render(texts)))
            return 1
        except StartupError as exc:
            _complain(texts(exc.msg_id, **exc.args_))
            return 1

    return run


# --- guichet db status ----------------------------------------------------------------------


def status(args: argparse.Namespace, texts: Texts, settings: Settings) -> int:
    target = _target(args.database, settings, "DATABASE")
    return asyncio.run(_status(target, texts, settings))


async def _status(target: DatabaseTarget, texts: Texts, settings: Settings) -> int:
    known = load_migrations(target.engine)[-1].version
    try:
        db = await Database.open(target, options=settings.database_options, migrate=False)
    except StorageError:
        db = await open_database(target, settings.database_options)  # the localized reason
    try:
        version = await _applied_version(db)
    finally:
        await db.close()
    _say(
        texts(
            "db-status",
            target=target.display(),
            engine=target.engine.value,
            version=version,
            known=known,
        )
    )
    if version > known:
        _complain(texts("run-database-too-new", path=target.display(), found=version, known=known))
        return 1
    if version < known:
        _say(texts("db-status-pending", count=known - version))
    return 0


async def _applied_version(db: Database) -> int:
    if "schema_version" not in await db.table_columns():
        return 0
    return int(await db.fetch_value("SELECT coalesce(max(version), 0) FROM schema_version"))


# --- guichet db copy ------------------------------------------------------------------------


def copy(args: argparse.Namespace, texts: Texts, settings: Settings) -> int:
    source = _target(args.source, settings, "SOURCE")
    if args.target is None and settings.database is None:
        _complain(texts("db-copy-no-target"))
        return 2
    target = _target(args.target, settings, "TARGET")
    if _same_place(source, target):
        _complain(texts("db-copy-same", target=target.display()))
        return 2
    return asyncio.run(_copy(source, target, texts, settings))


async def _copy(
    source_target: DatabaseTarget, target_target: DatabaseTarget, texts: Texts, settings: Settings
) -> int:
    names = {"source": source_target.display(), "target": target_target.display()}
    source = await open_database(source_target, settings.database_options)
    try:
        target = await open_database(target_target, settings.database_options)
        try:

            def progress(done: TableCopy) -> None:
                _say(texts("db-copy-table", table=done.table, rows=done.rows))

            copied = await copy_database(source, target, progress=progress)
        except CopyError as exc:
            _complain(texts(exc.code, **(names | exc.details)))
            return 1
        except SchemaTooNewError:  # pragma: no cover - open_database refused it already
            raise
        finally:
            await target.close()
    finally:
        await source.close()
    total = sum(c.rows for c in copied)
    _say(texts("db-copy-done", rows=total, tables=len(copied), **names))
    return 0


def add_commands(commands: Any, texts: Texts) -> None:
    """Register ``guichet db ...`` on the CLI's subparsers."""
    db = commands.add_parser("db", help=texts("db-help"))
    actions = db.add_subparsers(title=texts("cli-commands"), required=True)

    show = actions.add_parser("status", help=texts("db-status-help"))
    show.add_argument("database", nargs="?", help=texts("db-opt-database"))
    show.set_defaults(command=_guarded(status))

    move = actions.add_parser("copy", help=texts("db-copy-help"))
    move.add_argument("source", help=texts("db-copy-opt-source"))
    move.add_argument("target", nargs="?", help=texts("db-copy-opt-target"))
    move.set_defaults(command=_guarded(copy))
