-- PostgreSQL variant of V017__feedback.sql: times are TIMESTAMPTZ.
CREATE TABLE close_summaries (
    ticket_id  BIGINT      NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    closed_at  TIMESTAMPTZ NOT NULL,
    delivery   TEXT        NOT NULL,
    channel_id BIGINT,
    message_id BIGINT,
    sent_at    TIMESTAMPTZ NOT NULL
);
CREATE TABLE ticket_ratings (
    ticket_id  BIGINT      NOT NULL PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    guild_id   BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    stars      INTEGER     NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment    TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_ratings_guild ON ticket_ratings (guild_id, created_at);
