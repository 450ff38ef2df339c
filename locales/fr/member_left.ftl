## La personne qui a ouvert le ticket a quitté le serveur (ticket 15)

# $member : qui est parti (une mention qui ne notifie personne)
member-left-notice = 🚪 { $member } a quitté le serveur : ce ticket reste ouvert jusqu'à ce que l'équipe le ferme.
member-left-reason = Fermé automatiquement : le membre a quitté le serveur.
# Le salon de journal. $member : qui est parti ; $number, $channel : son ticket
staff-log-member-left = 🚪 { $member } a quitté le serveur ; son ticket nº { NUMBER($number, useGrouping: 0) } ({ $channel }) reste ouvert.
