# Outils de l'équipe (issue 16) : bloquer des membres, et les rôles qui peuvent ouvrir des
# tickets d'un système (open_roles, blocked_roles dans le fichier du serveur).

cmd-ticket-block-name = bloquer
cmd-ticket-block-desc = Empêcher un membre d'ouvrir des tickets sur ce serveur
cmd-ticket-block-opt-member-name = membre
cmd-ticket-block-opt-member-desc = Le membre à bloquer
cmd-ticket-block-opt-reason-name = motif
cmd-ticket-block-opt-reason-desc = Pourquoi (le membre le lira)
cmd-ticket-block-opt-duration-name = durée
cmd-ticket-block-opt-duration-desc = Pour combien de temps, p. ex. 30m, 12h, 7d (par défaut : jusqu'au déblocage)
cmd-ticket-unblock-name = débloquer
cmd-ticket-unblock-desc = Permettre de nouveau à un membre bloqué d'ouvrir des tickets
cmd-ticket-unblock-opt-member-name = membre
cmd-ticket-unblock-opt-member-desc = Le membre à débloquer
cmd-ticket-blocks-name = blocages
cmd-ticket-blocks-desc = Lister les membres qui ne peuvent pas ouvrir de tickets

# $member : une mention ; $reason : les mots de l'équipe ; $until : une date et « dans 3 jours », affichés par Discord
blocks-blocked-reply = { $member } ne peut plus ouvrir de tickets sur ce serveur. Motif : { $reason }
blocks-blocked-until-reply = { $member } ne peut pas ouvrir de tickets sur ce serveur jusqu'au { $until }. Motif : { $reason }
blocks-reblocked-reply = { $member } était déjà bloqué : le blocage n'a plus de fin. Motif : { $reason }
blocks-reblocked-until-reply = { $member } était déjà bloqué : le blocage prend fin le { $until }. Motif : { $reason }
blocks-unblocked-reply = { $member } peut de nouveau ouvrir des tickets.
blocks-not-blocked = { $member } n'est pas bloqué.
blocks-cannot-block-staff = { $member } fait partie de l'équipe : on ne peut pas bloquer l'équipe.
blocks-cannot-block-bot = Je ne peux pas me bloquer moi-même.
blocks-reason-empty = Indiquez un motif : le membre saura pourquoi.
# $duration : ce que l'équipe a tapé
blocks-bad-duration = « { $duration } » n'est pas une durée. Écrivez-la comme 30m, 12h, 7d ou 1d12h.

blocks-you-are-blocked = Vous ne pouvez pas ouvrir de tickets sur ce serveur. Motif : { $reason }
blocks-you-are-blocked-until = Vous ne pouvez pas ouvrir de tickets sur ce serveur jusqu'au { $until }. Motif : { $reason }
# $roles : des mentions de rôles, séparées par des virgules
blocks-role-required = Seuls les membres ayant l'un de ces rôles peuvent ouvrir ces tickets : { $roles }.
# $role : une mention de rôle
blocks-role-blocked = Les membres ayant le rôle { $role } ne peuvent pas ouvrir ces tickets.

# $count : les blocages en cours
blocks-list-title = { $count ->
    [0] Membres bloqués
    [one] Membres bloqués (1)
   *[other] Membres bloqués ({ NUMBER($count) })
}
blocks-list-empty = Personne n'est bloqué sur ce serveur.
# $since : « il y a 2 heures », affiché par Discord ; $staff : qui a bloqué
blocks-list-line = { $member }, par { $staff } { $since } : { $reason }
blocks-list-line-until = { $member } jusqu'au { $until }, par { $staff } { $since } : { $reason }
# $count >= 1
blocks-list-more = { $count ->
    [one] et 1 autre, non affiché
   *[other] et { NUMBER($count) } autres, non affichés
}

blocks-info-field = Membre bloqué
blocks-info-value = Par { $staff } { $since } : { $reason }
blocks-info-value-until = Jusqu'au { $until }, par { $staff } { $since } : { $reason }

# Salon de journal (la langue du serveur). $actor : qui a agi
blocks-log-blocked = { $actor } a bloqué { $member } pour l'ouverture de tickets : { $reason }
blocks-log-blocked-until = { $actor } a bloqué { $member } pour l'ouverture de tickets jusqu'au { $until } : { $reason }
blocks-log-unblocked = { $actor } a débloqué { $member }.

# guichet validate. $role : l'id du rôle
config-role-open-and-blocked = le rôle { $role } est à la fois dans open_roles et blocked_roles : ses membres ne pourraient jamais ouvrir de ticket
