from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import Database, DatabaseTarget


class FakeClock:
    """A settable UTC clock, so time-dependent rows are deterministic."""

    def __init__(self) -> None:
        self.value = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> datetime:
        self.value += timedelta(**kwargs)
        return self.value


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
