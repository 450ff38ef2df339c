# /ticket transfer (issue 16)

cmd-ticket-transfer-name = transfer
cmd-ticket-transfer-desc = Hand this ticket over
cmd-ticket-transfer-claim-name = claim
cmd-ticket-transfer-claim-desc = Hand this ticket's claim to another staff member
cmd-ticket-transfer-claim-opt-member-name = member
cmd-ticket-transfer-claim-opt-member-desc = The staff member who takes it

# $member: a mention
transfer-claim-done = Ticket #{ NUMBER($number, useGrouping: 0) } is now handled by { $member }.
transfer-not-staff = { $member } doesn't handle this ticket's system, so the claim can't go to them.
transfer-already-theirs = { $member } already handles this ticket.
