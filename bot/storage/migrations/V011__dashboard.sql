-- The staff dashboard (issue 18): a server's ticket list stays fast at 100,000 tickets
-- (each filter and sort walks an index in number order, so a keyset page reads ~a page of
-- rows), and transcripts are searched by their words (FTS5; PostgreSQL: tsvector).

-- Sort "priority": urgent first, then newest. The same CASE expression is in the queries
-- (bot/storage/ticket_browse.py), which is what lets SQLite use this index.
CREATE INDEX tickets_guild_priority_rank ON tickets (
    guild_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END),
    number
);
CREATE INDEX tickets_guild_closed ON tickets (guild_id, closed_at, number);
CREATE INDEX tickets_guild_claimed ON tickets (guild_id, claimed_by, number);
CREATE INDEX tickets_guild_topic ON tickets (guild_id, system_id, topic_id, number);
CREATE INDEX tickets_guild_created ON tickets (guild_id, created_at);

-- External-content FTS5 over transcripts.text, kept in step by triggers; diacritics folded
-- so "facture" finds "facturé".
CREATE VIRTUAL TABLE transcripts_fts USING fts5(
    text, content = 'transcripts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO transcripts_fts (rowid, text) SELECT id, text FROM transcripts;
CREATE TRIGGER transcripts_fts_insert AFTER INSERT ON transcripts BEGIN
    INSERT INTO transcripts_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER transcripts_fts_delete AFTER DELETE ON transcripts BEGIN
    INSERT INTO transcripts_fts (transcripts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER transcripts_fts_update AFTER UPDATE OF text ON transcripts BEGIN
    INSERT INTO transcripts_fts (transcripts_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO transcripts_fts (rowid, text) VALUES (new.id, new.text);
END;
