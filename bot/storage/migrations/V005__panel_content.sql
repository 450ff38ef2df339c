-- The rendered panel as last sent (Discord's JSON), so `guichet plan` can show what changed
-- field by field instead of only that the content hash differs. NULL for older rows.
ALTER TABLE panels ADD COLUMN content TEXT;
