## `guichet run` with several processes: shards and the standby.

run-opt-shards = shards this process runs, e.g. 0,1 (default: all; or GUICHET_SHARDS)
run-opt-shard-count = how many shards the whole bot has (or GUICHET_SHARD_COUNT)
