## Messages pour l’équipe sur la configuration du bot.

admin-reload-done = Configuration rechargée : { $servers ->
        [0] aucun serveur
        [one] un serveur
       *[other] { $servers } serveurs
    }, { $changes ->
        [0] aucun panneau modifié
        [one] un panneau modifié
       *[other] { $changes } panneaux modifiés
    }.
admin-reload-errors = { $count ->
        [one] Une erreur de configuration ; la configuration précédente reste en vigueur là où elle s’applique :
       *[other] { $count } erreurs de configuration ; la configuration précédente reste en vigueur là où elle s’applique :
    }
admin-reload-panel-failed = Le panneau « { $panel } » n’a pas pu être mis à jour : { $reason }
admin-reload-unsafe = La nouvelle configuration supprimerait { $deletes } panneaux sur { $existing } ; rien n’a été appliqué. Lancez `guichet apply --force` pour confirmer.
admin-port-error-missing_permissions = il manque une permission au bot dans ce salon
admin-port-error-missing_access = le bot ne voit pas ce salon
admin-port-error-unknown_channel = le salon n’existe pas
admin-port-error-unknown_message = le message a été supprimé
admin-port-error-server_error = erreur serveur chez Discord, nouvel essai plus tard
admin-port-error-rate_limited = limite de débit de Discord, nouvel essai plus tard
admin-port-error-timeout = Discord n’a pas répondu à temps, nouvel essai plus tard
admin-port-error-other = Discord a refusé la requête
