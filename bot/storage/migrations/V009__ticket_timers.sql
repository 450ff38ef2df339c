-- Durable timers (issue 15): each automatic action waiting on a ticket (an inactivity watch and
-- its warning, a close request) is one row with its due time, so a restart or a crash loses
-- none and another process never doubles one. Times are ISO-8601 text here; the PostgreSQL
-- variant keeps them as TIMESTAMPTZ.
CREATE TABLE ticket_timers (
    ticket_id       BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,           -- 'inactivity', 'close_request', ...
    guild_id        BIGINT  NOT NULL,
    shard_key       BIGINT  NOT NULL,           -- guild_id >> 22: a process takes its shards'
    stage           TEXT    NOT NULL DEFAULT 'watch',
    due_at          TEXT    NOT NULL,
    seen_message_id BIGINT,                     -- the newest message the timer has accounted for
    message_id      BIGINT,                     -- the bot's warning or prompt, once posted
    actor_id        BIGINT,                     -- who asked (a close request's staff member)
    reason          TEXT,
    version         BIGINT  NOT NULL DEFAULT 0, -- bumped by every change: a stale worker's
                                                -- result is dropped
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, kind)
);
CREATE INDEX ticket_timers_due ON ticket_timers (due_at);
