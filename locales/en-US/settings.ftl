## Environment settings (GUICHET_*) and database or shard options that cannot be used, shown
## after "Settings error:". $name is the variable or option (GUICHET_DATABASE, --database,
## SOURCE); a value is never shown, since it may hold a token or a password.

settings-one-of = { $name } must be one of { $allowed }
settings-url-http = { $name } must be an http:// or https:// URL
settings-url-ws = { $name } must be a ws:// or wss:// URL
settings-instance = { $name } must be letters, digits, - or _ (64 at most)
settings-number = { $name } must be a number from { NUMBER($low, useGrouping: 0) } to { NUMBER($high, useGrouping: 0) }
settings-port = { $name } must be a port number (0 to 65535; 0: any free port)
settings-file-missing = { $name } names a file that does not exist
settings-file-forbidden = { $name } names a file this user may not read
settings-file-folder = { $name } names a folder, not a file
settings-file-unreadable = { $name } names a file that cannot be read
settings-file-empty = { $name } names an empty file
settings-database-empty = { $name } is empty: give a SQLite file or a postgresql:// URL
settings-database-postgresql-url = { $name }: the PostgreSQL URL cannot be parsed (postgresql://user@host:5432/database)
settings-database-scheme = { $name }: unknown database URL scheme “{ $scheme }” (use postgresql:// or a SQLite file)
settings-shards-ids-need-count = { $name }: shard ids need a shard count
settings-shards-no-ids = { $name }: at least one shard id is needed
settings-shards-id-twice = { $name }: a shard id is listed twice
# $last is the highest shard id (the shard count less one)
settings-shards-id-range = { $name }: shard ids go from 0 to { NUMBER($last, useGrouping: 0) }
settings-shards-count-not-number = { $name }: the shard count must be a whole number
settings-shards-count-below-one = { $name }: the shard count must be 1 or more
settings-shards-ids-not-numbers = { $name }: shard ids are whole numbers separated by commas
