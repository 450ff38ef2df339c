## `guichet run` avec plusieurs processus : shards et processus de secours.

run-opt-shards = shards exécutés par ce processus, par exemple 0,1 (par défaut : tous ; ou GUICHET_SHARDS)
run-opt-shard-count = nombre de shards du bot entier (ou GUICHET_SHARD_COUNT)
