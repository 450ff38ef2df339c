-- PostgreSQL variant of V007__crash_safety.sql: times are TIMESTAMPTZ, as in every other
-- PostgreSQL table (the plain file keeps them as ISO-8601 text, SQLite's way).

-- Each bot process runs in a slot (GUICHET_INSTANCE; one process per slot) whose epoch goes up
-- at every start; a live process refreshes its heartbeat. An opening records the slot and
-- epoch that reserved it, so one left by a process that is gone (an older epoch of the same
-- slot, or a slot whose heartbeat stopped) is recovered at once, however recent, while one a
-- live process is still doing is left alone.
CREATE TABLE bot_processes (
    slot         TEXT   PRIMARY KEY,
    epoch        BIGINT NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE tickets ADD COLUMN owner_slot TEXT;
ALTER TABLE tickets ADD COLUMN owner_epoch BIGINT;
-- The name and parent (category, or channel of a thread) the channel was asked for: how
-- recovery finds a channel Discord made when the bot never heard back (a crash, or a
-- request that outlived its deadline).
ALTER TABLE tickets ADD COLUMN pending_name TEXT;
ALTER TABLE tickets ADD COLUMN pending_parent BIGINT;

-- Channels the bot must still delete: a delete Discord refused, or a channel that may exist
-- without its id being known (found by parent, name and opener, made since `not_before`).
-- Retried with backoff until gone; only a search gives up (`give_up_at`), a delete never does.
CREATE TABLE channel_cleanups (
    cleanup_key TEXT    PRIMARY KEY,  -- 'channel:<id>' or 'opening:<ticket id>'
    guild_id    BIGINT  NOT NULL,
    ticket_id   BIGINT,
    channel_id  BIGINT,
    parent_id   BIGINT,
    name        TEXT,
    opener_id   BIGINT,
    not_before  TIMESTAMPTZ,
    give_up_at  TIMESTAMPTZ,
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      TIMESTAMPTZ NOT NULL,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX channel_cleanups_due ON channel_cleanups (due_at);
