## Rien de perdu, rien qui fuit : commandes d’administration gardées, redémarrages, références supprimées.

reload-not-allowed = Seuls l’équipe de ce serveur et les membres qui peuvent gérer le serveur peuvent recharger sa configuration.
reload-texts-kept = Les textes communs du bot n’ont pas pu être rechargés ; les textes précédents restent en vigueur. L’hébergeur du bot a été prévenu.

## Ce qu’un membre a écrit n’est jamais perdu

# $typed: what the member typed in the dialog, quoted
open-dialog-expired = Ce formulaire a expiré : aucun ticket n’a été ouvert. Voici ce que vous aviez écrit, à recopier dans un nouveau :
    { $typed }

## Limites d’un fichier de serveur (une demande de fusion négligente ou malveillante ne peut ni bloquer ni faire planter une vérification)

# $size, $limit: bytes
config-limit-file-size = le fichier fait { $size } octets ; un fichier de serveur en fait au plus { $limit }
# $length, $limit: characters
config-limit-line-length = cette ligne fait { $length } caractères ; une ligne en fait au plus { $limit }
config-limit-depth = listes et dictionnaires sont imbriqués ici sur plus de { $limit } niveaux
config-limit-values = le fichier contient plus de { $limit } valeurs
config-limit-expanded = les alias (*nom) développent ici le fichier en plus de { $limit } valeurs
config-limit-keys = le fichier contient plus de { $limit } clés, alias développés
# $tag: the YAML type asked for (int, float...), $value: the value as written
config-yaml-bad-value = { $value } n’est pas un { $tag } valide

## Limites d’un fichier .ftl

# $size, $limit: bytes
ftl-limit-file-size = le fichier fait { $size } octets ; un fichier .ftl en fait au plus { $limit }
# $length, $limit: characters
ftl-limit-line-length = cette ligne fait { $length } caractères ; une ligne en fait au plus { $limit }
ftl-limit-depth = placeables ({ "{" }…{ "}" }) et appels sont imbriqués ici sur plus de { $limit } niveaux
ftl-limit-entries = le fichier contient { $count } entrées ; un fichier .ftl en contient au plus { $limit }
# $id: the message or term whose references loop
ftl-limit-reference-cycle = { $id } renvoie à lui-même, directement ou par d’autres messages : il ne pourrait jamais être affiché
ftl-limit-reference-depth = { $id } commence une chaîne de plus de { $limit } messages qui renvoient l’un à l’autre
# $reason: the system's words for the failure
ftl-unreadable = le fichier ne peut pas être lu : { $reason }

## Redémarrages et nettoyage

tickets-delete-queued = Le ticket nº { NUMBER($number, useGrouping: 0) } est supprimé. Discord n’a pas retiré son salon à l’instant ; le bot le retirera sous peu.
restarting = { -brand } redémarre. Réessayez dans un instant.

## Références supprimées : identifiants qu’un fichier de serveur nomme et que Discord n’a plus

# $kind: one of the drift-kind-* phrases; $id: the id as written
drift-reference-missing = { $kind } { $id } n’existe plus dans Discord (supprimé depuis l’écriture du fichier ?)
drift-kind-role = rôle
drift-kind-channel = salon
drift-kind-emoji = émoji personnalisé
tickets-setup-missing = Ce type de ticket ne peut pas être ouvert pour le moment : l’endroit où il va n’existe plus. L’équipe a été prévenue.
