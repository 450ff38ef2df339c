# /ticket tag (issue 16) : réponses toutes faites déclarées dans le fichier du serveur

cmd-ticket-tag-name = modèle
cmd-ticket-tag-desc = Publier une réponse toute faite dans ce ticket, dans la langue du membre
cmd-ticket-tag-opt-name-name = nom
cmd-ticket-tag-opt-name-desc = La réponse à publier

# $tag : le libellé de la réponse ; $number : celui du ticket
tags-posted = Réponse « { $tag } » publiée dans le ticket nº { NUMBER($number, useGrouping: 0) }.
# $name : ce que l'équipe a tapé
tags-unknown = Aucune réponse ne s'appelle « { $name } ». Choisissez-en une parmi les suggestions.
