## Démarrage : un membre agit dans un serveur dont Discord n’a pas encore envoyé les données au bot
## (elles arrivent peu après la connexion, plus tard pendant une panne).

guild-not-loaded = { -brand } démarre encore sur ce serveur. Réessayez dans un instant.
