# /ticket transfer (issue 16)

cmd-ticket-transfer-name = transférer
cmd-ticket-transfer-desc = Passer ce ticket à quelqu'un d'autre
cmd-ticket-transfer-claim-name = prise
cmd-ticket-transfer-claim-desc = Confier la prise en charge de ce ticket à un autre membre de l'équipe
cmd-ticket-transfer-claim-opt-member-name = membre
cmd-ticket-transfer-claim-opt-member-desc = Le membre de l'équipe qui le reprend

# $member : une mention
transfer-claim-done = Le ticket nº { NUMBER($number, useGrouping: 0) } est désormais pris en charge par { $member }.
transfer-not-staff = { $member } ne s'occupe pas du système de ce ticket : la prise en charge ne peut pas lui être confiée.
transfer-already-theirs = { $member } s'occupe déjà de ce ticket.

cmd-ticket-transfer-opener-name = membre
cmd-ticket-transfer-opener-desc = Confier ce ticket à un autre membre (le précédent y reste)
cmd-ticket-transfer-opener-opt-member-name = membre
cmd-ticket-transfer-opener-opt-member-desc = Le membre pour qui est désormais le ticket

transfer-opener-done = Le ticket nº { NUMBER($number, useGrouping: 0) } est désormais celui de { $member }. Le membre précédent y reste : utilisez /ticket retirer s'il doit partir.
transfer-opener-unchanged = Ce ticket est déjà celui de { $member }.
transfer-opener-bot = Un ticket ne peut pas m'être confié.
# Historique de /ticket info, et salon de journal (la langue du serveur)
transfer-event-opener = { $actor } a confié le ticket à { $member }
transfer-log-opener = 🔀 Ticket nº { NUMBER($number, useGrouping: 0) } confié à { $member } par { $actor }
