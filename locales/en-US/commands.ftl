# Slash commands: names, descriptions, options and choices.
# Names (…-name) are what members type: lowercase, 1-32 letters, digits, "-" or "_", no spaces.
# The en-US names are API: never rename them. Descriptions: 1-100 characters.
# Choice names (…-choice-…) are labels: 1-100 characters, any case.

## /ticket

cmd-ticket-name = ticket
cmd-ticket-desc = Open and manage support tickets

cmd-ticket-open-name = open
cmd-ticket-open-desc = Open a new ticket
cmd-ticket-open-opt-topic-name = topic
cmd-ticket-open-opt-topic-desc = What your request is about
cmd-ticket-open-opt-reason-name = reason
cmd-ticket-open-opt-reason-desc = A few words about your request

cmd-ticket-create-name = create
cmd-ticket-create-desc = Open a ticket on behalf of a member
cmd-ticket-create-opt-member-name = member
cmd-ticket-create-opt-member-desc = The member the ticket is for
cmd-ticket-create-opt-topic-name = topic
cmd-ticket-create-opt-topic-desc = What the ticket is about
cmd-ticket-create-opt-reason-name = reason
cmd-ticket-create-opt-reason-desc = Why you are opening this ticket

cmd-ticket-close-name = close
cmd-ticket-close-desc = Close this ticket
cmd-ticket-close-opt-reason-name = reason
cmd-ticket-close-opt-reason-desc = Why the ticket is being closed

cmd-ticket-reopen-name = reopen
cmd-ticket-reopen-desc = Reopen this closed ticket

cmd-ticket-delete-name = delete
cmd-ticket-delete-desc = Delete this ticket for good

cmd-ticket-claim-name = claim
cmd-ticket-claim-desc = Take charge of this ticket

cmd-ticket-unclaim-name = unclaim
cmd-ticket-unclaim-desc = Hand this ticket back to the team

cmd-ticket-add-name = add
cmd-ticket-add-desc = Add a member to this ticket
cmd-ticket-add-opt-member-name = member
cmd-ticket-add-opt-member-desc = The member to add

cmd-ticket-remove-name = remove
cmd-ticket-remove-desc = Remove a member from this ticket
cmd-ticket-remove-opt-member-name = member
cmd-ticket-remove-opt-member-desc = The member to remove

cmd-ticket-status-name = status
cmd-ticket-status-desc = Change the status of this ticket
cmd-ticket-status-opt-value-name = value
cmd-ticket-status-opt-value-desc = The new status

cmd-ticket-priority-name = priority
cmd-ticket-priority-desc = Change the priority of this ticket
cmd-ticket-priority-opt-value-name = value
cmd-ticket-priority-opt-value-desc = The new priority

cmd-ticket-note-name = note
cmd-ticket-note-desc = Add an internal note, visible to staff only
cmd-ticket-note-opt-text-name = text
cmd-ticket-note-opt-text-desc = The note

cmd-ticket-info-name = info
cmd-ticket-info-desc = Show the details of this ticket

cmd-ticket-list-name = list
cmd-ticket-list-desc = List tickets
cmd-ticket-list-opt-status-name = status
cmd-ticket-list-opt-status-desc = Only tickets with this status
cmd-ticket-list-opt-priority-name = priority
cmd-ticket-list-opt-priority-desc = Only tickets with this priority
cmd-ticket-list-opt-topic-name = topic
cmd-ticket-list-opt-topic-desc = Only tickets about this topic
cmd-ticket-list-opt-member-name = member
cmd-ticket-list-opt-member-desc = Only tickets opened by this member

cmd-ticket-transcript-name = transcript
cmd-ticket-transcript-desc = Find the transcript of a ticket
cmd-ticket-transcript-opt-number-name = number
cmd-ticket-transcript-opt-number-desc = The ticket number

## Choices shared by /ticket status, /ticket priority and /ticket list

cmd-ticket-status-choice-open = Open
cmd-ticket-status-choice-in-progress = In progress
cmd-ticket-status-choice-on-hold = On hold
cmd-ticket-status-choice-closed = Closed

cmd-ticket-priority-choice-low = Low
cmd-ticket-priority-choice-normal = Normal
cmd-ticket-priority-choice-high = High
cmd-ticket-priority-choice-urgent = Urgent

## /guichet (staff)

cmd-guichet-name = guichet
cmd-guichet-desc = Manage the Guichet bot on this server
cmd-guichet-reload-name = reload
cmd-guichet-reload-desc = Reload this server's configuration and texts
