"""Rows of many guilds in a few statements.

A start at 1,000 servers read its records one guild at a time: the panels, the declared
resources (three times), the open tickets without a timer and those with a live channel,
thousands of queries in all (each a round trip on PostgreSQL). These read the same rows in
one statement per few hundred guilds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.storage.database import Database, Row

# Bound values per statement stay far below SQLite's limit (32,766) and PostgreSQL's (65,535).
GUILDS_PER_STATEMENT = 500


async def fetch_for_guilds(
    db: Database,
    select: str,
    guild_ids: Iterable[int],
    *,
    order_by: str,
    column: str = "guild_id",
    where: str = "",
    params: Sequence[object] = (),
) -> list[Row]:
    """``select`` (constant SQL, no WHERE) for the rows whose ``column`` is one of
    ``guild_ids``, and ``where`` (constant SQL, its values in ``params``) if given, in
    ``order_by`` within each statement (whole guilds per statement)."""
    ids = sorted(set(guild_ids))
    rows: list[Row] = []
    for start in range(0, len(ids), GUILDS_PER_STATEMENT):
        chunk = ids[start : start + GUILDS_PER_STATEMENT]
        marks = ", ".join("?" for _ in chunk)
        condition = f"{where} AND " if where else ""
        sql = f"{select} WHERE {condition}{column} IN ({marks}) ORDER BY {order_by}"
        rows += await db.fetch_all(sql, (*params, *chunk))
    return rows
