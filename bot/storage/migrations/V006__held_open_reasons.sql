-- `/ticket open reason:` on a topic whose dialog has no room left for the reason (five
-- questions, Discord's maximum): the reason waits here until the dialog is submitted, and
-- its key travels in the dialog's custom_id. Rows are short-lived: taken at submission,
-- purged after a day. Plain SQL that SQLite and PostgreSQL both accept.
CREATE TABLE held_open_reasons (
    hold_key   TEXT    PRIMARY KEY,
    guild_id   BIGINT  NOT NULL,
    member_id  BIGINT  NOT NULL,
    system_id  TEXT    NOT NULL,
    topic_id   TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX held_open_reasons_created ON held_open_reasons (created_at);
