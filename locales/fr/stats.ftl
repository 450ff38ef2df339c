# /ticket stats (issue 16)

cmd-ticket-stats-name = chiffres
cmd-ticket-stats-desc = Chiffres des tickets : nombres, durées médianes, par membre de l'équipe
cmd-ticket-stats-opt-period-name = période
cmd-ticket-stats-opt-period-desc = Sur quelle période (par défaut : les 7 derniers jours)
cmd-ticket-stats-opt-member-name = membre
cmd-ticket-stats-opt-member-desc = Seulement les tickets dont ce membre de l'équipe s'est occupé
cmd-ticket-stats-choice-day = Dernières 24 heures
cmd-ticket-stats-choice-week = 7 derniers jours
cmd-ticket-stats-choice-month = 30 derniers jours
cmd-ticket-stats-choice-all = Depuis le début

# $period : l'un des choix ci-dessus
stats-title = Chiffres des tickets : { $period }
stats-for-member = Tickets dont { $member } s'est occupé
stats-opened = Ouverts
stats-closed = Fermés
stats-still-open = Encore ouverts
stats-first-claim = Délai médian avant prise en charge
stats-resolution = Délai médian avant fermeture
stats-handlers = Par membre de l'équipe
stats-none = pas encore
# $closed : tickets fermés (>= 1) ; $median : une durée, p. ex. « 3 heures »
stats-handler-line = { $member } : { $closed ->
    [one] 1 fermé
   *[other] { $closed } fermés
}, médiane { $median }
