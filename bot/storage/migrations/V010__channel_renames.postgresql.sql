-- PostgreSQL variant of V010__channel_renames.sql: times are TIMESTAMPTZ.
CREATE TABLE channel_renames (
    channel_id BIGINT      NOT NULL,
    renamed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX channel_renames_channel ON channel_renames (channel_id, renamed_at);
