# Staff tools: claim, members, status and priority, notes, info, the ticket list,
# manual approval and the log channel.
# Mentions ($staff, $member, $actor, $opener, $channel) arrive already formatted as Discord
# mentions; $when/$created are dates already formatted for the reader's language.
# Status and priority names come from common.ftl (ticket-status-*, ticket-priority-*).

## The ticket's first message, kept up to date (in the opener's language)

staff-field-status = Status
staff-field-priority = Priority
staff-field-claimed-by = Handled by
staff-unclaimed = Nobody yet
staff-button-unclaim = Unclaim
staff-claimed-notice = { $staff } is now handling this ticket.
# A thread ticket released after a claim that hid it; $handlers: the roles, mentioned
staff-handlers-back = { $handlers } can see this ticket again.

## Answers to the staff member who acted (only they see them)

staff-claimed-reply = You're now handling ticket #{ NUMBER($number, useGrouping: 0) }.
staff-unclaimed-reply = Ticket #{ NUMBER($number, useGrouping: 0) } is no longer claimed.
staff-already-claimed = You're already handling this ticket.
staff-claimed-by-other = { $staff } is already handling this ticket. Unclaim it first.
staff-not-claimed = Nobody is handling this ticket.
staff-member-added-reply = { $member } was added to ticket #{ NUMBER($number, useGrouping: 0) }.
staff-member-already-in = { $member } is already in this ticket.
staff-member-removed-reply = { $member } was removed from ticket #{ NUMBER($number, useGrouping: 0) }.
staff-member-not-in = { $member } isn't a member of this ticket.
staff-cannot-remove-opener = { $member } opened this ticket, so they can't be removed from it.
staff-cannot-add-bot = I'm already in every ticket.
# $status: the status name
staff-status-reply = Ticket #{ NUMBER($number, useGrouping: 0) } is now: { $status }.
staff-status-unchanged = Ticket #{ NUMBER($number, useGrouping: 0) } is already: { $status }.
staff-status-use-close = To close a ticket, use its Close button.
# $priority: the priority name
staff-priority-reply = Ticket #{ NUMBER($number, useGrouping: 0) } now has priority: { $priority }.
staff-priority-unchanged = Ticket #{ NUMBER($number, useGrouping: 0) } already has priority: { $priority }.
staff-note-saved = Note saved on ticket #{ NUMBER($number, useGrouping: 0) }. Only staff can see it.
staff-note-empty = The note is empty.
staff-channel-not-updated = Ticket #{ NUMBER($number, useGrouping: 0) } is updated, but I couldn't update its channel. Please check my permissions.
staff-channel-failed = I couldn't change the channel of ticket #{ NUMBER($number, useGrouping: 0) }, so nothing was changed. Please check my permissions.

## Ticket info (only the staff member who asked sees it)

staff-info-title = Ticket #{ NUMBER($number, useGrouping: 0) } · { $topic }
staff-info-opener = Member
staff-info-topic = Topic
staff-info-channel = Channel
staff-info-opened-by = Opened by
staff-info-members = Added members
staff-info-no-members = None
staff-info-created = Created
staff-info-closed = Closed
staff-info-close-reason = Close reason
staff-info-history = History
# $count >= 1: older history entries that don't fit
staff-info-earlier = { $count ->
    [one] … one earlier entry
   *[other] … { $count } earlier entries
}
staff-info-notes = Internal notes
staff-info-no-notes = No notes yet.
staff-note-by = By { $author }
staff-someone = someone
# $when: date and time; $text: what happened
staff-history-line = { $when } · { $text }
staff-event-created = opened by { $actor }
staff-event-status = { $actor } changed the status from { $from } to { $to }
staff-event-priority = { $actor } changed the priority from { $from } to { $to }
staff-event-claimed = claimed by { $actor }
staff-event-unclaimed = unclaimed by { $actor }
staff-event-member-added = { $actor } added { $member }
staff-event-member-removed = { $actor } removed { $member }
staff-event-closed = closed by { $actor }
staff-event-reopened = reopened by { $actor }
staff-event-deleted = deleted by { $actor }
staff-event-transcript = transcript saved

## The ticket list

staff-list-title = Tickets
staff-list-empty = No ticket matches these filters.
# $created: the creation date; $channel may be empty
staff-list-line = **#{ NUMBER($number, useGrouping: 0) }** { $channel } · { $topic } · { $status } · { $priority } · { $opener } · { $created }
staff-list-footer = Page { NUMBER($page) } of { NUMBER($pages) } · { $count ->
    [one] one ticket
   *[other] { NUMBER($count) } tickets
}
staff-button-previous = Previous
staff-button-next = Next

## Manual approval: the request in the reception channel (server's language)

