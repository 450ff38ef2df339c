## La base de données du bot (SQLite ou PostgreSQL) : erreurs au démarrage et `guichet db`.

run-database-unreachable = Le serveur de base de données de { $target } ne répond pas ({ $reason } ; attente de { $timeout } s au plus). Vérifiez que PostgreSQL fonctionne et qu’il est joignable depuis cette machine, ainsi que l’hôte et le port de GUICHET_DATABASE.

db-help = Examiner la base de données du bot, ou déplacer ses données vers une autre (SQLite ou PostgreSQL)
db-status-help = Afficher la base de données utilisée et la version de son schéma
db-opt-database = un fichier SQLite ou une URL postgresql:// (par défaut : GUICHET_DATABASE, sinon var/guichet.sqlite3)
db-copy-help = Copier toutes les données du bot dans une autre base, vide (de SQLite vers PostgreSQL, ou l’inverse) ; arrêtez d’abord le bot
db-copy-opt-source = la base à lire : un fichier SQLite ou une URL postgresql://
db-copy-opt-target = la base vide à remplir (par défaut : GUICHET_DATABASE)

# $engine : sqlite ou postgresql
db-status = { $target } ({ $engine }) : schéma en version { NUMBER($version, useGrouping: 0) }, ce Guichet connaît jusqu’à la version { NUMBER($known, useGrouping: 0) }.
db-status-pending = { $count ->
    [one] Une migration sera appliquée au prochain démarrage.
   *[other] { $count } migrations seront appliquées au prochain démarrage.
}

db-copy-table = { $table } : { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
}
db-copy-done = { $rows ->
    [one] { $rows } ligne copiée
   *[other] { $rows } lignes copiées
} dans { $tables } tables, de { $source } vers { $target }. Faites pointer GUICHET_DATABASE vers { $target } et démarrez le bot.
db-copy-no-target = Indiquez la base dans laquelle copier, ou réglez GUICHET_DATABASE sur celle-ci.
db-copy-same = { $target } est à la fois la source et la cible : rien à copier.
db-copy-target-not-empty = { $target } contient déjà des données (tables : { $tables }) : rien n’a été copié. Copiez dans une base neuve et vide.
db-copy-source-changed = { $source } a changé pendant la copie (tables : { $tables }) : rien n’a été copié. Arrêtez le bot, puis relancez la copie.
db-copy-schema-differs = La table { $table } diffère entre { $source } et { $target } : rien n’a été copié. Utilisez la même version de Guichet des deux côtés.
db-copy-versions = { $source } est en version de schéma { $source_version } et { $target } en { $target_version } : rien n’a été copié. Démarrez d’abord la même version de Guichet sur les deux.
db-copy-cycle = Les tables { $tables } se référencent en cycle : impossible de les copier dans l’ordre.
db-copy-refused = { $target } a refusé une ligne de { $table } ({ $reason }) : rien n’a été copié.
