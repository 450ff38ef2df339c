# Messages of the `guichet` command line (admins and CI read them).

## Help

cli-description = Guichet: a configuration-as-code Discord ticket bot.
cli-commands = commands
cli-validate-help = Check server files: schema, references, Discord limits and Fluent texts.
cli-validate-paths-help = Server files or folders of them (default: servers/).
cli-validate-locales-help = Folder of the Fluent translations (default: the locales/ folder beside servers/, else ./locales).
cli-schema-help = Print the JSON Schema of a server file.
cli-new-server-help = Create a server file and its translation files, ready to fill in.
cli-new-server-name-help = Name of the server file (servers/NAME.yaml): lowercase letters, digits, '-' or '_'.
cli-new-server-guild-help = Id of the Discord server (guild).
cli-new-server-locale-help = Default locale of the server's public texts, e.g. fr or en-US.
cli-new-server-servers-help = Folder of the server files (default: servers/).
cli-new-server-locales-help = Folder of the Fluent translations (default: locales/).

## guichet validate

# $diagnostic: "file:line:column: where: message"
cli-warning = warning: { $diagnostic }
cli-validate-ok = { $files ->
    [one] 1 server file is valid
   *[other] { $files } server files are valid
}{ $warnings ->
    [0] .
    [one] , with 1 warning.
   *[other] , with { $warnings } warnings.
}
cli-validate-failed = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
} in { $failed ->
    [one] 1 file
   *[other] { $failed } files
} (of { $files } checked).
cli-locales-missing = warning: no locales folder found; Fluent texts were not checked (use --locales).
cli-locales-invalid = The translations in { $path } cannot be loaded; fix them first.

## guichet new-server

cli-bad-name = "{ $name }" cannot name a server: use 1 to 32 lowercase letters, digits, '-' or '_'.
cli-bad-guild = "{ $guild }" is not a Discord id (17 to 20 digits).
cli-bad-locale = "{ $code }" is not a shipped locale (available: { $available }).
cli-file-exists = { $path } already exists; nothing was written.
cli-created = Created { $path }
cli-new-server-next = Replace the placeholder ids (marked REPLACE), then run: guichet validate { $path }
cli-write-failed = Cannot write { $path }: { $reason }

## Scaffold written by `guichet new-server` (comments in the YAML file, texts in the .ftl files)

cli-scaffold-header = Ticket setup of this Discord server. Texts are Fluent ids, translated in locales/<locale>/servers/{ $name }.ftl.
cli-scaffold-guild = the Discord server this file configures
cli-scaffold-locale = language of panels, logs and transcripts
cli-scaffold-staff-role = REPLACE: id of your staff role
cli-scaffold-log = REPLACE: id of the channel receiving ticket logs
cli-scaffold-transcripts = REPLACE: id of the channel receiving transcripts
cli-scaffold-system = a private text channel per ticket, in a category
cli-scaffold-category = REPLACE: id of the category holding ticket channels
cli-scaffold-panel-channel = REPLACE: id of the channel showing the panel
cli-scaffold-ftl-header = Texts of servers/{ $name }.yaml.
cli-scaffold-topic-label = General help
cli-scaffold-topic-desc = Questions about the server
cli-scaffold-topic-welcome = Thanks for opening a ticket! Describe your request and a member of staff will answer.
cli-scaffold-panel-title = Support
cli-scaffold-panel-text = Click the button below to open a ticket.
