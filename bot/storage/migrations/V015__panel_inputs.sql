-- What each guild's panels were last rendered from (issue 11, start-up): a digest of the
-- Guichet code, the server file's panels and topics, the texts they can read, and the panel
-- records written then. While it matches, a start or reload plans those panels from their
-- records instead of rendering them again. Only a cache: a missing or stale row means render.
CREATE TABLE panel_inputs (
    guild_id     INTEGER NOT NULL PRIMARY KEY,
    inputs_hash  TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
