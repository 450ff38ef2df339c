-- The dashboard's list at 100,000 tickets (issue 18), measured with bench/dashboard_bench.py:
-- V011's indexes give way to partial ones on live tickets (made, not deleted), the only
-- tickets the list shows. bot/storage/ticket_browse.py repeats that predicate literally, so
-- each sort walks its index in order (a keyset page reads about a page of rows at any depth)
-- and the counts per status read tickets_live_counts alone, never the table.
DROP INDEX tickets_guild_priority_rank;
DROP INDEX tickets_guild_closed;
DROP INDEX tickets_guild_claimed;
DROP INDEX tickets_guild_topic;
DROP INDEX tickets_guild_created;
CREATE INDEX tickets_live_number ON tickets (guild_id, number)
    WHERE creation = 'active' AND deleted_at IS NULL;
CREATE INDEX tickets_live_status ON tickets (guild_id, status, number)
    WHERE creation = 'active' AND deleted_at IS NULL;
-- The counts per status under the other filters, read from this index alone.
CREATE INDEX tickets_live_counts ON tickets (guild_id, status, priority, system_id, topic_id,
    claimed_by) WHERE creation = 'active' AND deleted_at IS NULL;
-- Sort "priority": urgent first, then newest (the same CASE expression as the queries).
CREATE INDEX tickets_live_priority ON tickets (
    guild_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END),
    number
) WHERE creation = 'active' AND deleted_at IS NULL;
CREATE INDEX tickets_live_closed ON tickets (guild_id, closed_at, number)
    WHERE creation = 'active' AND deleted_at IS NULL;
CREATE INDEX tickets_live_claimed ON tickets (guild_id, claimed_by, number)
    WHERE creation = 'active' AND deleted_at IS NULL;
CREATE INDEX tickets_live_topic ON tickets (guild_id, system_id, topic_id, number)
    WHERE creation = 'active' AND deleted_at IS NULL;
CREATE INDEX tickets_live_created ON tickets (guild_id, created_at)
    WHERE creation = 'active' AND deleted_at IS NULL;

