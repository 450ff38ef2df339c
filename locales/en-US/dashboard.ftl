## The staff dashboard (guichet web): sign in with Discord, tickets, transcripts.

web-title = Guichet dashboard
web-server-nav = This server
web-nav-tickets = Tickets
web-nav-search = Search transcripts
web-language = Language
web-language-switch = Change
# $name: the signed-in person's Discord display name
web-signed-in-as = Signed in as { $name }
web-sign-out = Sign out
web-you = you
web-nobody = nobody
web-any = any
web-back-home = Back to your servers

## Signing in

web-signin-title = Sign in
web-signin-intro = Sign in with your Discord account to work the tickets of the servers where you are staff.
web-signin-button = Sign in with Discord
web-signin-continue = Signed in: continue to the dashboard
web-signin-state = This sign-in did not start here, or it took too long. Sign in again.
web-signin-denied = The sign-in was cancelled on Discord. Sign in again when you are ready.
web-signin-failed = Discord could not be reached or refused the sign-in. Try again in a moment.

## Servers

web-servers = Your servers
web-no-servers = You are not staff of any server Guichet serves: no ticket to show. Staff roles, handler roles and Manage Server give access.

## The ticket list

web-tickets = Tickets
web-by-status = By status
web-all-statuses = All
web-filter-status = Status
web-filter-priority = Priority
web-filter-topic = Topic
web-filter-claimed = Claimed by
web-filter-claimed-hint = me, none or an id
web-filter-opener = Opened by (member id)
web-filter-opened-from = Opened from
web-filter-opened-to = Opened until
web-filter-closed-from = Closed from
web-filter-closed-to = Closed until
web-filter-apply = Filter
web-filter-reset = Clear filters
web-filter-bad-date = A date is not understood: use the date picker (year-month-day).
web-filter-bad-user = A member is not understood: give their Discord id (digits), or me or none.
web-filter-bad-topic = That topic is not in this server's configuration.
web-sort = Sort
web-sort-newest = Newest first
web-sort-oldest = Oldest first
web-sort-priority = Priority, urgent first
web-sort-closed = Recently closed
web-col-number = Ticket
web-col-topic = Topic
web-col-status = Status
web-col-priority = Priority
web-col-system = System
web-col-opener = Member
web-col-opened-by = Opened by (staff)
web-col-claimed = Claimed by
web-col-members = Added members
web-col-opened = Opened
web-col-closed = Closed
web-col-reason = Reason
web-col-close-reason = Reason for closing
web-go-to-number = Ticket number
web-go = Open
web-number-not-found = No ticket with that number that you may see in this server.
web-their-tickets = their tickets
web-no-tickets = No ticket matches these filters.
web-first-page = First page
web-next-page = Next page
# $number: the ticket's number in its server
web-ticket-number = #{ NUMBER($number, useGrouping: 0) }
# $number: the ticket's number; $topic: its topic's label
web-ticket-title = Ticket #{ NUMBER($number, useGrouping: 0) } · { $topic }

## A ticket

web-actions = Actions
web-set-status = Set status
web-set-priority = Set priority
web-claim = Claim
web-release = Release
web-notes = Internal notes
web-no-notes = No note yet. Notes are seen by staff only, never posted in Discord.
web-add-note = Add a note
web-save-note = Save the note
web-transcripts = Transcripts
web-no-transcripts = No transcript yet: one is made when the ticket closes.
# $when: the date; $count: how many messages it holds
web-transcript-of = Transcript of { $when } ({ $count ->
    [one] one message
   *[other] { $count } messages
})
web-download = Download
web-history = History
# $actor: the Discord id of who did it (empty when the bot did)
web-event-created = Opened { $actor }
web-event-activated = Channel ready
web-event-status = Status changed by { $actor }
web-event-priority = Priority changed by { $actor }
web-event-claimed = Claimed by { $actor }
web-event-unclaimed = Released by { $actor }
web-event-member_added = Member added by { $actor }
web-event-member_removed = Member removed by { $actor }
web-event-closed = Closed by { $actor }
web-event-reopened = Reopened by { $actor }
web-event-deleted = Deleted by { $actor }
web-event-note = Note added by { $actor }
web-event-transcript = Transcript made { $actor }

## Transcripts and search

# $number: the ticket's number
web-transcript-title = Transcript of ticket #{ NUMBER($number, useGrouping: 0) }
# $number: the ticket's number
web-back-to-ticket = Back to ticket #{ NUMBER($number, useGrouping: 0) }
web-search = Search transcripts
web-search-label = Words to find
web-search-button = Search
# $query: what was searched for
web-no-hits = No transcript holds “{ $query }”.

## Errors

web-error-title = Not available
web-error-not-found = Nothing here, or nothing you may see. Staff see the tickets of the systems their roles handle.
web-error-csrf = This form expired or was sent from another page. Go back, reload the page and try again.
web-error-discord = Discord is not answering, so who may see what cannot be checked. Try again in a moment.
web-error-internal = Something went wrong on our side; it has been logged. Try again in a moment.

## guichet web: its settings, checked at start

web-help = Serve the staff dashboard (sign in with Discord)
web-opt-port = port to listen on (default: GUICHET_WEB_PORT, else 8080)
# $name: an environment variable
web-setting-missing = { $name } is not set: the dashboard needs it (see README, "The staff dashboard").
# $name: an environment variable
web-setting-url = { $name } must be an http:// or https:// address with no path, e.g. https://tickets.example.org
# $name: an environment variable
web-setting-port = { $name } must be a port number (0 to 65535; 0: any free port).
# $name: an environment variable
web-setting-client-id = { $name } must be the application's id (digits), from the Developer Portal's OAuth2 page.
# $name: an environment variable; $length: the minimum length
web-setting-secret-short = { $name } is too short: at least { $length } characters (for instance: python -c "import secrets; print(secrets.token_urlsafe(32))").
# $name: an environment variable; $reason: the system's explanation
web-setting-file-unreadable = { $name } cannot be read ({ $reason }).
# $name: an environment variable
web-setting-file-empty = { $name } names an empty file.
# $name: an environment variable
web-setting-hours = { $name } must be a number of hours from 0.05 to 720.
# $url: the dashboard's address
web-ready = Staff dashboard: { $url }
# $url: the redirect URL to register
web-redirect-hint = Register this OAuth2 redirect in the Developer Portal: { $url }
web-needs-token = guichet web acts on Discord through the bot: set GUICHET_TOKEN (or GUICHET_TOKEN_FILE), or run it beside a sandbox (GUICHET_DISCORD_API).
# $client: the emulator's OAuth2 client id and secret, as environment variables
web-sandbox-hint = Staff dashboard against this Discord: to the bot's settings above (database, API, token) add { $client } GUICHET_WEB_URL=http://127.0.0.1:8080 GUICHET_WEB_SESSION_SECRET=(32 characters or more), then run guichet web.
