## `guichet run | sandbox | plan | apply` : les commandes qui parlent à Discord.

run-help = Lancer le bot (sur Discord avec GUICHET_TOKEN, sinon sur l’émulateur local)
run-sandbox-help = Lancer le bot sur un émulateur Discord local construit à partir des fichiers de serveur
run-plan-help = Montrer ce qu’apply changerait dans Discord (simulation)
run-apply-help = Créer, modifier ou supprimer les panneaux pour que Discord corresponde aux fichiers de serveur
run-opt-servers = dossier des fichiers de serveur (par défaut : servers, ou GUICHET_SERVERS)
run-opt-locales = dossier des langues (par défaut : locales, ou GUICHET_LOCALES)
run-opt-database = fichier de base SQLite (par défaut : var/guichet.sqlite3, ou GUICHET_DATABASE)
run-opt-sandbox = utiliser l’émulateur Discord local au lieu de Discord
run-opt-port = port de l’émulateur local (par défaut : un port libre)
run-plan-opt-server = seulement ces serveurs (noms de fichier sans .yaml)
run-plan-opt-refresh = vérifier aussi dans Discord que les messages de panneau enregistrés existent encore
run-plan-opt-json = afficher le plan en JSON
run-apply-opt-force = appliquer même si le plan supprime beaucoup de panneaux
run-settings-error = Erreur de réglage : { $reason }
run-no-token-sandbox = Pas de GUICHET_TOKEN : le bot tourne sur l’émulateur Discord local (bac à sable).
run-apply-needs-token = Appliquer sur Discord demande GUICHET_TOKEN (ou GUICHET_TOKEN_FILE) ; utilisez --sandbox pour essayer sur l’émulateur local.
run-opt-no-bot = démarrer seulement l’émulateur (pour un bot lancé ailleurs), pas le bot
run-sandbox-ready = Émulateur Discord local prêt sur { $url } (jeton du bot : { $token }). Faites pointer la base REST de discord.py sur { $url }/api/v10 et sa passerelle sur la même adresse. Ctrl-C l’arrête.
run-login-failed = Discord a refusé le jeton du bot. Vérifiez GUICHET_TOKEN (ou le fichier désigné par GUICHET_TOKEN_FILE) : ce doit être le jeton du bot dans le portail développeur.
run-intents-missing = Discord a refusé les intents de passerelle demandés par le bot. Activez l’intent Message Content du bot dans le portail développeur (Bot → Privileged Gateway Intents).
run-unreachable = Impossible de joindre Discord. Vérifiez la connexion réseau, puis relancez le bot.
run-database-error = La base de données { $path } est inutilisable : { $reason }
run-database-too-new = La base de données { $path } a été écrite par une version plus récente de Guichet (schéma { $found }, cette version connaît jusqu’au { $known }). Lancez un Guichet plus récent, ou restaurez une sauvegarde.
run-port-unavailable = L’émulateur local ne peut pas écouter sur le port { $port } : { $reason }. Choisissez un autre port avec --port, ou 0 pour un port libre.
run-unknown-server = Aucun fichier de serveur valide nommé : { $names }. Les noms sont les noms de fichier sans .yaml.
run-refresh-ignored = --refresh a besoin de Discord (GUICHET_TOKEN) : le plan est calculé à partir de la base de données seule.
