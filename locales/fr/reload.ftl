## Option de /guichet reload : relire chaque panneau dans Discord avant de planifier.

cmd-guichet-reload-opt-refresh-name = actualiser
cmd-guichet-reload-opt-refresh-desc = Relire aussi chaque panneau dans Discord (répare ceux supprimés)
