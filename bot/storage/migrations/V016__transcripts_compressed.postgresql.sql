-- PostgreSQL variant of V016__transcripts_compressed.sql: BYTEA for the gzip'd page (the
-- plain text column is TOASTed, so compressed by the server already).
ALTER TABLE transcripts ADD COLUMN html_gz BYTEA;
