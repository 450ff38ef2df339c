## Declared resources (resources: roles, categories, channels) in a server file

# What a value must be ($expected of config-must-be)
config-expect-key = a resource key: 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter
config-expect-role-ref = a role: a Discord id, or the key of a role under resources.roles
config-expect-channel-ref = a channel: a Discord id, or the key of one under resources.categories or resources.channels
config-expect-adopt = true (adopt the one with this name) or a Discord id

resource-kind-role = a role
resource-kind-category = a category
resource-kind-channel = a text channel
resource-kind-any-channel = a category or a text channel

# $key: the key as written; $first: where it was first declared (resources.roles, ...)
config-resource-key-twice = key { $key } is already declared under { $first }; keys are unique across roles, categories and channels
# $kind: resource-kind-*; $known: the declared keys of that kind, quoted (or config-none)
config-resource-unknown = { $key } is neither a Discord id nor a declared resource: { $kind } is expected here (declared: { $known })
# $kind: what the key is; $expected: what this place takes (resource-kind-*)
config-resource-wrong-kind = { $key } is { $kind }, { $expected } is expected here
# $cycle: the keys of the loop, "a → b → a"
config-resource-cycle = overwrites_from goes round in a circle: { $cycle }
config-resource-too-many-roles = Discord allows at most { $limit } roles in a server; this file declares { $count }
config-resource-too-many-channels = Discord allows at most { $limit } channels and categories in a server; this file declares { $count }
config-resource-category-full = Discord allows at most { $limit } channels in a category; this file puts { $count } in it
config-resource-channel-name = a text channel name holds only letters, digits, '-' and '_' (no spaces)
config-resource-channel-lowercase = a text channel name is lowercase
config-role-administrator = the bot never grants administrator: remove it from this role's permissions
config-overwrite-manage-roles = only administrators may put manage_roles in an overwrite; the bot never does
config-overwrite-both = a permission both allowed and denied in the same overwrite
# $key: the declared channel; $permissions: permission names, comma-separated
config-resource-bot-blocked = the overwrites of { $key } take { $permissions } from the bot, which it needs here: add them to "@bot": {"{"}allow: [...]{"}"}
