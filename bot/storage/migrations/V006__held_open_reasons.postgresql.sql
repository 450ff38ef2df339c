-- PostgreSQL variant of V006__held_open_reasons.sql: times are TIMESTAMPTZ, as in every
-- other PostgreSQL table (the plain file keeps them as ISO-8601 text, SQLite's way).
CREATE TABLE held_open_reasons (
    hold_key   TEXT        PRIMARY KEY,
    guild_id   BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    system_id  TEXT        NOT NULL,
    topic_id   TEXT        NOT NULL,
    reason     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX held_open_reasons_created ON held_open_reasons (created_at);
