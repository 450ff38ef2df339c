from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Database, DatabaseTarget
from tests.clocks import FakeClock

__all__ = ["FakeClock"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file, for the tests about SQLite itself."""
    return tmp_path / "data" / "guichet.sqlite3"


@pytest.fixture
async def db(database_target: DatabaseTarget, clock: FakeClock) -> AsyncIterator[Database]:
    """The repositories' database, once on SQLite and once on PostgreSQL."""
    database = await Database.open(database_target, clock=clock)
    yield database
    await database.close()
