-- Staff tools (issue 16): members staff blocked from opening tickets in a server, with the
-- reason the member is told and an optional end (`expires_at` NULL: until unblocked). One
-- row per member and server: blocking again replaces the reason and the end. Times are
-- ISO-8601 text here; the PostgreSQL variant keeps them as TIMESTAMPTZ.
CREATE TABLE member_blocks (
    guild_id   BIGINT NOT NULL,
    member_id  BIGINT NOT NULL,
    reason     TEXT   NOT NULL,
    blocked_by BIGINT NOT NULL,
    created_at TEXT   NOT NULL,
    expires_at TEXT,
    PRIMARY KEY (guild_id, member_id)
);
CREATE INDEX member_blocks_expires ON member_blocks (expires_at);
