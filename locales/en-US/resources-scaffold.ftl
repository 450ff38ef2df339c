## guichet new-server --declare: comments of the scaffolded file (the admin's language) and
## the names of what it declares (the server's language)

cli-new-server-declare-help = declare the staff role, the ticket category and the channels in the file (guichet apply creates them): no id to copy but the server's
cli-new-server-next-declared = Check it with: guichet validate { $path }; then guichet plan shows what guichet apply will create.
cli-declare-staff = the Staff role declared below
cli-declare-resources = Created by guichet apply, then kept as declared. To take over one you already have, add adopt: true (same name) or adopt: its id.
cli-declare-overwrites = only staff and the bot see the category
cli-declare-in-category = a channel in the category starts from its overwrites
cli-declare-support = members read the panel here; only the bot writes
cli-declare-name-staff = Staff
cli-declare-name-tickets = Tickets
cli-declare-name-log = ticket-log
cli-declare-name-transcripts = transcripts
cli-declare-name-support = support
cli-declare-support-topic = Open a ticket below.
