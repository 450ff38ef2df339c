## /ticket info (ticket 15) : la personne qui a ouvert le ticket a quitté le serveur. Dans la
## langue de qui le lit.

member-left-info-field = Ouvert par
# $member : la personne (une mention) ; $when : quand elle est partie (une date et une heure)
member-left-info-value = { $member } a quitté le serveur le { $when }
