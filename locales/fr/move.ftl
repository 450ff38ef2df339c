# /ticket move (issue 16)

cmd-ticket-move-name = déplacer
cmd-ticket-move-desc = Déplacer ce ticket vers un autre sujet (ses membres restent)
cmd-ticket-move-opt-topic-name = sujet
cmd-ticket-move-opt-topic-desc = Le sujet dont il relève désormais

# $topic : le nom du sujet
move-done = Le ticket nº { NUMBER($number, useGrouping: 0) } relève désormais de « { $topic } ». Tous ceux qui y sont restent.
move-unchanged = Ce ticket relève déjà de « { $topic } ».
move-other-style = Ce ticket ne peut pas aller là : un fil et un salon ne peuvent pas se changer l'un en l'autre.
# Historique de /ticket info, et salon de journal (la langue du serveur)
move-event = { $actor } a déplacé le ticket
move-log = ↪️ Ticket nº { NUMBER($number, useGrouping: 0) } déplacé vers « { $topic } » par { $actor }
