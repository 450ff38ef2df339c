## The bot's database (SQLite or PostgreSQL): start-up errors and `guichet db`.

run-database-unreachable = The database server of { $target } does not answer ({ $reason }; waited up to { $timeout } s). Check that PostgreSQL is running and reachable from this machine, and the host and port in GUICHET_DATABASE.

db-help = Inspect the bot's database, or move its data to another one (SQLite or PostgreSQL)
db-status-help = Show which database is used and its schema version
db-opt-database = a SQLite file or a postgresql:// URL (default: GUICHET_DATABASE, else var/guichet.sqlite3)
db-copy-help = Copy all of the bot's data into another, empty database (SQLite to PostgreSQL, or back); stop the bot first
db-copy-opt-source = the database to read: a SQLite file or a postgresql:// URL
db-copy-opt-target = the empty database to fill (default: GUICHET_DATABASE)

# $engine: sqlite or postgresql
db-status = { $target } ({ $engine }): schema version { NUMBER($version, useGrouping: 0) }, this Guichet knows up to { NUMBER($known, useGrouping: 0) }.
# $count >= 1: migrations not applied yet
db-status-pending = { $count ->
    [one] One migration will be applied at the next start.
   *[other] { $count } migrations will be applied at the next start.
}

db-copy-table = { $table }: { $rows ->
    [one] 1 row
   *[other] { $rows } rows
}
db-copy-done = Copied { $rows ->
    [one] 1 row
   *[other] { $rows } rows
} in { $tables } tables from { $source } to { $target }. Point GUICHET_DATABASE at { $target } and start the bot.
db-copy-no-target = Name the database to copy into, or set GUICHET_DATABASE to it.
db-copy-same = { $target } is both the source and the target: nothing to copy.
db-copy-target-not-empty = { $target } already holds data (tables: { $tables }), so nothing was copied. Copy into a new, empty database.
db-copy-source-changed = { $source } changed during the copy (tables: { $tables }), so nothing was copied. Stop the bot, then copy again.
db-copy-schema-differs = The table { $table } differs between { $source } and { $target }, so nothing was copied. Run the same Guichet version on both.
db-copy-versions = { $source } is at schema version { $source_version } and { $target } at { $target_version }, so nothing was copied. Start the same Guichet version on both first.
db-copy-cycle = The tables { $tables } reference each other in a cycle: they cannot be copied in order.
db-copy-refused = { $target } refused a row of { $table } ({ $reason }), so nothing was copied.
