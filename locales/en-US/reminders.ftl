## Awaiting reply (issue 15): a ticket on hold reminds its opener, once, in their language.

# $member: the opener (a mention); $since: when the ticket went on hold (a Discord relative
# timestamp, shown in each reader's language)
reminder-on-hold = ⏰ { $member }, staff have been waiting for your reply since { $since }: answer here when you can.
