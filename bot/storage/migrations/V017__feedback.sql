-- The member's summary on close and their rating (issue 15). `close_summaries`: how the
-- opener was told of a ticket's latest close (by DM, in the kept ticket, or not at all:
-- DMs closed and the ticket deleted), for the log line and `/ticket info`; one row per
-- ticket, replaced when a reopened ticket closes again. `ticket_ratings`: the one rating a
-- ticket keeps; the primary key makes the first submission win. Times are ISO-8601 text
-- here; the PostgreSQL variant keeps them as TIMESTAMPTZ.
CREATE TABLE close_summaries (
    ticket_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    closed_at  TEXT    NOT NULL,           -- the close it told
    delivery   TEXT    NOT NULL,           -- 'dm' | 'channel' | 'none'
    channel_id BIGINT,                     -- where it was posted (the DM or the ticket)
    message_id BIGINT,
    sent_at    TEXT    NOT NULL
);
CREATE TABLE ticket_ratings (
    ticket_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    guild_id   BIGINT  NOT NULL,
    member_id  BIGINT  NOT NULL,
    stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment    TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX ticket_ratings_guild ON ticket_ratings (guild_id, created_at);
