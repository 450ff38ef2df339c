"""The list's filters from a query string, and back: each bad value is a localized problem
shown beside the filters (the list still shows, without that filter)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config.specs import ServerSpec
from bot.domain.ticket_browse import BrowseFilter, Cursor, Sort
from bot.domain.tickets import Priority, TicketStatus

MAX_SNOWFLAKE = (1 << 63) - 1


@dataclass(frozen=True, slots=True)
class ListForm:
    filters: BrowseFilter
    sort: Sort
    after: Cursor | None
    values: Mapping[str, Any]  # what the form shows back
    problems: tuple[str, ...] = field(default=())  # Fluent ids


def _date(raw: str) -> datetime | None:
    try:
        return datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _user(raw: str) -> int | None:
    raw = raw.strip().removeprefix("<@").removesuffix(">").lstrip("!")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= MAX_SNOWFLAKE else None


def parse_list(query: Any, server: ServerSpec, viewer_id: int) -> ListForm:
    problems: list[str] = []
    statuses = frozenset(TicketStatus(s) for s in query.getall("status", []) if s in _STATUSES)
    priorities = frozenset(Priority(p) for p in query.getall("priority", []) if p in _PRIORITIES)
    system_id = topic_id = None
    topic = query.get("topic", "")
    if topic:
        system_id, _, topic_id = topic.partition(":")
        system = server.system(system_id)
        if system is None or (topic_id and system.topic(topic_id) is None):
            problems.append("web-filter-bad-topic")
            system_id = topic_id = None
        topic_id = topic_id or None
    claimed_by: int | None = None
    claimed = query.get("claimed", "").strip()
    if claimed == "me":
        claimed_by = viewer_id
    elif claimed == "none":
        claimed_by = 0
    elif claimed:
        claimed_by = _user(claimed)
        if claimed_by is None:
            problems.append("web-filter-bad-user")
    opener_id: int | None = None
    opener = query.get("opener", "").strip()
    if opener:
        opener_id = _user(opener)
        if opener_id is None:
            problems.append("web-filter-bad-user")
    dates: dict[str, datetime | None] = {}
    for name in ("opened_from", "opened_to", "closed_from", "closed_to"):
        raw = query.get(name, "").strip()
        dates[name] = _date(raw) if raw else None
        if raw and dates[name] is None:
            problems.append("web-filter-bad-date")
    # "to" dates are inclusive on the form: the whole day counts.
    for name in ("opened_to", "closed_to"):
        if dates[name] is not None:
            dates[name] = dates[name] + timedelta(days=1)  # type: ignore[operator]
    sort_raw = query.get("sort", Sort.NEWEST.value)
    sort = Sort(sort_raw) if sort_raw in _SORTS else Sort.NEWEST
    filters = BrowseFilter(
        statuses=statuses,
        priorities=priorities,
        system_id=system_id,
        topic_id=topic_id,
        claimed_by=claimed_by,
        opener_id=opener_id,
        opened_from=dates["opened_from"],
        opened_to=dates["opened_to"],
        closed_from=dates["closed_from"],
        closed_to=dates["closed_to"],
    )
    values = {
        "status": {s.value for s in statuses},
        "priority": {p.value for p in priorities},
        "topic": topic if system_id else "",
        "claimed": claimed,
        "opener": opener,
        "sort": sort.value,
        **{name: query.get(name, "") for name in dates},
    }
    return ListForm(
        filters, sort, Cursor.decode(query.get("after")), values, tuple(dict.fromkeys(problems))
    )


def query_without(query: Any, *names: str, **more: str) -> str:
    """The query string with ``names`` dropped and ``more`` set (pagination, status tabs)."""
    from urllib.parse import urlencode

    pairs = [(k, v) for k, v in query.items() if k not in names and k not in more]
    pairs += [(k, v) for k, v in more.items() if v]
    return urlencode(pairs)


_STATUSES = {s.value for s in TicketStatus}
_PRIORITIES = {p.value for p in Priority}
_SORTS = {s.value for s in Sort}
