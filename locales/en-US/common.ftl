# General bot messages shared by every feature.

-brand = Guichet

## Generic answers

yes = Yes
no = No
cancel = Cancel
confirm = Confirm

## Errors shown to members and staff (ephemeral replies)

error-generic = Something went wrong on our side. Please try again in a moment.
error-try-again = That didn't work. Please try again.
error-missing-permissions = You don't have permission to do that.
error-staff-only = Only the support team can do that.
# $permissions: the missing permissions, already listed in the member's language
error-bot-missing-permissions = I'm missing permissions to do that here: { $permissions }. Please ask a server administrator to grant them.
error-unknown-ticket = Ticket #{ NUMBER($number, useGrouping: 0) } doesn't exist.
error-not-a-ticket = This only works inside a ticket.
error-guild-only = This command only works in a server.
error-not-configured = { -brand } isn't set up on this server yet.
error-interaction-expired = This action has expired. Please run the command again.
# $seconds: whole seconds before the member may try again
error-rate-limited = { $seconds ->
    [one] You're going a bit fast. Try again in one second.
   *[other] You're going a bit fast. Try again in { $seconds } seconds.
}
# $duration: a formatted duration, e.g. "5 minutes"
error-cooldown = You've just opened a ticket. You can open another one in { $duration }.

## Tickets

ticket-label = Ticket #{ NUMBER($number, useGrouping: 0) }
ticket-count = { $count ->
    [0] No tickets
    [one] One ticket
   *[other] { $count } tickets
}

ticket-status-open = Open
ticket-status-in-progress = In progress
ticket-status-on-hold = On hold
ticket-status-closed = Closed

ticket-priority-low = Low
ticket-priority-normal = Normal
ticket-priority-high = High
ticket-priority-urgent = Urgent

## Durations

duration-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
