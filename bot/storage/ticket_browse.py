"""The staff dashboard's reads: a filtered, sorted, keyset-paged ticket list, counts per
status, and full-text search over transcripts (SQLite FTS5, PostgreSQL tsvector).

Each sort walks an index of migration V011 in order (``guild_id`` first, then the sort key and
the number), so a page reads about a page of rows at any depth; the search matches the index
and highlights only the page's rows.
"""

from __future__ import annotations

from typing import Any

from bot.domain.ticket_browse import (
    MARK_END,
    MARK_START,
    BrowseFilter,
    Cursor,
    SearchHit,
    Sort,
    TicketPage,
    split_marked,
)
from bot.domain.tickets import TicketStatus
from bot.storage.codec import time_from_db, time_to_db
from bot.storage.database import Database
from bot.storage.targets import Engine
from bot.storage.ticket_rows import COLUMNS, ticket_from_row

_T_COLUMNS = ", ".join(f"t.{c.strip()}" for c in COLUMNS.split(","))
RANK = "(CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END)"
# Transcript ids a PostgreSQL search looks at first (see _search_postgres).
SEARCH_WINDOW = 1024
_ORDER = {
    Sort.NEWEST: "number DESC",
    Sort.OLDEST: "number ASC",
    Sort.PRIORITY: f"{RANK} DESC, number DESC",
    Sort.CLOSED: "closed_at DESC, number DESC",
}


