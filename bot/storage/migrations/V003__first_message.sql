-- The ticket's first message (welcome, state, Close/Claim buttons), edited in place when
-- staff claim it or change its status or priority (issue 6). NULL for tickets opened
-- before this column existed, or whose opening did not record it.
ALTER TABLE tickets ADD COLUMN first_message_id INTEGER;
