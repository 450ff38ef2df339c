## Nothing lost, nothing leaked: guarded admin commands, restarts, deleted references.

reload-not-allowed = Only this server's staff or members who can manage the server can reload its configuration.
reload-texts-kept = The bot's shared texts could not be reloaded; the previous texts stay in force. The bot's host has been told.

## What a member typed is never dropped

# $typed: what the member typed in the dialog, quoted
open-dialog-expired = This form has expired, so no ticket was opened. Here is what you typed, to copy into a new one:
    { $typed }
