## Auto-close on inactivity (issue 15). Posted in the ticket in the opener's language.

# $member: the opener (a mention); $when: when it closes, a Discord relative timestamp
# ("in 24 hours", shown in each reader's language); $at: the same as a date and time;
# $who: "member" when only the opener's messages count, "anyone" otherwise
autoclose-warning = { $who ->
        [member] ⏳ { $member }, this ticket has had no reply from you for a while: it closes { $when } ({ $at }) unless you write here.
       *[anyone] ⏳ { $member }, this ticket has been quiet for a while: it closes { $when } ({ $at }) unless someone writes here.
    }
autoclose-keep-button = Keep it open
# $member: who answered or clicked Keep it open
autoclose-cancelled = ✅ Auto-close cancelled: { $member } answered. The ticket stays open.
autoclose-reason = Closed automatically: the ticket had no reply after a warning.

## Validation of a server file

# $field: after, warning or on_hold_reminder; $minimum: the shortest period allowed, e.g. 1m
config-timer-too-short = { $field } must be at least { $minimum }: a shorter period leaves nobody time to answer

## guichet plan

# $file: the server file's name; $system; $count: open tickets already past the inactivity period; $warning: the
# warning period as written in the file (e.g. 24h)
plan-autoclose-backlog = { $file } · { $system }: auto-close is enabled with { $count ->
        [0] no open ticket past its inactivity period.
        [one] one open ticket past its inactivity period: it will be warned first and closes { $warning } later unless someone answers.
       *[other] { $count } open tickets past their inactivity period: they will be warned first and close { $warning } later unless someone answers.
    }
