-- Transcripts stored compressed (issue 11): the HTML page, most of a transcript's size, is
-- kept gzip'd in html_gz (a 50,000-message page is tens of megabytes, about a tenth once
-- compressed); html is '' on those rows. Rows written before keep their page in html and
-- html_gz NULL: both are read (bot/storage/transcripts.py). The text stays plain: the
-- full-text search (FTS5 here, tsvector on PostgreSQL) indexes it and quotes from it.
ALTER TABLE transcripts ADD COLUMN html_gz BLOB;
