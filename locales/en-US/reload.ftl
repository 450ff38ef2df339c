## /guichet reload's option: read every panel back from Discord before planning.

cmd-guichet-reload-opt-refresh-name = refresh
cmd-guichet-reload-opt-refresh-desc = Also check every panel in Discord (slower; repairs panels deleted by hand)
