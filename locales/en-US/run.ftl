## `guichet run | sandbox | plan | apply`: the commands that talk to Discord.

run-help = Run the bot (against Discord with GUICHET_TOKEN, else against the local emulator)
run-sandbox-help = Run the bot against a local Discord emulator seeded from the server files
run-plan-help = Show what apply would change in Discord (dry run)
run-apply-help = Create, update or delete panels so Discord matches the server files
run-opt-servers = folder of server files (default: servers, or GUICHET_SERVERS)
run-opt-locales = folder of locales (default: locales, or GUICHET_LOCALES)
run-opt-database = SQLite database file (default: var/guichet.sqlite3, or GUICHET_DATABASE)
run-opt-sandbox = use the local Discord emulator instead of Discord
run-opt-port = port of the local emulator (default: any free port)
run-plan-opt-server = only these servers (file names without .yaml)
run-plan-opt-refresh = also check in Discord that recorded panel messages still exist
run-plan-opt-json = print the plan as JSON
run-apply-opt-force = apply even when the plan deletes many panels
run-settings-error = Settings error: { $reason }
run-no-token-sandbox = No GUICHET_TOKEN set: running against the local Discord emulator (sandbox).
run-apply-needs-token = Applying to Discord needs GUICHET_TOKEN (or GUICHET_TOKEN_FILE); use --sandbox to try against the local emulator.
run-opt-no-bot = start only the emulator (for a bot run elsewhere), not the bot
run-sandbox-ready = Local Discord emulator ready at { $url } (bot token: { $token }). Point discord.py's REST base at { $url }/api/v10 and its gateway at the same address. Ctrl-C stops it.
run-login-failed = Discord refused the bot token. Check GUICHET_TOKEN (or the file GUICHET_TOKEN_FILE names): it must be the token of the bot in the Developer Portal.
run-intents-missing = Discord refused the gateway intents the bot asks for. Enable the Message Content intent for the bot in the Developer Portal (Bot → Privileged Gateway Intents).
run-unreachable = Cannot reach Discord. Check the network connection, then start the bot again.
run-database-error = The database { $path } cannot be used: { $reason }
run-database-too-new = The database { $path } was written by a newer Guichet (schema { $found }, this version knows up to { $known }). Run a newer Guichet, or restore a backup.
run-port-unavailable = The local emulator cannot listen on port { $port }: { $reason }. Choose another port with --port, or 0 for any free port.
run-unknown-server = No valid server file named: { $names }. Names are file names without .yaml.
run-refresh-ignored = --refresh needs Discord (GUICHET_TOKEN): the plan is computed from the database alone.
