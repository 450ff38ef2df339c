## /ticket close-request (issue 15): staff ask, the opener answers, or it closes by itself.

cmd-ticket-close-request-name = close-request
cmd-ticket-close-request-desc = Ask the member whether this ticket can be closed
cmd-ticket-close-request-opt-reason-name = reason
cmd-ticket-close-request-opt-reason-desc = Why (shown to the member, kept as the closing reason)
cmd-ticket-close-request-opt-delay-name = delay
cmd-ticket-close-request-opt-delay-desc = Closes after this without an answer: 30m, 12h, 2d (default 24h)

## The prompt in the ticket (the opener's language). $staff: who asks; $member: the opener;
## $when: when it closes without an answer (a Discord relative timestamp); $reason: the staff's

close-request-prompt = 📨 { $member }, { $staff } thinks this ticket can be closed. Close it, or keep it open: without an answer it closes { $when }.
close-request-prompt-reason = 📨 { $member }, { $staff } thinks this ticket can be closed: “{ $reason }”. Close it, or keep it open: without an answer it closes { $when }.
close-request-accept-button = Close it
close-request-keep-button = Keep it open
# $member: the opener, who answered
close-request-accepted = 🔒 { $member } accepted: the ticket is closed.
close-request-kept = 🔓 { $member } kept the ticket open.
close-request-expired = ⌛ No answer in time: the ticket is closed.
close-request-accepted-reason = Closed at the member's request, after staff asked.
close-request-expired-reason = Closed automatically: the member did not answer a close request.

## Ephemeral answers (the acting person's language)

# $member: the opener; $when: when it closes without an answer
close-request-posted = Asked { $member }: the ticket closes { $when } unless they keep it open.
close-request-staff-only = Only staff can ask to close a ticket.
# $number: the ticket's number
close-request-closed = Ticket #{ NUMBER($number, useGrouping: 0) } is already closed.
# $delay: what was typed
close-request-bad-delay = “{ $delay }” is not a delay between 1m and 30d: write it like 30m, 12h or 2d.
close-request-not-opener = Only { $member } can answer this request.
close-request-not-pending = This request was already answered, or the ticket is closed.
