## The opener left the server (issue 15)

# $member: who left (a mention that pings nobody)
member-left-notice = 🚪 { $member } left the server: this ticket stays open until staff close it.
member-left-reason = Closed automatically: the member left the server.
# The log channel. $member: who left; $number, $channel: their ticket
staff-log-member-left = 🚪 { $member } left the server; their ticket #{ NUMBER($number, useGrouping: 0) } ({ $channel }) stays open.
