-- PostgreSQL variant of V001__initial.sql: the same tables and constraints, with the
-- engine's own types (BIGINT snowflakes, TIMESTAMPTZ times; times travel as the same
-- ISO-8601 UTC text as in SQLite, see bot/storage/postgres.py).

CREATE TABLE panels (
    guild_id     BIGINT      NOT NULL,
    panel_id     TEXT        NOT NULL,
    channel_id   BIGINT      NOT NULL,
    message_id   BIGINT      NOT NULL,
    content_hash TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (guild_id, panel_id)
);

CREATE TABLE command_sync (
    scope        TEXT PRIMARY KEY,  -- "global" or a guild id
    payload_hash TEXT        NOT NULL,
    synced_at    TIMESTAMPTZ NOT NULL
);

-- last_value is the last number handed out; allocation is one UPSERT ... RETURNING.
CREATE TABLE counters (
    guild_id   BIGINT NOT NULL,
    name       TEXT   NOT NULL,
    last_value BIGINT NOT NULL CHECK (last_value >= 0),
    PRIMARY KEY (guild_id, name)
);
