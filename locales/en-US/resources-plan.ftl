## guichet plan / apply: declared resources (roles, categories, text channels)

# $name: the server file's name; $guild: its guild id
resource-plan-guild = Resources of { $name } ({ $guild }):
resource-noun-role = role
resource-noun-category = category
resource-noun-channel = channel

# $kind: resource-noun-*; $key: the key in the file; $name: the name in Discord;
# $id: the Discord id (may be empty); $reason: resource-reason-*
resource-plan-create = + { $kind } { $key } "{ $name }": create ({ $reason })
resource-plan-adopt = = { $kind } { $key } "{ $name }": adopt { $id } ({ $reason })
resource-plan-update = ~ { $kind } { $key } "{ $name }": update { $id } ({ $reason })
resource-plan-delete = - { $kind } { $key } "{ $name }": delete { $id } ({ $reason })
resource-plan-leave = · { $kind } { $key } "{ $name }": leave { $id } in Discord ({ $reason })
resource-plan-unchanged = { $kind } { $key } "{ $name }": unchanged
# $field: resource-field-*; $old, $new: the values before and after
resource-plan-field = { $field }: { $old } → { $new }
# $text: one of resource-warning-*
resource-plan-warning = ! { $text }
resource-plan-summary = Resources: { $create } to create, { $adopt } to adopt, { $update } to update, { $delete } to delete, { $leave } to leave, { $unchanged } unchanged.
# $keys: the keys of the channels concerned
resource-plan-refused = Refused: this plan deletes channels that still hold messages or channels ({ $keys }); nothing was applied. Run it again with --force to delete them anyway.

resource-reason-new = not in Discord yet
resource-reason-adopt-id = the existing one with this id
resource-reason-adopt-name = the existing one with this name
resource-reason-adopt-name-later = the existing one with this name, looked up when applied (created if there is none)
resource-reason-changed = the file changed
resource-reason-drift = changed in Discord by hand since the last apply
resource-reason-missing-in-discord = deleted in Discord: made again
resource-reason-removed = removed from the file; the bot created it
resource-reason-removed-adopted = removed from the file; the bot did not create it, so it stays in Discord, no longer managed
resource-reason-up-to-date = up to date

resource-field-name = name
resource-field-permissions = permissions
resource-field-color = colour
resource-field-hoist = shown apart
resource-field-mentionable = mentionable
resource-field-position = position
resource-field-overwrites = overwrites
resource-field-parent = category
resource-field-topic = topic
resource-value-none = none
resource-value-yes = yes
resource-value-no = no

# $permissions: permission names, comma-separated
resource-warning-cannot-grant = the bot cannot grant { $permissions }: it does not hold them itself; the role gets the others
# $target: a role key, @everyone, @bot or an id
resource-warning-overwrite-stripped = { $target }: the bot cannot put { $permissions } in an overwrite, it does not hold them; left out
resource-warning-above-bot = this role is at or above the bot's highest role: the bot leaves it as it is (drag the bot's role above it in Server Settings → Roles)
# $id: the id written in adopt:
resource-warning-adopt-missing = nothing with id { $id } in Discord to adopt: left undone
resource-warning-adopt-wrong-kind = { $id } in Discord is not of this kind: left undone
resource-warning-in-use = it still holds messages or channels: deleted only with --force
# $until: a time, HH:MM in UTC
resource-warning-rename-deferred = Discord allows 2 name or topic changes per channel every 10 minutes: this one waits until { $until } UTC; apply again then

resource-action-create = create
resource-action-adopt = adopt
resource-action-update = update
resource-action-delete = delete
resource-action-leave = leave
resource-action-unchanged = keep
# $name: the server file's name; $action: resource-action-*; $error: plan-error-*
resource-apply-ok = ✓ { $name } · { $kind } { $key }: { $action } done ({ $id })
resource-apply-failed = ✗ { $name } · { $kind } { $key }: { $action } failed: { $error }
resource-apply-skipped = – { $name } · { $kind } { $key }: { $action } not done (see the plan's warning)
resource-apply-deferred = … { $name } · { $kind } { $key }: the rename waits until { $until } UTC (Discord's limit); apply again then
