# `guichet schema --write` et la copie du schéma qu'un dépôt de configuration garde pour les éditeurs.

schema-opt-write = écrire le schéma dans PATH au lieu de l'afficher (par défaut : schemas/server.schema.json), pour la complétion des éditeurs
# $path : p. ex. schemas/server.schema.json
schema-written = { $path } écrit (les éditeurs complètent et vérifient les fichiers de serveur grâce à lui).
schema-up-to-date = { $path } est à jour.
schema-stale = { $path } n'est pas le schéma de ce Guichet (écrit par une autre version ?) : lancez guichet schema --write pour le mettre à jour.