def _in(column: str, values: frozenset[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' * len(values))})", sorted(values)


def where(
    guild_id: int, f: BrowseFilter, prefix: str = "", *, deleted: bool = False
) -> tuple[str, list[Any]]:
    """``deleted``: tickets whose channel was deleted count too (their transcripts stay)."""
    p = prefix
    clauses = [f"{p}guild_id = ?", f"{p}creation = 'active'"]
    if not deleted:
        clauses.append(f"{p}deleted_at IS NULL")
    params: list[Any] = [guild_id]
    for column, values in (
        ("status", f.statuses),
        ("priority", f.priorities),
        ("system_id", f.visible_systems),
    ):
        if values:
            clause, more = _in(p + column, values)
            clauses.append(clause)
            params += more
    if f.claims_hide_in and f.viewer_id is not None:
        clause, more = _in(p + "system_id", f.claims_hide_in)
        clauses.append(f"NOT ({clause} AND {p}claimed_by IS NOT NULL AND {p}claimed_by != ?)")
        params += [*more, f.viewer_id]
    if f.claimed_by == 0:  # 0: claimed by nobody
        clauses.append(f"{p}claimed_by IS NULL")
    for column, value in (
        ("system_id", f.system_id),
        ("topic_id", f.topic_id),
        ("claimed_by", f.claimed_by or None),
        ("opener_id", f.opener_id),
    ):
        if value is not None:
            clauses.append(f"{p}{column} = ?")
            params.append(value)
    for column, op, when in (
        ("created_at", ">=", f.opened_from),
        ("created_at", "<", f.opened_to),
        ("closed_at", ">=", f.closed_from),
        ("closed_at", "<", f.closed_to),
    ):
        if when is not None:
            clauses.append(f"{p}{column} {op} ?")
            params.append(time_to_db(when))
    return " AND ".join(clauses), params


class TicketBrowser:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def page(
        self,
        guild_id: int,
        filters: BrowseFilter,
        *,
        sort: Sort = Sort.NEWEST,
        after: Cursor | None = None,
        limit: int = 25,
        with_counts: bool = True,
    ) -> TicketPage:
        """``with_counts=False``: the rows alone (the counts are most of a page's cost)."""
        clause, params = where(guild_id, filters)
        if sort is Sort.CLOSED:
            clause += " AND closed_at IS NOT NULL"
        if after is not None:
            keyset, more = _keyset(sort, after)
            if keyset:
                clause += f" AND {keyset}"
                params += more
        rows = await self._db.fetch_all(
            f"SELECT {COLUMNS} FROM tickets WHERE {clause} "  # noqa: S608 - columns are ours
            f"ORDER BY {_ORDER[sort]} LIMIT ?",
            (*params, limit + 1),
        )
        tickets = tuple(ticket_from_row(r) for r in rows[:limit])
        more_rows = len(rows) > limit and tickets
        next_cursor = Cursor.after(tickets[-1], sort) if more_rows else None
        counts = await self.counts(guild_id, filters) if with_counts else {}
        return TicketPage(tickets, next_cursor, counts)

    async def counts(self, guild_id: int, filters: BrowseFilter) -> dict[TicketStatus, int]:
        """Tickets per status under every filter but the status one (the tabs' figures)."""
        clause, params = where(guild_id, filters.without_statuses())
        rows = await self._db.fetch_all(
            f"SELECT status, count(*) AS n FROM tickets WHERE {clause} GROUP BY status",  # noqa: S608
            params,
        )
        found = {TicketStatus(r["status"]): int(r["n"]) for r in rows}
        return {s: found.get(s, 0) for s in TicketStatus}

    async def search(
        self,
        guild_id: int,
        terms: list[str],
        *,
        visible_systems: frozenset[str] = frozenset(),
        hidden_claims: tuple[frozenset[str], int] | None = None,
        before_transcript: int | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Transcripts of the guild holding every term (the last one as a prefix), newest
        first, deleted tickets' included; ``before_transcript`` pages."""
        if not terms:
            return []
        systems, viewer = hidden_claims or (frozenset(), None)
        visible = BrowseFilter(
            visible_systems=visible_systems, claims_hide_in=systems, viewer_id=viewer
        )
        clause, params = where(guild_id, visible, "t.", deleted=True)
        if self._db.engine is Engine.POSTGRESQL:
            rows = await self._search_postgres(terms, clause, params, limit, before_transcript)
        else:
            if before_transcript is not None:
                clause += " AND tr.id < ?"
                params.append(before_transcript)
            rows = await self._search_sqlite(terms, clause, params, limit)
        return [
            SearchHit(
                ticket=ticket_from_row(r),
                transcript_id=int(r["transcript_id"]),
                created_at=time_from_db(r["transcript_at"]),
                passage=split_marked(r["passage"] or ""),
            )
            for r in rows
        ]

    async def _search_sqlite(
        self, terms: list[str], clause: str, params: list[Any], limit: int
    ) -> list[Any]:
        # Each term quoted (an FTS5 string: no operator can get in), the last as a prefix.
        match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
        return await self._db.fetch_all(
            f"SELECT {_T_COLUMNS}, tr.id AS transcript_id, tr.created_at AS transcript_at, "  # noqa: S608
            "snippet(transcripts_fts, 0, ?, ?, '…', 24) AS passage "
            "FROM transcripts_fts JOIN transcripts tr ON tr.id = transcripts_fts.rowid "
            "JOIN tickets t ON t.id = tr.ticket_id "
            # In the index's own rowid order: no sort, so the passage is made only for the
            # rows returned (a sorter would make one for every match first).
            f"WHERE transcripts_fts MATCH ? AND {clause} "
            "ORDER BY transcripts_fts.rowid DESC LIMIT ?",
            (MARK_START, MARK_END, match.strip(), *params, limit),
        )

    async def _search_postgres(
        self, terms: list[str], clause: str, params: list[Any], limit: int, before: int | None
    ) -> list[Any]:
        """Newest matches first, looked for in a window of recent transcript ids that grows
        until the page is full: a common word fills it from the newest few thousand (the GIN
        index and the id range are combined, so older matches are never read), a rare one
        costs a few index lookups. Terms are letters and digits only (search_terms), joined
        as a tsquery; the headline is computed for the page's rows only."""
        query = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        if before is None:
            before = await self._db.fetch_value("SELECT coalesce(max(id), 0) + 1 FROM transcripts")
        upper, span = int(before), SEARCH_WINDOW
        while True:
            lower = max(upper - span, 0)
            rows = await self._db.fetch_all(
                f"SELECT {_T_COLUMNS}, tr.id AS transcript_id, "  # noqa: S608
                "tr.created_at AS transcript_at, "
                "ts_headline('simple', tr.text, to_tsquery('simple', ?), ?) AS passage "
                "FROM (WITH found AS MATERIALIZED (SELECT id, ticket_id FROM transcripts "
                "WHERE to_tsvector('simple', text) @@ to_tsquery('simple', ?) "
                "AND id >= ? AND id < ?) "
                "SELECT found.id FROM found JOIN tickets t ON t.id = found.ticket_id "
                f"WHERE {clause} "
                "ORDER BY found.id DESC LIMIT ?) hits "
                "JOIN transcripts tr ON tr.id = hits.id JOIN tickets t ON t.id = tr.ticket_id "
                "ORDER BY tr.id DESC",
                (query, options, query, lower, upper, *params, limit),
            )
            if len(rows) >= limit or lower == 0:
                return rows
            span *= 8


def _keyset(sort: Sort, after: Cursor) -> tuple[str, list[Any]]:
    if sort is Sort.NEWEST:
        return "number < ?", [after.number]
    if sort is Sort.OLDEST:
        return "number > ?", [after.number]
    if sort is Sort.PRIORITY:
        if not after.value.isdigit():
            return "", []
        rank = int(after.value)
        return f"({RANK} < ? OR ({RANK} = ? AND number < ?))", [rank, rank, after.number]
    try:
        closed = time_to_db(time_from_db(after.value))
    except ValueError:
        return "", []
    return "(closed_at < ? OR (closed_at = ? AND number < ?))", [closed, closed, after.number]
