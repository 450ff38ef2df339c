## The member's summary on close (issue 15): a direct message to the opener, in their
## language; in the kept ticket when they accept no DMs.

# $guild: the server's name; $number: the ticket's number
summary-title = Your ticket #{ NUMBER($number, useGrouping: 0) } on { $guild } is closed
summary-field-topic = Topic
summary-field-closed-by = Closed by
summary-field-reason = Reason
summary-no-reason = No reason given
summary-transcript = The conversation is attached, as a web page and as text.
summary-rate = How did we do? Rate this ticket from 1 (poor) to 5 (excellent).
# In the ticket when the DM could not be sent. $member: the opener (pinged)
summary-fallback = { $member }, your private messages are closed to this server, so here is your ticket's summary.

## The log channel, in the server's language. $member: the opener (a mention that pings
## nobody); $number: the ticket's number; $channel: the ticket (a channel mention)
summary-log-dm = 📨 Ticket #{ NUMBER($number, useGrouping: 0) }: { $member } was sent the summary by DM.
summary-log-channel = 📨 Ticket #{ NUMBER($number, useGrouping: 0) }: { $member } accepts no DMs, so the summary was posted in the ticket ({ $channel }).
summary-log-none = 📭 Ticket #{ NUMBER($number, useGrouping: 0) }: { $member } accepts no DMs and the ticket was deleted, so they were not told.
summary-log-failed = ⚠️ Ticket #{ NUMBER($number, useGrouping: 0) }: Discord kept failing, so { $member } was not sent the summary.

## /ticket info, in the viewer's language. $when: a date and time
summary-info-field = Member told
summary-info-dm = By DM, { $when }
summary-info-channel = In the ticket (their DMs are closed), { $when }
summary-info-none = Not told: their DMs are closed and the ticket was deleted ({ $when })
summary-info-failed = Not told: Discord kept failing ({ $when })
