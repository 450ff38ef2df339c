# /ticket stats (issue 16)

cmd-ticket-stats-name = stats
cmd-ticket-stats-desc = Ticket figures: counts, median times, per handler
cmd-ticket-stats-opt-period-name = period
cmd-ticket-stats-opt-period-desc = Over which period (default: the last 7 days)
cmd-ticket-stats-opt-member-name = member
cmd-ticket-stats-opt-member-desc = Only the tickets this staff member handled
cmd-ticket-stats-choice-day = Last 24 hours
cmd-ticket-stats-choice-week = Last 7 days
cmd-ticket-stats-choice-month = Last 30 days
cmd-ticket-stats-choice-all = All time

# $period: one of the choices above
stats-title = Ticket figures: { $period }
stats-for-member = Tickets handled by { $member }
stats-opened = Opened
stats-closed = Closed
stats-still-open = Still open
stats-first-claim = Median time to first claim
stats-resolution = Median time to close
stats-handlers = Per handler
stats-none = none yet
# $closed >= 1: tickets closed; $median: a duration, e.g. "3 hours"
stats-handler-line = { $member }: { $closed ->
    [one] 1 closed
   *[other] { $closed } closed
}, median { $median }
