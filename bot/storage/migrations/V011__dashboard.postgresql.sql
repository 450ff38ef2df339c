-- The staff dashboard (issue 18); see V011__dashboard.sql for the why of each index.
CREATE INDEX tickets_guild_priority_rank ON tickets (
    guild_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END),
    number
);
CREATE INDEX tickets_guild_closed ON tickets (guild_id, closed_at, number);
CREATE INDEX tickets_guild_claimed ON tickets (guild_id, claimed_by, number);
CREATE INDEX tickets_guild_topic ON tickets (guild_id, system_id, topic_id, number);
CREATE INDEX tickets_guild_created ON tickets (guild_id, created_at);

-- An expression index rather than a stored tsvector column: the table keeps the same columns
-- on both engines (guichet db copy compares them). 'simple': no language's stemming, since a
-- server's transcripts mix languages; queries use the same expression.
CREATE INDEX transcripts_search ON transcripts USING gin (to_tsvector('simple', text));
