"""Numbered SQL migrations, applied in order by :mod:`bot.storage.schema`.

One sequence for every engine:

- ``V<NNN>__<name>.sql`` is the migration, run as is by every engine that has no variant of
  its own. Write it in the SQL both engines share when you can (``BIGINT`` for ids and
  snowflakes, never ``INTEGER``: PostgreSQL's is 32 bits) and it needs no variant.
- ``V<NNN>__<name>.postgresql.sql`` replaces it on PostgreSQL, with the same tables,
  columns and constraints in that engine's types (identity ids, ``TIMESTAMPTZ`` times,
  ``JSONB``). Needed when the plain file uses SQLite-only SQL (``AUTOINCREMENT``,
  ``INTEGER PRIMARY KEY``, ``json_valid``, times as ``TEXT``); ``tests/storage`` checks that
  both engines end with the same schema and that plain files without a variant are portable.

Never edit a migration that has shipped, variants included (checksums): add the next number.
"""
