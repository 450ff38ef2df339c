## The sandbox page: the local emulator's Discord in a browser, and the CLI lines about it.

sandbox-page-title = Guichet sandbox
sandbox-skip-to-composer = Skip to the message box
sandbox-servers = Servers
sandbox-channels = Channels
sandbox-messages = Messages
sandbox-panel = Sandbox tools
sandbox-no-servers = The emulator holds no server. Add a server file under servers/ and start the sandbox again.
sandbox-no-channel = No channel you can see here.
sandbox-channel-missing = This channel does not exist or you cannot see it.
# $channel: the channel's name
sandbox-channel-empty = This is the beginning of #{ $channel }.

sandbox-direct-messages = Direct messages
sandbox-direct-empty = No direct message from the bot yet.

## Who am I

sandbox-whoami = Seen as
sandbox-client-language = Discord language
sandbox-switch = Switch
sandbox-owner = owner

## Messages

# $bot: the application's name
sandbox-thinking = { $bot } is thinking
sandbox-only-you = Only you can see this
sandbox-dismiss = Dismiss message
# $who: who ran the command; $command: the command, e.g. /ticket
sandbox-used-command = { $who } used { $command }
sandbox-external-image = Image on the web (not loaded offline)
sandbox-select-placeholder = Make a selection
sandbox-select-confirm = Confirm
# $min, $max: how many options may be chosen
sandbox-select-range = Choose { $min } to { $max }.
# $type: Discord's number for the component type
sandbox-component-unsupported = A component the sandbox does not draw (type { $type }).
sandbox-interaction-failed = The application did not respond.
sandbox-error-not-allowed = Discord would not let you do that here.
# $option: the option's name
sandbox-error-option = The value of { $option } is missing or not valid.
# $limit: the most characters a message may hold
sandbox-error-too-long = A message holds at most { $limit } characters.

## Composer and slash commands

sandbox-composer-label = Message
# $channel: the channel's name
sandbox-composer-placeholder = Message #{ $channel }
sandbox-composer-hint = Type / for the slash commands you may use here
sandbox-composer-commands-only = You cannot send messages here; type / for commands
sandbox-composer-no-permission = You do not have permission to send messages in this channel.
sandbox-send = Send
sandbox-commands = Commands
sandbox-no-commands = No command you may use here.
sandbox-run-command = Run
sandbox-true = True
sandbox-false = False
sandbox-attachment-option = Attachments cannot be sent from the sandbox.

## Modals

sandbox-modal-cancel = Cancel
sandbox-modal-submit = Submit
# $max: the most characters the field holds
sandbox-modal-length-max = Up to { $max } characters
# $min, $max: the fewest and the most characters the field holds
sandbox-modal-length-range = { $min } to { $max } characters

## Sandbox controls: people, roles, channels

sandbox-tab-activity = What the bot did
sandbox-tab-people = People and roles
sandbox-people = People
sandbox-control-hint = Sandbox controls act as Discord itself: the bot hears about each change as it would on a real server.
# $role: the role's name
sandbox-role-give = Give { $role }
# $role: the role's name
sandbox-role-take = Take { $role } away
sandbox-add-member = Add a member
sandbox-member-name = Name
sandbox-add = Add
sandbox-roles = Roles
# $count: members holding the role
sandbox-role-members = { $count ->
    [one] one member
   *[other] { $count } members
}
sandbox-delete = Delete
sandbox-delete-channel = Delete channel
# $channel: the channel's name
sandbox-delete-channel-confirm = Delete #{ $channel } for everyone?
# $role: the role's name
sandbox-delete-role-confirm = Delete the role { $role }?

## What the bot did

sandbox-bot = The bot
sandbox-bot-connected = Bot connected
sandbox-bot-offline = Bot not connected
sandbox-bot-offline-hint = Start a bot against this emulator with:
sandbox-reload = Reload configuration
sandbox-reload-hint = Runs /guichet reload as the server owner, as after editing a server file (the sandbox also does it when a file changes).
sandbox-reload-no-bot = No bot answers /guichet reload here yet.
sandbox-requests = Discord requests
# $count: requests since the page started; $writes: those that changed something
sandbox-requests-total = { $count ->
    [one] One request
   *[other] { $count } requests
} since the start, { $writes } changing something.
sandbox-requests-by-route = By route
# $count: requests made for one action; $writes: those that changed something
sandbox-requests-count = { $count ->
    [0] no request
    [one] one request
   *[other] { $count } requests
} ({ $writes ->
    [one] one write
   *[other] { $writes } writes
})
# $ms: milliseconds from the action to the bot's first answer
sandbox-answered-in = answered in { $ms } ms
sandbox-requests-details = Requests
# $count: requests not listed
sandbox-requests-more = And { $count } more.
# $count: requests the bot made before the first action on this page
sandbox-startup-requests = The bot made { $count } requests before the first action on this page (start-up, panel sync).
sandbox-col-method = Method
sandbox-col-route = Route
sandbox-col-status = Status
sandbox-col-time = Time
sandbox-col-bucket = Rate-limit bucket
sandbox-bucket-own = its own
# $remaining, $limit: requests left in the bucket's window, and how many it allows
sandbox-bucket-left = { $remaining }/{ $limit } left
# $ms: a duration in milliseconds
sandbox-ms = { $ms } ms

## One line per action ($who: the person; $detail: what they acted on)

sandbox-activity-click = { $who } clicked “{ $detail }”
sandbox-activity-select = { $who } chose { $detail }
sandbox-activity-modal = { $who } submitted “{ $detail }”
sandbox-activity-slash = { $who } ran { $detail }
sandbox-activity-say = { $who } wrote “{ $detail }”
sandbox-activity-language = { $who } switched Discord to { $detail }
sandbox-activity-member-added = { $detail } joined the server
sandbox-activity-role-given = { $who } was given { $detail }
sandbox-activity-role-taken = { $who } lost { $detail }
sandbox-activity-channel-deleted = #{ $detail } was deleted
sandbox-activity-role-deleted = The role { $detail } was deleted
sandbox-activity-reload = Configuration reloaded
sandbox-activity-file-changed = A server or locale file changed: configuration reloaded

## Command line

# $url: the page's address
sandbox-page-ready = Sandbox page: { $url } (open it in a browser to act as a member or staff)
sandbox-page-not-opened = Could not open a browser here; open { $url } yourself.
# $hint: the environment variables and command to run
sandbox-remote-hint = To run a bot elsewhere against this emulator: { $hint }
sandbox-api-needs-token = GUICHET_DISCORD_API is set: GUICHET_TOKEN must be the token of the bot there (the emulator prints its own).
sandbox-opt-open = open the sandbox page in a web browser
