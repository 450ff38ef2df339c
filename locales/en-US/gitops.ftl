## `guichet plan` and `guichet apply` in a GitOps workflow (CI, pre-commit): what a plan
## was compared with, and what an apply did besides the panels.

# $path: the database file the plan read.
gitops-state-database = Compared with the records in { $path } (what Guichet last applied), not with Discord: add --refresh to check Discord too.
gitops-state-refreshed = Compared with the records in { $path } and with the panels the bot finds in Discord.
gitops-state-sandbox = No GUICHET_TOKEN is set: compared with the records of the local sandbox in { $path }, not with your Discord.
gitops-state-empty = That database holds no record of these servers yet, so every panel shows as to create. To plan against a running bot, set GUICHET_DATABASE to its database, or set GUICHET_TOKEN and add --refresh to look for the panels in Discord.
gitops-plan-opt-detailed-exitcode = exit 0 when there is nothing to change, 2 when there are changes, 1 on errors (for CI)

# $scope: "global" (plan-commands-scope-global) or "guild 123…"
apply-commands-synced = ✓ slash commands ({ $scope }): synced
# $path: a server file with errors, e.g. servers/shop.yaml
apply-file-skipped = … { $path }: not applied, the file has errors (see above); its panels stay as they are
