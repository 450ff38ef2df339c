# Messages of `guichet validate` about server files (admins and CI read them).
# Values quoted from the admin's file ($got, $key, $id...) arrive already quoted, untranslated.
# Limits, counts and line numbers are numbers, printed without digit grouping.

## Values and kinds of values, used inside other messages

config-value-mapping = a mapping
config-value-list = a list
config-value-nothing = nothing
# $value: the value as written, e.g. "hello"
config-value-single = a single value ({ $value })
config-none = none

## What a value must be ($expected of config-must-be and config-bad-name)

config-expect-snowflake = a Discord id: an integer or a string of 17 to 20 digits
config-expect-id = an id: 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter or digit
config-expect-message-id = a Fluent message id: letters, digits, '-' or '_', starting with a letter
config-expect-duration = a duration such as 30s, 10m, 1h30m or 2d (units d, h, m, s, largest first)
config-expect-locale = a locale code such as "fr" or "en-US"
config-expect-colour = a colour as "#RRGGBB", e.g. "#5865F2"
config-expect-https-url = an https:// URL
config-expect-emoji = a unicode emoji or a custom emoji as "<:name:id>"
config-expect-name = a valid name
config-type-string = a string
config-type-integer = an integer
config-type-number = a number
config-type-boolean = true or false
config-type-object = a mapping (key: value)
config-type-array = a list
config-type-null = empty
# $name: the JSON Schema type name
config-type-other = of type { $name }

## Schema errors

config-must-be = must be { $expected } (got { $got })
config-bad-name = must be { $expected }
# $choices: the allowed values, quoted, e.g. "channel", "thread"
config-enum = must be one of { $choices } (got { $got })
config-minimum = must be at least { $limit } (got { $got })
config-maximum = must be at most { $limit } (got { $got })
config-exclusive-minimum = must be greater than { $limit } (got { $got })
config-exclusive-maximum = must be less than { $limit } (got { $got })
config-multiple-of = must be a multiple of { $limit } (got { $got })
config-min-length = { $limit ->
    [one] must be at least { $limit } character long (got { $got })
   *[other] must be at least { $limit } characters long (got { $got })
}
# $count: the length of the value
config-max-length = must be at most { $limit } characters long (got { $count })
config-min-items = { $limit ->
    [one] must list at least { $limit } item
   *[other] must list at least { $limit } items
}
config-max-items = must list at most { $limit } items (got { $count })
config-min-properties = { $limit ->
    [one] must have at least { $limit } entry
   *[other] must have at least { $limit } entries
}
config-max-properties = must have at most { $limit } entries (got { $count })
config-unique-items = lists { $value } more than once
config-pattern = must match the pattern { $pattern } (got { $got })
config-no-alternative = does not match any allowed form (got { $got })
config-not-allowed = is not allowed here (got { $got })
# $details: the validator's own words, for a rule the schema does not use today
config-schema-other = is invalid: { $details }
config-unknown-key-suggest = unknown key (did you mean "{ $suggestion }"?)
# $allowed: the keys allowed here, comma-separated
config-unknown-key = unknown key (allowed: { $allowed })
config-missing-key = missing required key "{ $key }"
# $field and $value: the setting that requires it, e.g. approval and "manual"
config-missing-key-when = missing required key "{ $key }" (required with { $field } { $value })

## Checks beyond the schema

config-snowflake-too-large = is not a Discord id: larger than 64 bits (got { $got })
config-ignored-unless = only used with { $field } { $value }; ignored
config-questions-with-reason = with require_open_reason, a topic has at most { $limit } questions (the reason takes a field of the dialog)
# $allowed: the placeholders, e.g. {member}, {number}, {topic}
config-name-unmatched-brace = has an unmatched { "{" } or { "}" }: write placeholders as { $allowed }
config-name-unknown-placeholder = unknown placeholder { $placeholder } (allowed: { $allowed })
config-name-placeholder-format = placeholder { $placeholder } takes no format or conversion
config-name-characters = a channel name holds only letters, digits, '-' and '_' (no spaces)
config-name-lowercase = a channel name is lowercase
config-name-single-line = a thread name is a single line
config-name-too-long = can yield names longer than { $limit } characters
config-name-no-placeholder = has no placeholder: every ticket gets the same name
config-custom-id-too-long = ids too long for a Discord custom_id ({ $limit } characters)
config-question-id-twice = question id { $id } is used twice in this topic
config-min-above-max = min_length ({ $low }) is greater than max_length ({ $high })
# $known: the systems of the file, quoted and comma-separated (or config-none)
config-unknown-system = unknown system { $system } (systems: { $known })
config-unknown-topic = unknown topic { $topic } of system { $system }
config-select-too-many = a select menu holds at most { $limit } topics; this panel has { $count }
config-buttons-too-many = a panel holds at most { $limit } buttons (5 rows of 5); this panel has { $count } (use kind: select, or list fewer topics)
# $code: the locale written in the file; $available: the shipped locales
config-locale-not-shipped = locale { $code } is not shipped (locales: { $available })
# $id: a Fluent id named by the file; $code: a locale; $file: the .ftl file that should define it
config-message-not-found = Fluent message "{ $id }" not found for locale { $code } ({ $file })
config-message-missing = Fluent message "{ $id }" missing in locale { $code } ({ $file })

## Files

config-no-server-files = no server files (*.yaml)
config-no-such-path = no such file or directory
config-not-utf8 = cannot read the file: not UTF-8 text
# $reason: the operating system's own words
config-unreadable = cannot read the file: { $reason }
# $others: file:line:column of the other files
config-guild-elsewhere = guild { $guild } is also configured in { $others }
config-name-elsewhere = another file also names server "{ $name }": { $others }

## YAML

# $problem: the YAML parser's own words, for a rare syntax error
config-yaml-syntax = YAML syntax error: { $problem }
config-yaml-error = YAML error: { $error }
config-yaml-colon-in-value = YAML syntax error: mapping values are not allowed here (quote a value that contains ": ")
config-yaml-indentation = YAML syntax error: unexpected content here (check the indentation, or quote the value)
config-yaml-unclosed-list = YAML syntax error: a list opened with [ is not closed with ]
config-yaml-unclosed-mapping = YAML syntax error: a mapping opened with { "{" } is not closed with { "}" }
config-yaml-unclosed-quote = YAML syntax error: a quoted value is not closed
config-yaml-undefined-alias = YAML syntax error: an alias (*name) refers to no anchor (&name)
config-yaml-duplicate-anchor = YAML syntax error: this anchor (&name) is already defined
config-yaml-bad-character = YAML syntax error: a value cannot start with this character (quote the value)
config-yaml-missing-value = YAML syntax error: a value is missing here
config-yaml-recursive-alias = an alias refers to itself
config-yaml-complex-key = a key must be a plain value, not a mapping or list
# $first: the line where the key first appears
config-yaml-duplicate-key = duplicate key { $key } (first defined on line { $first })
config-yaml-merge-not-mapping = << merges only mappings
config-yaml-unknown-tag = unknown YAML tag { $tag }
config-yaml-tab = tab character in indentation: YAML indents with spaces only
config-file-empty = the file is empty: expected a mapping with guild, locale, staff_roles, systems
config-file-not-mapping = the file must be a mapping (key: value lines) at the top level, not { $got }
