## guichet plan / apply : ressources déclarées (rôles, catégories, salons textuels)

# $name : le nom du fichier de serveur ; $guild : l'identifiant du serveur
resource-plan-guild = Ressources de { $name } ({ $guild }) :
resource-noun-role = rôle
resource-noun-category = catégorie
resource-noun-channel = salon

# $kind : resource-noun-* ; $key : la clé dans le fichier ; $name : le nom dans Discord ;
# $id : l'identifiant Discord (peut être vide) ; $reason : resource-reason-*
resource-plan-create = + { $kind } { $key } « { $name } » : créer ({ $reason })
resource-plan-adopt = = { $kind } { $key } « { $name } » : adopter { $id } ({ $reason })
resource-plan-update = ~ { $kind } { $key } « { $name } » : modifier { $id } ({ $reason })
resource-plan-delete = - { $kind } { $key } « { $name } » : supprimer { $id } ({ $reason })
resource-plan-leave = · { $kind } { $key } « { $name } » : laisser { $id } dans Discord ({ $reason })
resource-plan-unchanged = { $kind } { $key } « { $name } » : inchangé
# $field : resource-field-* ; $old, $new : les valeurs avant et après
resource-plan-field = { $field } : { $old } → { $new }
# $text : un des resource-warning-*
resource-plan-warning = ! { $text }
resource-plan-summary = Ressources : { $create } à créer, { $adopt } à adopter, { $update } à modifier, { $delete } à supprimer, { $leave } à laisser, { $unchanged } inchangées.
# $keys : les clés des salons concernés
resource-plan-refused = Refusé : ce plan supprime des salons qui contiennent encore des messages ou des salons ({ $keys }) ; rien n'a été appliqué. Relancez avec --force pour les supprimer malgré tout.

resource-reason-new = pas encore dans Discord
resource-reason-adopt-id = celui qui existe avec cet identifiant
resource-reason-adopt-name = celui qui existe avec ce nom
resource-reason-adopt-name-later = celui qui existe avec ce nom, cherché à l'application (créé s'il n'y en a pas)
resource-reason-changed = le fichier a changé
resource-reason-drift = modifié à la main dans Discord depuis la dernière application
resource-reason-missing-in-discord = supprimé dans Discord : recréé
resource-reason-removed = retiré du fichier ; le bot l'a créé
resource-reason-removed-adopted = retiré du fichier ; le bot ne l'a pas créé, il reste donc dans Discord, sans plus être géré
resource-reason-up-to-date = à jour

resource-field-name = nom
resource-field-permissions = permissions
resource-field-color = couleur
resource-field-hoist = affiché à part
resource-field-mentionable = mentionnable
resource-field-position = position
resource-field-overwrites = dérogations
resource-field-parent = catégorie
resource-field-topic = sujet
resource-value-none = aucun
resource-value-yes = oui
resource-value-no = non

# $permissions : noms de permissions, séparés par des virgules
resource-warning-cannot-grant = le bot ne peut pas accorder { $permissions } : il ne les a pas lui-même ; le rôle reçoit les autres
# $target : une clé de rôle, @everyone, @bot ou un identifiant
resource-warning-overwrite-stripped = { $target } : le bot ne peut pas mettre { $permissions } dans une dérogation, il ne les a pas ; laissées de côté
resource-warning-above-bot = ce rôle est au niveau du rôle le plus haut du bot, ou au-dessus : le bot le laisse tel quel (placez le rôle du bot au-dessus dans Paramètres du serveur → Rôles)
# $id : l'identifiant écrit dans adopt:
resource-warning-adopt-missing = rien avec l'identifiant { $id } dans Discord à adopter : rien n'est fait
resource-warning-adopt-wrong-kind = { $id } dans Discord n'est pas de ce genre : rien n'est fait
resource-warning-in-use = il contient encore des messages ou des salons : supprimé seulement avec --force
# $until : une heure, HH:MM en UTC
resource-warning-rename-deferred = Discord autorise 2 changements de nom ou de sujet par salon toutes les 10 minutes : celui-ci attend { $until } UTC ; appliquez de nouveau à ce moment-là

resource-action-create = créer
resource-action-adopt = adopter
resource-action-update = modifier
resource-action-delete = supprimer
resource-action-leave = laisser
resource-action-unchanged = garder
# $name : le nom du fichier de serveur ; $action : resource-action-* ; $error : plan-error-*
resource-apply-ok = ✓ { $name } · { $kind } { $key } : { $action }, fait ({ $id })
resource-apply-failed = ✗ { $name } · { $kind } { $key } : { $action } a échoué : { $error }
resource-apply-skipped = – { $name } · { $kind } { $key } : { $action } non fait (voir l'avertissement du plan)
resource-apply-deferred = … { $name } · { $kind } { $key } : le renommage attend { $until } UTC (limite de Discord) ; appliquez de nouveau à ce moment-là
