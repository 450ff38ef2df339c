## Nothing lost, nothing leaked: guarded admin commands, restarts, deleted references.

reload-not-allowed = Only this server's staff or members who can manage the server can reload its configuration.
reload-texts-kept = The bot's shared texts could not be reloaded; the previous texts stay in force. The bot's host has been told.

## What a member typed is never dropped

# $typed: what the member typed in the dialog, quoted
open-dialog-expired = This form has expired, so no ticket was opened. Here is what you typed, to copy into a new one:
    { $typed }

## Bounds on a server file (a careless or hostile pull request cannot hang or crash a check)

# $size, $limit: bytes
config-limit-file-size = the file is { $size } bytes long; a server file may be at most { $limit } bytes
# $length, $limit: characters
config-limit-line-length = this line is { $length } characters long; lines may be at most { $limit } characters
config-limit-depth = lists and mappings are nested more than { $limit } levels deep here
config-limit-values = the file holds more than { $limit } values
config-limit-expanded = aliases (*name) expand the file to more than { $limit } values here
config-limit-keys = the file holds more than { $limit } keys, aliases expanded
# $tag: the YAML type asked for (int, float...), $value: the value as written
config-yaml-bad-value = { $value } is not a valid { $tag }

## Bounds on a .ftl file

# $size, $limit: bytes
ftl-limit-file-size = the file is { $size } bytes long; a .ftl file may be at most { $limit } bytes
# $length, $limit: characters
ftl-limit-line-length = this line is { $length } characters long; lines may be at most { $limit } characters
ftl-limit-depth = placeables ({ "{" }…{ "}" }) and calls are nested more than { $limit } levels deep here
ftl-limit-entries = the file holds { $count } entries; a .ftl file may hold at most { $limit }
# $id: the message or term whose references loop
ftl-limit-reference-cycle = { $id } refers to itself, directly or through other messages: it could never be shown
ftl-limit-reference-depth = { $id } starts a chain of more than { $limit } messages referring to one another
# $reason: the system's words for the failure
ftl-unreadable = the file cannot be read: { $reason }

## Restarts and clean-up

tickets-delete-queued = Ticket #{ NUMBER($number, useGrouping: 0) } is deleted. Discord did not remove its channel just now; the bot will remove it shortly.
restarting = { -brand } is restarting. Please try again in a moment.

## Deleted references: ids a server file names that Discord no longer has

# $kind: one of the drift-kind-* phrases; $id: the id as written
drift-reference-missing = { $kind } { $id } no longer exists in Discord (deleted since the file was written?)
drift-kind-role = role
drift-kind-channel = channel
drift-kind-emoji = custom emoji
tickets-setup-missing = This kind of ticket can't be opened right now: the place it goes to no longer exists. The staff have been told.
