# /ticket move (issue 16)

cmd-ticket-move-name = move
cmd-ticket-move-desc = Move this ticket to another topic (its members stay)
cmd-ticket-move-opt-topic-name = topic
cmd-ticket-move-opt-topic-desc = The topic it belongs to now

# $topic: the topic's name
move-done = Ticket #{ NUMBER($number, useGrouping: 0) } now belongs to { $topic }. Everyone in it stays.
move-unchanged = This ticket already belongs to { $topic }.
move-other-style = This ticket can't move there: threads and channels can't change into each other.
# History in /ticket info, and the log channel (the server's locale)
move-event = { $actor } moved the ticket
move-log = ↪️ Ticket #{ NUMBER($number, useGrouping: 0) } moved to { $topic } by { $actor }
