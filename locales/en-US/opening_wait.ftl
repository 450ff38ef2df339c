# An opening that waits behind Discord's rate limits (a burst of openings): the member's
# deferred answer is edited to this once, then replaced by the usual answer.

opening-wait-slowed = ⏳ Your ticket is being created. Discord is slowing things down right now, so it takes a little longer: the link will appear here, no need to click again.

# Staff opening a ticket for a member (/ticket create), while it waits the same way.
opening-wait-slowed-for = ⏳ The ticket is being created. Discord is slowing things down right now, so it takes a little longer: its link will appear here.
