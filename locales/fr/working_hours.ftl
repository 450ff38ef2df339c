## Heures d'ouverture (issue 15). Hors des heures, dit au membre qui ouvre (ou demande) un
## ticket, dans sa langue. $opens : quand l'équipe revient, un horodatage Discord que chacun
## voit en date et heure complètes dans sa langue et son fuseau (<t:…:F>) ; $relative : le
## même moment, en relatif (« dans 3 heures », <t:…:R>)

# Ajouté à « votre ticket est ouvert » (ou « votre demande est envoyée ») : il s'ouvre quand même
hours-notice = 🕘 En dehors des heures d'ouverture : l'équipe revient le { $opens } ({ $relative }).
hours-notice-no-return = 🕘 En dehors des heures d'ouverture : aucun retour de l'équipe n'est encore prévu.
# Au lieu d'ouvrir (outside: refuse)
hours-refused = 🕘 Les tickets s'ouvrent pendant les heures d'ouverture seulement. L'équipe revient le { $opens } ({ $relative }) : ouvrez le vôtre à ce moment-là.
hours-refused-no-return = 🕘 Les tickets s'ouvrent pendant les heures d'ouverture seulement, et aucune n'est encore prévue.

## Validation d'un fichier de serveur

# Un « : » dans [...] ou {...} : YAML le lit comme une clé (les heures d'ouverture, le plus souvent)
config-yaml-colon-in-flow = erreur de syntaxe YAML : un deux-points dans [...] ou { "{" }...{ "}" } (une heure comme 09:00 ?) : mettez cette valeur entre guillemets, p. ex. ["09:00-12:00"], ou écrivez-la sans crochets
hours-expect-ranges = des plages horaires comme « 09:00-12:00, 14:00-18:00 » (ou une liste de plages)
hours-expect-date = une date comme 2026-12-25 (année-mois-jour)
# $zone : le nom tel qu'écrit
hours-unknown-zone = { $zone } n'est pas un fuseau horaire IANA : écrivez un nom comme Europe/Paris ou America/New_York (les abréviations comme CET ou EST ne sont pas des fuseaux)
# $suggestion : un fuseau connu proche
hours-unknown-zone-suggest = { $zone } n'est pas un fuseau horaire IANA : vouliez-vous dire { $suggestion } ?
# $zone : le nom tel qu'écrit (une abréviation ou un décalage fixe)
hours-zone-legacy = { $zone } est un ancien alias ou un décalage fixe, pas une Région/Ville : il peut ne pas suivre l'heure d'été de l'équipe (EST ne change jamais, Etc/GMT+5 a 5 heures de retard sur UTC) ; écrivez la Région/Ville de l'équipe, comme America/New_York ou Europe/Paris
# $range : la plage telle qu'écrite, entre guillemets
hours-range-malformed = { $range } n'est pas une plage horaire : écrivez HH:MM-HH:MM sur 24 heures, p. ex. 09:00-12:30 (24:00 pour minuit en fin de journée)
hours-range-empty = { $range } est vide : elle commence et finit à la même heure
hours-range-end-before-start = { $range } finit avant de commencer : une plage finit le jour même ; écrivez 24:00 pour minuit et continuez à 00:00 le jour suivant
# $other : la plage qu'elle chevauche, entre guillemets
hours-range-overlap = { $range } chevauche { $other } : réunissez-les en une seule plage
hours-never-open = cet horaire est fermé tous les jours : les membres ne trouveraient jamais l'équipe (donnez des heures à au moins un jour)
# $date : la date telle qu'écrite, entre guillemets
hours-bad-date = { $date } n'est pas un jour du calendrier
# $until, $date : AAAA-MM-JJ
hours-until-before-date = until ({ $until }) vient avant date ({ $date })
# $date : le premier jour commun à deux exceptions (AAAA-MM-JJ) ; $line : où est l'autre
hours-exception-twice = { $date } a déjà une exception (ligne { $line }) : une exception par jour
