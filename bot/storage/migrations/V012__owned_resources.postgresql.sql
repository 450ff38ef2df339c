-- Roles, categories and text channels a server file declares, with the Discord id the bot
-- created or adopted for each key: what the reconciler owns. Only rows with origin 'created'
-- are ever deleted from Discord; an 'adopted' one is only forgotten.
CREATE TABLE owned_resources (
    guild_id     BIGINT  NOT NULL,
    resource_key TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('role', 'category', 'channel')),
    discord_id   BIGINT  NOT NULL,
    origin       TEXT    NOT NULL CHECK (origin IN ('created', 'adopted')),
    content_hash TEXT    NOT NULL,  -- of the declared state last applied
    content      TEXT    NOT NULL,  -- that state as JSON, for field-by-field plans
    renames      TEXT    NOT NULL DEFAULT '[]',  -- times of the last name/topic edits (2 per 10 min)
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (guild_id, resource_key),
    UNIQUE (guild_id, discord_id)
);
