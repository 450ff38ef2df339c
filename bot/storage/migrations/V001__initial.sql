-- What the bot created in Discord (issue 4: panels and command sync) and per-guild counters.
-- Times are ISO-8601 UTC text with microseconds ("2025-01-31T12:00:00.000000+00:00"):
-- fixed width, so text order is time order.

CREATE TABLE panels (
    guild_id     INTEGER NOT NULL,
    panel_id     TEXT    NOT NULL,
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    PRIMARY KEY (guild_id, panel_id)
);

CREATE TABLE command_sync (
    scope        TEXT PRIMARY KEY,  -- "global" or a guild id
    payload_hash TEXT NOT NULL,
    synced_at    TEXT NOT NULL
);

-- last_value is the last number handed out; allocation is one UPSERT ... RETURNING.
CREATE TABLE counters (
    guild_id   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    last_value INTEGER NOT NULL CHECK (last_value >= 0),
    PRIMARY KEY (guild_id, name)
);
