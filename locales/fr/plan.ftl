## Sortie de `guichet plan` et `guichet apply` : ce que le réconciliateur va faire (ou a fait)
## aux panneaux et aux commandes slash dans Discord. Les ids ($guild, $channel, $message) sont
## passés comme du texte.

## En-têtes et résumé

plan-guild = Serveur Discord { $guild }
plan-guild-named = Serveur { $name } (serveur Discord { $guild })
plan-summary =
    Plan : { $create } à créer, { $update } à modifier, { $delete } à supprimer, { $unchanged } { $unchanged ->
        [one] inchangé
       *[other] inchangés
    }.
plan-no-changes = Aucun changement : Discord correspond déjà à la configuration.
plan-unsafe =
    Application refusée : ce plan supprime { $deletes } { $existing ->
        [one] panneau sur { $existing }
       *[other] panneaux sur { $existing }
    }, soit plus de { $percent } %. Vérifiez les fichiers de serveur, puis relancez avec --force si c’est voulu.

## Une ligne par changement de panneau

plan-create = + { $panel } : création dans le salon { $channel } ({ $reason })
plan-update = ~ { $panel } : modification du message { $message } dans le salon { $channel } ({ $reason })
plan-delete = - { $panel } : suppression du message { $message } dans le salon { $channel } ({ $reason })
plan-unchanged = = { $panel } : message { $message } dans le salon { $channel } ({ $reason })

## Pourquoi un changement est prévu

plan-reason-new-panel = nouveau panneau
plan-reason-content-changed = contenu modifié
plan-reason-up-to-date = à jour
plan-reason-removed-from-config = retiré de la configuration
plan-reason-channel-changed = déplacé du salon { $old } vers le salon { $new }
plan-reason-missing-in-discord = le message { $message } a été supprimé dans Discord
plan-reason-commands-new = jamais synchronisées
plan-reason-commands-changed = commandes modifiées
plan-reason-commands-up-to-date = à jour

## Ce qui a changé dans un panneau

plan-field-embed-title = titre
plan-field-embed-description = texte
plan-field-embed-colour = couleur
plan-field-embed-image = image
plan-field-kind = type de composant
plan-field-buttons = boutons
plan-field-button-label = bouton { $topic }, libellé
plan-field-button-emoji = bouton { $topic }, emoji
plan-field-button-style = bouton { $topic }, style
plan-field-placeholder = texte indicatif du menu
plan-field-options = options du menu
plan-field-option-label = option { $topic }, libellé
plan-field-option-description = option { $topic }, description
plan-field-option-emoji = option { $topic }, emoji

plan-kind-buttons = boutons
plan-kind-select = menu déroulant

plan-diff-changed = { $field } : « { $old } » → « { $new } »
plan-diff-changed-long = { $field } : modifié ({ $old_length } → { $new_length } caractères)
plan-diff-added = { $field } : ajouté « { $new } »
plan-diff-removed = { $field } : retiré « { $old } »
plan-diff-hash = empreinte du contenu { $old } → { $new } (contenu précédent indisponible)

## Textes coupés aux limites de Discord lors du rendu

plan-truncated = ! { $field } : coupé à { $limit } caractères (au lieu de { $length })
plan-truncated-list = ! { $field } : seuls les { $limit } premiers sur { $length } sont affichés

## Commandes slash

plan-commands-scope-global = globales
plan-commands-scope-guild = serveur Discord { $guild }
plan-commands-create = + commandes slash ({ $scope }) : synchronisation ({ $reason })
plan-commands-update = ~ commandes slash ({ $scope }) : synchronisation ({ $reason })
plan-commands-unchanged = = commandes slash ({ $scope }) : { $reason }

## Résultat de `guichet apply`

plan-action-create = création
plan-action-update = modification
plan-action-delete = suppression

apply-ok = ✓ { $name } · { $panel } : { $action } effectuée
apply-ok-message = ✓ { $name } · { $panel } : { $action } effectuée, message { $message }
apply-recreated = ✓ { $name } · { $panel } : le message avait été supprimé dans Discord, republié en tant que message { $message }
apply-failed = ✗ { $name } · { $panel } : échec de la { $action } : { $error }
apply-skipped = … { $name } · { $panel } : ancien message { $message } conservé dans le salon { $channel }, car le déplacement a échoué
apply-progress = Serveur { $done } sur { $total } terminé (serveur Discord { $guild })
apply-summary =
    Application : { $ok } { $ok ->
        [one] effectuée
       *[other] effectuées
    }, { $failed } en échec, { $skipped } { $skipped ->
        [one] ignorée
       *[other] ignorées
    }.

plan-error-missing-permissions = le bot n’a pas les permissions nécessaires dans ce salon (Voir le salon, Envoyer des messages, Intégrer des liens)
plan-error-missing-access = le bot ne voit pas ce salon
plan-error-unknown-channel = le salon n’existe plus
plan-error-unknown-message = le message n’existe plus
plan-error-server-error = erreur de serveur chez Discord ; réessayez plus tard
plan-error-rate-limited = limite de débit de Discord atteinte ; réessayez plus tard
plan-error-timeout = Discord n’a pas répondu à temps ; réessayez plus tard
plan-error-other = Discord a refusé la requête
