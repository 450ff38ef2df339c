## Output of `guichet plan` and `guichet apply`: what the reconciler will do (or did) to the
## panels and slash commands in Discord. Ids ($guild, $channel, $message) are passed as text.

## Headers and summary

plan-guild = Guild { $guild }
plan-guild-named = Server { $name } (guild { $guild })
plan-summary = Plan: { $create } to create, { $update } to update, { $delete } to delete, { $unchanged } unchanged.
plan-no-changes = No changes: Discord already matches the configuration.
plan-unsafe =
    Refusing to apply: this plan deletes { $deletes } of { $existing ->
        [one] { $existing } panel
       *[other] { $existing } panels
    }, more than { $percent }%. Check the server files, then run again with --force if this is intended.

## One line per panel change

plan-create = + { $panel }: create in channel { $channel } ({ $reason })
plan-update = ~ { $panel }: update message { $message } in channel { $channel } ({ $reason })
plan-delete = - { $panel }: delete message { $message } in channel { $channel } ({ $reason })
plan-unchanged = = { $panel }: message { $message } in channel { $channel } ({ $reason })

## Why a change is planned

plan-reason-new-panel = new panel
plan-reason-content-changed = content changed
plan-reason-up-to-date = up to date
plan-reason-removed-from-config = no longer in the configuration
plan-reason-channel-changed = moved from channel { $old } to channel { $new }
plan-reason-missing-in-discord = message { $message } was deleted in Discord
plan-reason-commands-new = never synced
plan-reason-commands-changed = commands changed
plan-reason-commands-up-to-date = up to date

## What changed inside a panel

plan-field-embed-title = title
plan-field-embed-description = text
plan-field-embed-colour = colour
plan-field-embed-image = image
plan-field-kind = component type
plan-field-buttons = buttons
plan-field-button-label = button { $topic }, label
plan-field-button-emoji = button { $topic }, emoji
plan-field-button-style = button { $topic }, style
plan-field-placeholder = menu placeholder
plan-field-options = menu options
plan-field-option-label = option { $topic }, label
plan-field-option-description = option { $topic }, description
plan-field-option-emoji = option { $topic }, emoji

plan-kind-buttons = buttons
plan-kind-select = select menu

plan-diff-changed = { $field }: "{ $old }" → "{ $new }"
plan-diff-changed-long = { $field }: changed ({ $old_length } → { $new_length } characters)
plan-diff-added = { $field }: added "{ $new }"
plan-diff-removed = { $field }: removed "{ $old }"
plan-diff-hash = content hash { $old } → { $new } (previous content not available)

## Texts cut to Discord's limits while rendering

plan-truncated = ! { $field }: cut to { $limit } characters (was { $length })
plan-truncated-list = ! { $field }: only the first { $limit } of { $length } are shown

## Slash commands

plan-commands-scope-global = global
plan-commands-scope-guild = guild { $guild }
plan-commands-create = + slash commands ({ $scope }): sync ({ $reason })
plan-commands-update = ~ slash commands ({ $scope }): sync ({ $reason })
plan-commands-unchanged = = slash commands ({ $scope }): { $reason }

## Result of `guichet apply`

plan-action-create = create
plan-action-update = update
plan-action-delete = delete

apply-ok = ✓ { $name } · { $panel }: { $action } done
apply-ok-message = ✓ { $name } · { $panel }: { $action } done, message { $message }
apply-recreated = ✓ { $name } · { $panel }: message was deleted in Discord, posted again as message { $message }
apply-failed = ✗ { $name } · { $panel }: { $action } failed: { $error }
apply-skipped = … { $name } · { $panel }: old message { $message } kept in channel { $channel }, as the move failed
apply-progress = Server { $done } of { $total } done (guild { $guild })
apply-summary = Applied: { $ok } done, { $failed } failed, { $skipped } skipped.

plan-error-missing-permissions = the bot lacks permissions in this channel (View Channel, Send Messages, Embed Links)
plan-error-missing-access = the bot cannot see this channel
plan-error-unknown-channel = the channel no longer exists
plan-error-unknown-message = the message no longer exists
plan-error-server-error = Discord had a server error; try again later
plan-error-rate-limited = Discord rate limit reached; try again later
plan-error-timeout = Discord did not answer in time; try again later
plan-error-other = Discord refused the request
