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

cmd-ticket-transfer-opener-name = opener
cmd-ticket-transfer-opener-desc = Hand this ticket to another member (the previous one stays in it)
cmd-ticket-transfer-opener-opt-member-name = member
cmd-ticket-transfer-opener-opt-member-desc = The member the ticket is now for

transfer-opener-done = Ticket #{ NUMBER($number, useGrouping: 0) } is now { $member }'s. The previous member stays in it: use /ticket remove if they should leave.
transfer-opener-unchanged = This ticket is already { $member }'s.
transfer-opener-bot = A ticket can't be handed to me.
# History in /ticket info, and the log channel (the server's locale)
transfer-event-opener = { $actor } handed the ticket to { $member }
transfer-log-opener = 🔀 Ticket #{ NUMBER($number, useGrouping: 0) } handed to { $member } by { $actor }
