# Messages généraux du bot, communs à toutes les fonctions.
# Typographie : espace insécable avant « : », « ? », « ! » (caractère U+00A0).

-brand = Guichet

## Réponses génériques

yes = Oui
no = Non
cancel = Annuler
confirm = Confirmer

## Erreurs montrées aux membres et à l’équipe (réponses éphémères)

error-generic = Un problème est survenu de notre côté. Réessayez dans un instant.
error-try-again = Cela n’a pas fonctionné. Veuillez réessayer.
error-missing-permissions = Vous n’avez pas la permission de faire cela.
error-staff-only = Seule l’équipe d’assistance peut faire cela.
# $permissions : les permissions manquantes, déjà listées dans la langue du membre
error-bot-missing-permissions = Il me manque des permissions pour faire cela ici : { $permissions }. Demandez à un administrateur du serveur de me les accorder.
error-unknown-ticket = Le ticket nº { NUMBER($number, useGrouping: 0) } n’existe pas.
error-not-a-ticket = Cela ne fonctionne que dans un ticket.
error-guild-only = Cette commande ne fonctionne que sur un serveur.
error-not-configured = { -brand } n’est pas encore configuré sur ce serveur.
error-interaction-expired = Cette action a expiré. Relancez la commande.
# $seconds : secondes entières avant de pouvoir réessayer
error-rate-limited = { $seconds ->
    [one] Doucement ! Réessayez dans { $seconds } seconde.
   *[other] Doucement ! Réessayez dans { $seconds } secondes.
}
# $duration : une durée déjà formatée, par ex. « 5 minutes »
error-cooldown = Vous venez d’ouvrir un ticket. Vous pourrez en ouvrir un autre dans { $duration }.

## Tickets

ticket-label = Ticket nº { NUMBER($number, useGrouping: 0) }
ticket-count = { $count ->
    [0] Aucun ticket
    [one] Un ticket
   *[other] { $count } tickets
}

ticket-status-open = Ouvert
ticket-status-in-progress = En cours
ticket-status-on-hold = En attente
ticket-status-closed = Fermé

ticket-priority-low = Basse
ticket-priority-normal = Normale
ticket-priority-high = Haute
ticket-priority-urgent = Urgente

## Durées

duration-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
