## /ticket info (issue 15): the opener left the server. In the viewer's language.

member-left-info-field = Opener
# $member: the opener (a mention); $when: when they left (a date and time)
member-left-info-value = { $member } left the server on { $when }
