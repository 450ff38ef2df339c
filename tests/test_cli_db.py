"""`guichet db status | copy` and the database start-up errors, run as an operator would:
subprocesses, in English and in French, never a traceback, never a password."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.storage import Database, TicketRepository, parse_target
from bot.storage.schema import load_migrations
from tests.storage.test_copy import _dump, _fill

REPO = Path(__file__).resolve().parents[1]
FRENCH = "fr_FR.UTF-8"


def guichet(*args: str, env: dict[str, str], lang: str = "C") -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=REPO,
        env=base | {"LANG": lang} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: nothing listens there


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("C", "does not answer"), (FRENCH, "ne répond pas")],
)
def test_an_unreachable_server_is_one_localized_line(lang: str, expected: str) -> None:
    url = f"postgresql://guichet:hunter2@127.0.0.1:{_closed_port()}/guichet"
    env = {"GUICHET_DATABASE": url, "GUICHET_DATABASE_TIMEOUT": "2"}
    for command in (("plan",), ("db", "status")):
        result = guichet(*command, env=env, lang=lang)
        assert result.returncode == 1
        assert expected in result.stderr
        assert "postgresql://guichet:***@127.0.0.1" in result.stderr
        assert "hunter2" not in result.stderr + result.stdout


@pytest.mark.parametrize("value", ["mysql://x@y/z", "postgresql://x@y:port/z"])
def test_a_database_setting_that_names_nothing_usable_is_refused(value: str) -> None:
    result = guichet("db", "status", env={"GUICHET_DATABASE": value})
    assert result.returncode == 1
    assert "GUICHET_DATABASE" in result.stderr


def test_bad_pool_settings_are_refused() -> None:
    for name, value in (("GUICHET_DATABASE_POOL_SIZE", "0"), ("GUICHET_DATABASE_TIMEOUT", "soon")):
        result = guichet("db", "status", env={name: value})
        assert result.returncode == 1
        assert name in result.stderr


@pytest.mark.postgresql
@pytest.mark.parametrize(("lang", "expected"), [("C", "newer Guichet"), (FRENCH, "plus récente")])
def test_a_newer_schema_is_refused_in_the_readers_language(
    postgres_schema_url: str, lang: str, expected: str
) -> None:
    async def from_the_future() -> None:
        db = await Database.open(parse_target(postgres_schema_url))
        await db.execute(
            "INSERT INTO schema_version VALUES (999, 'future', 'x', '2030-01-01T00:00:00')"
        )
        await db.close()

    asyncio.run(from_the_future())
    for command in (("plan",), ("db", "status")):
        result = guichet(*command, env={"GUICHET_DATABASE": postgres_schema_url}, lang=lang)
        assert result.returncode == 1
        assert expected in result.stderr and "999" in result.stderr


@pytest.mark.postgresql
def test_wrong_credentials_are_one_clear_line(postgres_database: str) -> None:
    parts = urlsplit(postgres_database)
    wrong = urlunsplit(parts._replace(path="/no_such_database_here"))
    result = guichet("db", "status", env={"GUICHET_DATABASE": wrong})
    assert result.returncode == 1
    assert "no_such_database_here" in result.stderr


@pytest.mark.postgresql
def test_copy_moves_a_sqlite_bot_to_postgresql(tmp_path: Path, postgres_schema_url: str) -> None:
    sqlite = tmp_path / "guichet.sqlite3"

    async def fill() -> None:
        db = await Database.open(sqlite)
        await _fill(db)
        await db.close()

    asyncio.run(fill())
    env = {"GUICHET_DATABASE": postgres_schema_url}

    status = guichet("db", "status", env=env)
    assert status.returncode == 0, status.stderr
    known = load_migrations(parse_target(postgres_schema_url).engine)[-1].version
    assert f"schema version 0, this Guichet knows up to {known}" in status.stdout

    copied = guichet("db", "copy", str(sqlite), env=env)
    assert copied.returncode == 0, copied.stderr
    assert "tickets: 2 rows" in copied.stdout
    assert "Point GUICHET_DATABASE at" in copied.stdout

    again = guichet("db", "copy", str(sqlite), env=env, lang=FRENCH)
    assert again.returncode == 1
    assert "contient déjà des données" in again.stderr

    async def compare() -> None:
        source = await Database.open(sqlite)
        target = await Database.open(parse_target(postgres_schema_url))
        try:
            assert await _dump(target) == await _dump(source)
            assert (
                await TicketRepository(target).get_by_number(1234567890123456789, 3)
            ) is not None
        finally:
            await source.close()
            await target.close()

    asyncio.run(compare())


def test_copy_refuses_the_same_database_and_a_missing_target(tmp_path: Path) -> None:
    path = str(tmp_path / "a.sqlite3")
    same = guichet("db", "copy", path, path, env={})
    assert same.returncode == 2 and "both the source and the target" in same.stderr
    missing = guichet("db", "copy", path, env={})
    assert missing.returncode == 2 and "GUICHET_DATABASE" in missing.stderr
