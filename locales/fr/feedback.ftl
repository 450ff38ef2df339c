## La note donnée par le membre à un ticket fermé (ticket 15) : de 1 à 5 sous le
## récapitulatif, puis un commentaire facultatif dans une fenêtre. Dans la langue de qui clique.

# $stars : de 1 à 5 (le libellé d'un bouton)
feedback-button = { NUMBER($stars) }
# 45 caractères au plus. $number : le numéro du ticket ; $stars : la note choisie
feedback-modal-title = Ticket nº { NUMBER($number, useGrouping: 0) } : { NUMBER($stars) }/5
feedback-comment-label = Un commentaire (facultatif)
feedback-comment-placeholder = Qu'est-ce qui a bien marché, que pourrions-nous améliorer ?
feedback-thanks = Merci ! Vous avez noté ce ticket { NUMBER($stars) }/5.
feedback-already = Vous avez déjà noté ce ticket { NUMBER($stars) }/5 : la première note est gardée.
feedback-not-opener = Seule la personne qui a ouvert ce ticket peut le noter.
feedback-closed = Ce ticket ne demande plus de note.

## Le salon de journal, dans la langue du serveur. $member : la personne (une mention qui ne
## notifie personne) ; $number : le numéro du ticket ; $stars : de 1 à 5 ; $comment : son texte, cité
feedback-log = ⭐ Ticket nº { NUMBER($number, useGrouping: 0) } noté { NUMBER($stars) }/5 par { $member }.
feedback-log-comment = ⭐ Ticket nº { NUMBER($number, useGrouping: 0) } noté { NUMBER($stars) }/5 par { $member } :
    { $comment }

## /ticket info, dans la langue de qui le lit. $when : une date et une heure
feedback-info-field = Note
feedback-info-value = { NUMBER($stars) }/5, { $when }
feedback-info-none = Pas encore noté
config-feedback-no-log = les notes sont gardées et montrées dans /ticket info mais postées nulle part : indiquez channels.log pour les voir dans un salon
