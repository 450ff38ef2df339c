-- `/ticket close reason:` answers with a confirmation prompt; the reason waits here until the
-- member clicks Confirm (its id travels in the button's custom_id, which has no room for
-- text). Rows are short-lived: taken on Confirm, purged after the prompt's lifetime.
CREATE TABLE pending_close_reasons (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX pending_close_reasons_created ON pending_close_reasons (created_at);
