# Tickets: opening, the ticket's own messages, closing, reopening, deleting.
# Mentions ($opener, $staff, $member, $handlers, $channel) arrive already formatted
# as Discord mentions; $when is a Discord timestamp each client shows in its language.

## The ticket's first message (in the opener's language)

# $opener: the member the ticket is for
tickets-welcome-content = Welcome { $opener }!
# $handlers: the support roles, mentioned
tickets-welcome-content-handlers = Welcome { $opener }! { $handlers } will be with you shortly.
tickets-welcome-default = Thanks for reaching out. Tell us what you need and a member of staff will answer here.
# $staff: the staff member who opened the ticket on the member's behalf
tickets-welcome-opened-for-you = { $staff } opened this ticket for you.
# $topic: the topic's label
tickets-welcome-title = Ticket #{ NUMBER($number, useGrouping: 0) } · { $topic }
tickets-field-reason = Reason
tickets-field-opened-by = Opened by
tickets-channel-topic = Ticket #{ NUMBER($number, useGrouping: 0) } · { $topic }

## Buttons

tickets-button-close = Close
tickets-button-claim = Claim
tickets-button-reopen = Reopen
tickets-button-delete = Delete
tickets-button-close-confirm = Close the ticket
tickets-button-close-with-reason = Close with a reason

## Closing and reopening (in the ticket)

tickets-closed-title = Ticket #{ NUMBER($number, useGrouping: 0) } closed
tickets-closed-by = Closed by { $member }.
tickets-reopened-title = Ticket #{ NUMBER($number, useGrouping: 0) } reopened
tickets-reopened-by = Reopened by { $member }.

## Answers to the member who acted (only they see them)

tickets-close-confirm = Close ticket #{ NUMBER($number, useGrouping: 0) }?
tickets-close-confirm-reason = Close ticket #{ NUMBER($number, useGrouping: 0) }? A reason is required.
# Followed by the reason given with /ticket close, quoted
tickets-close-confirm-with-reason = Close ticket #{ NUMBER($number, useGrouping: 0) } with this reason?
tickets-close-prompt-expired = This confirmation has expired. Please run the command again.
tickets-created = Your ticket is ready: { $channel }
tickets-created-for = Ticket { $channel } is open for { $member }.
tickets-in-progress = Your ticket is being created. It will appear in a moment.
# $max >= 1: the most open tickets a member may have in this system; $channel: one of them
tickets-too-many = { $max ->
    [one] You already have an open ticket: { $channel }. Close it before opening another.
   *[other] You already have { $max } open tickets, the most allowed. Your latest: { $channel }
}
# $max >= 1
tickets-too-many-no-link = { $max ->
    [one] You already have an open ticket. Close it before opening another.
   *[other] You already have { $max } open tickets, the most allowed.
}
# The same, when a cooldown also applies: $when says when they may open again ($max >= 1)
tickets-too-many-cooldown = { $max ->
    [one] You already have an open ticket: { $channel }. Close it first; you can open another one { $when }.
   *[other] You already have { $max } open tickets, the most allowed. Your latest: { $channel }. Close one first; you can open another one { $when }.
}
# $max >= 1
tickets-too-many-no-link-cooldown = { $max ->
    [one] You already have an open ticket. Close it first; you can open another one { $when }.
   *[other] You already have { $max } open tickets, the most allowed. Close one first; you can open another one { $when }.
}
tickets-cooldown = You've just opened a ticket. You can open another one { $when }.
# $channel: the member's open ticket
tickets-cooldown-link = You've just opened a ticket: { $channel }. You can open another one { $when }.
tickets-system-disabled = This ticket system is closed for now. Please try again later.
tickets-unknown-topic = This topic no longer exists. Please pick another one.
tickets-category-full = The ticket category is full right now. Please try again later.
tickets-guild-full = This server has reached Discord's channel limit, so no ticket can be opened right now.
tickets-thread-limit = Too many threads are active right now. Please try again later.
tickets-retry-later = Discord didn't answer as expected. Please try again in a moment.
# $permissions: the missing permissions, listed
tickets-bot-missing-permissions = I'm missing permissions to create tickets here: { $permissions }. Please ask a server administrator to grant them.
tickets-not-allowed-open-for = Only the support team can open a ticket for another member.
tickets-not-allowed-close = Only the member who opened this ticket or the support team can close it.
tickets-staff-only = Only the support team can do that.
tickets-unknown-ticket = This ticket doesn't exist anymore.
tickets-already-closed = This ticket is already closed.
tickets-not-closed = This ticket is not closed.
tickets-deleted = This ticket has been deleted.
tickets-reason-required = Please give a reason to close this ticket.
tickets-closed-reply = Ticket #{ NUMBER($number, useGrouping: 0) } is closed.
tickets-closed-deleting = Ticket #{ NUMBER($number, useGrouping: 0) } is closed and its channel deleted.
tickets-close-incomplete = Ticket #{ NUMBER($number, useGrouping: 0) } is closed, but I couldn't update its channel. Please check my permissions.
tickets-reopened-reply = Ticket #{ NUMBER($number, useGrouping: 0) } is open again.
tickets-reopen-incomplete = Ticket #{ NUMBER($number, useGrouping: 0) } is open again, but I couldn't update its channel. Please check my permissions.
tickets-deleted-reply = Ticket #{ NUMBER($number, useGrouping: 0) } is deleted.
tickets-delete-failed = I couldn't delete the channel of ticket #{ NUMBER($number, useGrouping: 0) }. Please check my permissions.

## Permission names, for the missing-permissions answer

tickets-permission-view-channel = View Channel
tickets-permission-manage-channels = Manage Channels
tickets-permission-manage-roles = Manage Roles
tickets-permission-send-messages = Send Messages
tickets-permission-send-messages-in-threads = Send Messages in Threads
tickets-permission-create-private-threads = Create Private Threads
tickets-permission-manage-threads = Manage Threads
tickets-permission-embed-links = Embed Links
tickets-permission-attach-files = Attach Files
tickets-permission-read-message-history = Read Message History
tickets-permission-manage-messages = Manage Messages

## Slash commands and modals

tickets-not-configured = Tickets are not set up on this server.
tickets-pick-topic = Please pick a topic from the list.
tickets-open-reason-required = Please give a reason to open a ticket.
tickets-not-a-ticket = This command only works inside a ticket.
tickets-close-modal-title = Close ticket #{ NUMBER($number, useGrouping: 0) }
tickets-close-reason-placeholder = Why is this ticket being closed?