approval-reception-title = Ticket request · { $topic }
approval-reception-description = { $member } would like to open a ticket.
approval-field-member = Member
approval-field-topic = Topic
approval-field-requested = Requested
approval-field-refuse-reason = Reason for refusing
approval-button-accept = Accept
approval-button-refuse = Refuse
approval-refuse-modal-title = Refuse the request
approval-refuse-placeholder = Why? The member reads it in their direct messages.
approval-decided-accepted = Accepted by { $staff }: { $channel }
approval-decided-refused = Refused by { $staff }.
approval-decided-member-left = { $member } left the server before the request was handled.

## Manual approval: answers

approval-sent = Your request was sent. The team will review it and you'll hear back soon.
approval-already-pending = You already have a request waiting for the team. Please wait for their answer.
approval-unavailable = Requests can't be sent right now. Please try again later.
approval-unknown = This request doesn't exist anymore.
approval-accepted-reply = Request accepted: { $channel } is open for { $member }.
approval-refused-reply = Request refused. { $member } was told by direct message.
approval-refused-no-dm = Request refused, but I couldn't tell { $member }: they don't accept direct messages from me.
# $status: accepted or refused
approval-already-decided = { $status ->
    [accepted] { $staff } already accepted this request.
   *[refused] { $staff } already refused this request.
}
approval-member-left = { $member } has left the server, so no ticket can be opened. The request is closed.
# Accepting would take the member past the system's maximum; the request stays pending.
# $max >= 1: the system's max_open_per_member
approval-member-too-many = { $member } already has { $max ->
    [one] an open ticket ({ $channel })
   *[other] { $max } open tickets, the most allowed (latest: { $channel })
}. The request stays pending: accept it once they've closed one.
# $max >= 1: the system's max_open_per_member
approval-member-too-many-no-link = { $member } already has { $max ->
    [one] an open ticket
   *[other] { $max } open tickets, the most allowed
}. The request stays pending: accept it once they've closed one.
approval-refused-dm-title = Your ticket request was refused
approval-refused-dm = The team refused your request about “{ $topic }”.

## The log channel (server's language): one line per event

staff-log-opened = 🎫 Ticket #{ NUMBER($number, useGrouping: 0) } ({ $topic }) opened by { $actor } in { $channel }
staff-log-opened-for = 🎫 Ticket #{ NUMBER($number, useGrouping: 0) } ({ $topic }) opened by { $actor } for { $member } in { $channel }
staff-log-claimed = 🙋 Ticket #{ NUMBER($number, useGrouping: 0) } claimed by { $actor }
staff-log-unclaimed = ↩️ Ticket #{ NUMBER($number, useGrouping: 0) } unclaimed by { $actor }
staff-log-member-added = ➕ { $actor } added { $member } to ticket #{ NUMBER($number, useGrouping: 0) }
staff-log-member-removed = ➖ { $actor } removed { $member } from ticket #{ NUMBER($number, useGrouping: 0) }
staff-log-status = 🔁 Ticket #{ NUMBER($number, useGrouping: 0) }: status { $from } → { $to } by { $actor }
staff-log-priority = ⚑ Ticket #{ NUMBER($number, useGrouping: 0) }: priority { $from } → { $to } by { $actor }
staff-log-closed = 🔒 Ticket #{ NUMBER($number, useGrouping: 0) } closed by { $actor }
staff-log-reopened = 🔓 Ticket #{ NUMBER($number, useGrouping: 0) } reopened by { $actor }
staff-log-deleted = 🗑️ Ticket #{ NUMBER($number, useGrouping: 0) } deleted by { $actor }
staff-log-approved = ✅ { $actor } accepted the request of { $member } ({ $topic }): ticket #{ NUMBER($number, useGrouping: 0) }
staff-log-refused = ✖️ { $actor } refused the request of { $member } ({ $topic })
staff-log-transcript = 📄 Transcript of ticket #{ NUMBER($number, useGrouping: 0) } saved
# Discord stopped an opening; $problem: missing-permissions (then $permissions lists them),
# category_full, guild_full, thread_limit, or another error kind
staff-log-open-failed = ⚠️ Couldn't open a ticket ({ $topic }) for { $member }: { $problem ->
    [missing-permissions] I'm missing permissions: { $permissions }.
    [category_full] the category is full (50 channels).
    [guild_full] the server has reached Discord's 500 channels.
    [thread_limit] the server has reached Discord's 1000 active threads.
    [missing-channel] the category or channel this system names no longer exists: fix the server file.
   *[other] Discord answered with an error; the member was asked to try again.
}
# $line: one of the lines above; $reason: what the member typed, already escaped
staff-log-with-reason = { $line }: “{ $reason }”
