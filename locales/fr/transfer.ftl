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
