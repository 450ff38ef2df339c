# Staff tools (issue 16): blocking members from opening tickets, and the roles a system lets
# open (open_roles, blocked_roles in the server file).

cmd-ticket-block-name = block
cmd-ticket-block-desc = Stop a member from opening tickets on this server
cmd-ticket-block-opt-member-name = member
cmd-ticket-block-opt-member-desc = The member to block
cmd-ticket-block-opt-reason-name = reason
cmd-ticket-block-opt-reason-desc = Why (the member is told)
cmd-ticket-block-opt-duration-name = duration
cmd-ticket-block-opt-duration-desc = For how long, e.g. 30m, 12h, 7d (default: until unblocked)
cmd-ticket-unblock-name = unblock
cmd-ticket-unblock-desc = Let a blocked member open tickets again
cmd-ticket-unblock-opt-member-name = member
cmd-ticket-unblock-opt-member-desc = The member to unblock
cmd-ticket-blocks-name = blocks
cmd-ticket-blocks-desc = List the members blocked from opening tickets

# $member: a mention; $reason: staff's words; $until: a date and "in 3 days", shown by Discord
blocks-blocked-reply = { $member } can no longer open tickets on this server. Reason: { $reason }
blocks-blocked-until-reply = { $member } can't open tickets on this server until { $until }. Reason: { $reason }
blocks-reblocked-reply = { $member } was already blocked: the block now has no end. Reason: { $reason }
blocks-reblocked-until-reply = { $member } was already blocked: the block now ends { $until }. Reason: { $reason }
blocks-unblocked-reply = { $member } can open tickets again.
blocks-not-blocked = { $member } isn't blocked.
blocks-cannot-block-staff = { $member } is on the support team: staff can't be blocked.
blocks-cannot-block-bot = I can't block myself.
blocks-reason-empty = Please give a reason: the member is told why.
# $duration: what staff typed
blocks-bad-duration = "{ $duration }" isn't a duration. Write it like 30m, 12h, 7d or 1d12h.

blocks-you-are-blocked = You can't open tickets on this server. Reason: { $reason }
blocks-you-are-blocked-until = You can't open tickets on this server until { $until }. Reason: { $reason }
# $roles: role mentions, separated by commas
blocks-role-required = Only members with one of these roles can open these tickets: { $roles }.
# $role: a role mention
blocks-role-blocked = Members with the { $role } role can't open these tickets.

# $count: blocks in force
blocks-list-title = { $count ->
    [0] Blocked members
    [one] Blocked members (1)
   *[other] Blocked members ({ NUMBER($count) })
}
blocks-list-empty = Nobody is blocked on this server.
# $since: "2 hours ago", shown by Discord; $staff: who blocked
blocks-list-line = { $member }, by { $staff } { $since }: { $reason }
blocks-list-line-until = { $member } until { $until }, by { $staff } { $since }: { $reason }
# $count >= 1
blocks-list-more = { $count ->
    [one] and 1 more, not shown
   *[other] and { NUMBER($count) } more, not shown
}

blocks-info-field = Opener blocked
blocks-info-value = By { $staff } { $since }: { $reason }
blocks-info-value-until = Until { $until }, by { $staff } { $since }: { $reason }

# Log channel (the server's locale). $actor: staff who acted
blocks-log-blocked = { $actor } blocked { $member } from opening tickets: { $reason }
blocks-log-blocked-until = { $actor } blocked { $member } from opening tickets until { $until }: { $reason }
blocks-log-unblocked = { $actor } unblocked { $member }.

# guichet validate. $role: the role id
config-role-open-and-blocked = role { $role } is in both open_roles and blocked_roles: its members could never open a ticket
