# /ticket rename (issue 16)

cmd-ticket-rename-name = renommer
cmd-ticket-rename-desc = Renommer le salon de ce ticket
cmd-ticket-rename-opt-name-name = nom
cmd-ticket-rename-opt-name-desc = Le nouveau nom

# $channel : la mention du salon (affiche son nouveau nom)
rename-done = Le ticket nº { NUMBER($number, useGrouping: 0) } s'appelle désormais { $channel }.
rename-empty = Indiquez un nom.
rename-refused = Discord a refusé ce nom. Essayez-en un autre.
# $count : renommages permis par Discord par salon en 10 minutes (2) ; $when : « dans 7 minutes », affiché par Discord
rename-too-soon = Discord ne permet de renommer un salon que { $count } fois toutes les 10 minutes. Vous pourrez renommer ce ticket de nouveau { $when }.
# Salon de journal (la langue du serveur)
rename-log = ✏️ Ticket nº { NUMBER($number, useGrouping: 0) } renommé en { $channel } par { $actor }
