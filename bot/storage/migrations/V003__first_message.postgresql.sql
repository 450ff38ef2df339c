-- PostgreSQL variant of V003__first_message.sql (a snowflake needs BIGINT there).
ALTER TABLE tickets ADD COLUMN first_message_id BIGINT;
