# Where the bot lacks a permission, inside "I'm missing permissions … : { $permissions }" and the
# log channel's line about a ticket that could not be opened. $permissions: a list of
# permission names; $channel: a channel or category mention.
bot-permissions-in-server = { $permissions } in my role's server permissions
bot-permissions-in-category = { $permissions } in the category { $channel }
bot-permissions-in-channel = { $permissions } in { $channel }
