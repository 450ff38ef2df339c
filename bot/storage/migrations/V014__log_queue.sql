-- Log and reception lines waiting to be posted (issue 11): an action writes its line here and
-- answers the member; a per-channel worker posts what is due, several lines in one message.
-- `batch` is the first id of the message a line was packed into, set before the post: after a
-- crash the same lines go again as the same message, with the same nonce (Discord's
-- enforce_nonce returns the first one instead of posting twice). Plain SQL for SQLite.
CREATE TABLE log_queue (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    content    TEXT    NOT NULL,
    batch      INTEGER,
    created_at TEXT    NOT NULL
);
CREATE INDEX log_queue_channel ON log_queue (channel_id, id);
