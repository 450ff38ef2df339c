-- PostgreSQL variant of V008__member_blocks.sql: times are TIMESTAMPTZ.
CREATE TABLE member_blocks (
    guild_id   BIGINT      NOT NULL,
    member_id  BIGINT      NOT NULL,
    reason     TEXT        NOT NULL,
    blocked_by BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ,
    PRIMARY KEY (guild_id, member_id)
);
CREATE INDEX member_blocks_expires ON member_blocks (expires_at);
