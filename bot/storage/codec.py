"""Conversions between Python values and what the schema stores.

Times: ISO-8601 UTC text with microseconds, always the same width, so SQL can compare
and sort them as text. Naive datetimes are refused rather than guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any


def time_to_db(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime refused (use timezone-aware UTC): {value!r}")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def optional_time_to_db(value: datetime | None) -> str | None:
    return None if value is None else time_to_db(value)


def time_from_db(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def optional_time_from_db(value: str | None) -> datetime | None:
    return None if value is None else time_from_db(value)


def answers_to_db(answers: Iterable[tuple[str, str]]) -> str:
    # A list of pairs, not an object: question order survives (PostgreSQL jsonb sorts keys).
    return json.dumps([[q, a] for q, a in answers], ensure_ascii=False)


def answers_from_db(value: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(q), str(a)) for q, a in json.loads(value))


def data_to_db(data: dict[str, Any] | None) -> str:
    return json.dumps(data or {}, ensure_ascii=False, sort_keys=True)


def data_from_db(value: str) -> dict[str, Any]:
    return dict(json.loads(value))
