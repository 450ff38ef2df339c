-- Tickets and everything hanging off them (issues 5 and 6).

-- AUTOINCREMENT: ids are never reused, because custom_ids of old buttons carry them.
CREATE TABLE tickets (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    number       INTEGER NOT NULL,
    system_id    TEXT    NOT NULL,
    topic_id     TEXT    NOT NULL,
    opener_id    INTEGER NOT NULL,
    opened_by_id INTEGER,                       -- staff who opened it for the member
    channel_id   INTEGER UNIQUE,                -- channel or thread; NULL while pending
    style        TEXT    NOT NULL CHECK (style IN ('channel', 'thread')),
    status       TEXT    NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    priority     TEXT    NOT NULL DEFAULT 'normal'
                 CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    claimed_by   INTEGER,
    locale       TEXT    NOT NULL,              -- the opener's
    reason       TEXT,
    answers      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),  -- [[id, answer]]
    created_at   TEXT    NOT NULL,
    closed_at    TEXT,
    closed_by    INTEGER,
    close_reason TEXT,
    deleted_at   TEXT,
    request_key  TEXT    NOT NULL UNIQUE,       -- a doubly delivered click makes one ticket
    creation     TEXT    NOT NULL DEFAULT 'pending' CHECK (creation IN ('pending', 'active')),
    UNIQUE (guild_id, number)
);

CREATE INDEX tickets_guild_status ON tickets (guild_id, status, number);
CREATE INDEX tickets_guild_opener ON tickets (guild_id, opener_id, status);
CREATE INDEX tickets_pending ON tickets (created_at) WHERE creation = 'pending';

CREATE TABLE ticket_members (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    added_by  INTEGER NOT NULL,
    added_at  TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);

CREATE TABLE ticket_events (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    actor_id  INTEGER,
    kind      TEXT    NOT NULL,
    data      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(data))
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE ticket_notes (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL,
    at        TEXT    NOT NULL,
    text      TEXT    NOT NULL
);
CREATE INDEX ticket_notes_ticket ON ticket_notes (ticket_id, id);

CREATE TABLE approval_requests (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id             INTEGER NOT NULL,
    system_id            TEXT    NOT NULL,
    topic_id             TEXT    NOT NULL,
    member_id            INTEGER NOT NULL,
    locale               TEXT    NOT NULL,
    reason               TEXT,
    answers              TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
    reception_message_id INTEGER,
    status               TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'accepted', 'refused')),
    created_at           TEXT    NOT NULL,
    decided_by           INTEGER,
    decided_at           TEXT,
    refuse_reason        TEXT,
    ticket_id            INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    request_key          TEXT    NOT NULL UNIQUE
);
CREATE INDEX approval_requests_guild_status ON approval_requests (guild_id, status, id);
CREATE INDEX approval_requests_member
    ON approval_requests (guild_id, system_id, member_id, status);
CREATE INDEX approval_requests_message ON approval_requests (reception_message_id);

CREATE TABLE transcripts (
    id                 INTEGER PRIMARY KEY,
    ticket_id          INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    created_at         TEXT    NOT NULL,
    html               TEXT    NOT NULL,
    text               TEXT    NOT NULL,
    message_count      INTEGER NOT NULL CHECK (message_count >= 0),
    channel_message_id INTEGER,
    attachment_url     TEXT
);
CREATE INDEX transcripts_ticket ON transcripts (ticket_id, id);

CREATE TABLE cooldowns (
    guild_id       INTEGER NOT NULL,
    system_id      TEXT    NOT NULL,
    member_id      INTEGER NOT NULL,
    last_opened_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, system_id, member_id)
);
