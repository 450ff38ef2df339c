-- PostgreSQL variant of V015__panel_inputs.sql: a BIGINT snowflake and a TIMESTAMPTZ time.
CREATE TABLE panel_inputs (
    guild_id     BIGINT      NOT NULL PRIMARY KEY,
    inputs_hash  TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
