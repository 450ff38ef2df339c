-- /ticket rename (issue 16): Discord lets a channel's name (or topic) change twice per 10
-- minutes; the bot keeps when it renamed each channel, so a third rename is told when it will
-- be possible instead of waiting on a 429. Rows older than the window are purged as renames
-- come. Times are ISO-8601 text here; the PostgreSQL variant keeps them as TIMESTAMPTZ.
CREATE TABLE channel_renames (
    channel_id BIGINT NOT NULL,
    renamed_at TEXT   NOT NULL
);
CREATE INDEX channel_renames_channel ON channel_renames (channel_id, renamed_at);
