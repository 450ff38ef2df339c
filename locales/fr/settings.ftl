## Réglages d’environnement (GUICHET_*) et options de base de données ou de shards
## inutilisables, affichés après « Erreur de réglage : ». $name est la variable ou l’option
## (GUICHET_DATABASE, --database, SOURCE) ; la valeur n’est jamais montrée (jeton, mot de passe).

settings-one-of = { $name } doit valoir l’une de ces valeurs : { $allowed }
settings-url-http = { $name } doit être une URL http:// ou https://
settings-url-ws = { $name } doit être une URL ws:// ou wss://
settings-instance = { $name } ne doit contenir que des lettres, des chiffres, - ou _ (64 au plus)
settings-number = { $name } doit être un nombre de { NUMBER($low, useGrouping: 0) } à { NUMBER($high, useGrouping: 0) }
settings-port = { $name } doit être un numéro de port (de 0 à 65535 ; 0 : n’importe quel port libre)
settings-file-missing = { $name } désigne un fichier qui n’existe pas
settings-file-forbidden = { $name } désigne un fichier que cet utilisateur n’a pas le droit de lire
settings-file-folder = { $name } désigne un dossier, pas un fichier
settings-file-unreadable = { $name } désigne un fichier illisible
settings-file-empty = { $name } désigne un fichier vide
settings-database-empty = { $name } est vide : indiquez un fichier SQLite ou une URL postgresql://
settings-database-postgresql-url = { $name } : l’URL PostgreSQL est illisible (postgresql://utilisateur@hôte:5432/base)
settings-database-scheme = { $name } : schéma d’URL de base de données inconnu « { $scheme } » (utilisez postgresql:// ou un fichier SQLite)
settings-shards-ids-need-count = { $name } : des numéros de shard demandent un nombre de shards
settings-shards-no-ids = { $name } : il faut au moins un numéro de shard
settings-shards-id-twice = { $name } : un numéro de shard figure deux fois
# $last est le plus grand numéro de shard (le nombre de shards moins un)
settings-shards-id-range = { $name } : les numéros de shard vont de 0 à { NUMBER($last, useGrouping: 0) }
settings-shards-count-not-number = { $name } : le nombre de shards doit être un nombre entier
settings-shards-count-below-one = { $name } : le nombre de shards doit valoir au moins 1
settings-shards-ids-not-numbers = { $name } : les numéros de shard sont des nombres entiers séparés par des virgules
