## /guichet reload's option: read every panel back from Discord before planning.

cmd-guichet-reload-opt-refresh-name = refresh
cmd-guichet-reload-opt-refresh-desc = Also read every panel back from Discord (repairs deleted ones)
