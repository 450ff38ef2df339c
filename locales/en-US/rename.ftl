# /ticket rename (issue 16)

cmd-ticket-rename-name = rename
cmd-ticket-rename-desc = Rename this ticket's channel
cmd-ticket-rename-opt-name-name = name
cmd-ticket-rename-opt-name-desc = The new name

# $channel: the channel's mention (shows its new name)
rename-done = Ticket #{ NUMBER($number, useGrouping: 0) } is now { $channel }.
rename-empty = Please give a name.
rename-refused = Discord refused that name. Please try another one.
# $count: renames Discord allows per channel in 10 minutes (2); $when: "in 7 minutes", shown by Discord
rename-too-soon = Discord lets a channel be renamed only { $count } times every 10 minutes. You can rename this ticket again { $when }.
# Log channel (the server's locale)
rename-log = ✏️ Ticket #{ NUMBER($number, useGrouping: 0) } renamed { $channel } by { $actor }
