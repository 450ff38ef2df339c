## En attente de réponse (ticket 15) : un ticket en attente relance la personne qui l'a ouvert, une fois.

# $member : qui a ouvert le ticket (une mention) ; $since : depuis quand il est en attente
# (horodatage relatif de Discord, dans la langue de chaque lecteur)
reminder-on-hold = ⏰ { $member }, l'équipe attend votre réponse depuis { $since } : répondez ici dès que possible.
