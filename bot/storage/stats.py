"""What ``/ticket stats`` reads: each ticket's times and handler, with its first claim."""

from __future__ import annotations

from datetime import datetime

from bot.domain.stats import TicketTimes
from bot.storage.codec import optional_time_from_db, time_from_db, time_to_db
from bot.storage.database import Database

# A ticket counts when it was opened or closed since the period's start. The first claim
# is the earliest "claimed" event of its history.
_TIMES = (
    "SELECT t.system_id, t.created_at, t.closed_at, "
    "COALESCE(t.claimed_by, t.closed_by) AS handler_id, "
    "(SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'claimed') "
    "AS first_claim_at "
    "FROM tickets t WHERE t.guild_id = ? AND t.creation = 'active'"
)


async def ticket_times(
    db: Database,
    guild_id: int,
    *,
    since: datetime | None,
    system_ids: frozenset[str],
    handler_id: int | None = None,
) -> list[TicketTimes]:
    sql, params = _TIMES, [guild_id]
    if since is not None:
        sql += " AND (t.created_at >= ? OR t.closed_at >= ?)"
        params += [time_to_db(since), time_to_db(since)]
    if handler_id is not None:
        sql += " AND (t.claimed_by = ? OR t.closed_by = ?)"
        params += [handler_id, handler_id]
    rows = await db.fetch_all(sql, params)
    return [
        TicketTimes(
            system_id=r["system_id"],
            created_at=time_from_db(r["created_at"]),
            closed_at=optional_time_from_db(r["closed_at"]),
            first_claim_at=optional_time_from_db(r["first_claim_at"]),
            handler_id=r["handler_id"],
        )
        for r in rows
        if not system_ids or r["system_id"] in system_ids
    ]
