# An opening that waits behind Discord's rate limits (a burst of openings): the member's
# deferred answer is edited to this once, then replaced by the usual answer.

opening-wait-slowed = ⏳ Your ticket is being created. Discord is slowing things down right now, so it takes a little longer: the link will appear here, no need to click again.
