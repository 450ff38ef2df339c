## Staff-facing messages about the bot's own configuration.

admin-reload-done = Configuration reloaded: { $servers ->
        [one] one server
       *[other] { $servers } servers
    }, { $changes ->
        [0] no panel changed
        [one] one panel changed
       *[other] { $changes } panels changed
    }.
# $count >= 1: shown only when there are errors
admin-reload-errors = { $count ->
        [one] One configuration error; the previous configuration stays in force where it applies:
       *[other] { $count } configuration errors; the previous configuration stays in force where it applies:
    }
admin-reload-panel-failed = Panel “{ $panel }” could not be updated: { $reason }
admin-reload-unsafe = The new configuration would delete { $deletes } of { $existing } panels; nothing was applied. Run `guichet apply --force` to confirm.
admin-port-error-missing_permissions = the bot lacks a permission in that channel
admin-port-error-missing_access = the bot cannot see that channel
admin-port-error-unknown_channel = the channel does not exist
admin-port-error-unknown_message = the message was deleted
admin-port-error-server_error = Discord had a server error, it will be retried
admin-port-error-rate_limited = Discord rate limit, it will be retried
admin-port-error-timeout = Discord did not answer in time, it will be retried
admin-port-error-other = Discord refused the request
