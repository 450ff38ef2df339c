# Tickets : ouverture, messages du ticket, fermeture, réouverture, suppression.
# Les mentions ($opener, $staff, $member, $handlers, $channel) arrivent déjà sous forme
# de mentions Discord ; $when est un horodatage Discord que chaque client affiche dans sa langue.
# Typographie : espace insécable avant « : », « ? », « ! » (caractère U+00A0).

## Premier message du ticket (dans la langue du membre)

# $opener : le membre pour qui le ticket est ouvert
tickets-welcome-content = Bienvenue { $opener } !
# $handlers : les rôles de l’équipe, mentionnés
tickets-welcome-content-handlers = Bienvenue { $opener } ! { $handlers } vous répondra très bientôt.
tickets-welcome-default = Merci de nous avoir contactés. Expliquez-nous votre demande : un membre de l’équipe vous répondra ici.
# $staff : le membre de l’équipe qui a ouvert le ticket pour le membre
tickets-welcome-opened-for-you = { $staff } a ouvert ce ticket pour vous.
# $topic : le libellé du sujet
tickets-welcome-title = Ticket nº { NUMBER($number, useGrouping: 0) } · { $topic }
tickets-field-reason = Motif
tickets-field-opened-by = Ouvert par
tickets-channel-topic = Ticket nº { NUMBER($number, useGrouping: 0) } · { $topic }

## Boutons

tickets-button-close = Fermer
tickets-button-claim = Prendre en charge
tickets-button-reopen = Rouvrir
tickets-button-delete = Supprimer
tickets-button-close-confirm = Fermer le ticket
tickets-button-close-with-reason = Fermer avec un motif

## Fermeture et réouverture (dans le ticket)

tickets-closed-title = Ticket nº { NUMBER($number, useGrouping: 0) } fermé
tickets-closed-by = Fermé par { $member }.
tickets-reopened-title = Ticket nº { NUMBER($number, useGrouping: 0) } rouvert
tickets-reopened-by = Rouvert par { $member }.

## Réponses au membre qui a agi (lui seul les voit)

tickets-close-confirm = Fermer le ticket nº { NUMBER($number, useGrouping: 0) } ?
tickets-close-confirm-reason = Fermer le ticket nº { NUMBER($number, useGrouping: 0) } ? Un motif est obligatoire.
# Followed by the reason given with /ticket close, quoted
tickets-close-confirm-with-reason = Fermer le ticket nº { NUMBER($number, useGrouping: 0) } avec ce motif ?
tickets-close-prompt-expired = Cette confirmation a expiré. Veuillez relancer la commande.
tickets-created = Votre ticket est prêt : { $channel }
tickets-created-for = Le ticket { $channel } est ouvert pour { $member }.
tickets-in-progress = Votre ticket est en cours de création. Il apparaîtra dans un instant.
# $max : le nombre maximal de tickets ouverts par membre dans ce système ; $channel : l’un d’eux
tickets-too-many = { $max ->
    [one] Vous avez déjà un ticket ouvert : { $channel }. Fermez-le avant d’en ouvrir un autre.
   *[other] Vous avez déjà { $max } tickets ouverts, le maximum autorisé. Le plus récent : { $channel }
}
tickets-too-many-no-link = { $max ->
    [one] Vous avez déjà un ticket ouvert. Fermez-le avant d’en ouvrir un autre.
   *[other] Vous avez déjà { $max } tickets ouverts, le maximum autorisé.
}
# The same, when a cooldown also applies: $when says when they may open again
tickets-too-many-cooldown = { $max ->
    [one] Vous avez déjà un ticket ouvert : { $channel }. Fermez-le d’abord ; vous pourrez en ouvrir un autre { $when }.
   *[other] Vous avez déjà { $max } tickets ouverts, le maximum autorisé. Le plus récent : { $channel }. Fermez-en un d’abord ; vous pourrez en ouvrir un autre { $when }.
}
tickets-too-many-no-link-cooldown = { $max ->
    [one] Vous avez déjà un ticket ouvert. Fermez-le d’abord ; vous pourrez en ouvrir un autre { $when }.
   *[other] Vous avez déjà { $max } tickets ouverts, le maximum autorisé. Fermez-en un d’abord ; vous pourrez en ouvrir un autre { $when }.
}
tickets-cooldown = Vous venez d’ouvrir un ticket. Vous pourrez en ouvrir un autre { $when }.
# $channel: the member's open ticket
tickets-cooldown-link = Vous venez d’ouvrir un ticket : { $channel }. Vous pourrez en ouvrir un autre { $when }.
tickets-system-disabled = Ce système de tickets est fermé pour le moment. Réessayez plus tard.
tickets-unknown-topic = Ce sujet n’existe plus. Choisissez-en un autre.
tickets-category-full = La catégorie des tickets est pleine pour le moment. Réessayez plus tard.
tickets-guild-full = Ce serveur a atteint la limite de salons de Discord : impossible d’ouvrir un ticket pour le moment.
tickets-thread-limit = Trop de fils sont actifs en ce moment. Réessayez plus tard.
tickets-retry-later = Discord n’a pas répondu comme prévu. Réessayez dans un instant.
# $permissions : la liste des permissions manquantes
tickets-bot-missing-permissions = Il me manque des permissions pour créer des tickets ici : { $permissions }. Demandez à un administrateur du serveur de me les accorder.
tickets-not-allowed-open-for = Seule l’équipe d’assistance peut ouvrir un ticket pour un autre membre.
tickets-not-allowed-close = Seuls le membre qui a ouvert ce ticket et l’équipe d’assistance peuvent le fermer.
tickets-staff-only = Seule l’équipe d’assistance peut faire cela.
tickets-unknown-ticket = Ce ticket n’existe plus.
tickets-already-closed = Ce ticket est déjà fermé.
tickets-not-closed = Ce ticket n’est pas fermé.
tickets-deleted = Ce ticket a été supprimé.
tickets-reason-required = Indiquez un motif pour fermer ce ticket.
tickets-closed-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } est fermé.
tickets-closed-deleting = Le ticket nº { NUMBER($number, useGrouping: 0) } est fermé et son salon supprimé.
tickets-close-incomplete = Le ticket nº { NUMBER($number, useGrouping: 0) } est fermé, mais je n’ai pas pu mettre à jour son salon. Vérifiez mes permissions.
tickets-reopened-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } est rouvert.
tickets-reopen-incomplete = Le ticket nº { NUMBER($number, useGrouping: 0) } est rouvert, mais je n’ai pas pu mettre à jour son salon. Vérifiez mes permissions.
tickets-deleted-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } est supprimé.
tickets-delete-failed = Je n’ai pas pu supprimer le salon du ticket nº { NUMBER($number, useGrouping: 0) }. Vérifiez mes permissions.

## Noms des permissions, pour la réponse « permissions manquantes »

tickets-permission-view-channel = Voir le salon
tickets-permission-manage-channels = Gérer les salons
tickets-permission-manage-roles = Gérer les rôles
tickets-permission-send-messages = Envoyer des messages
tickets-permission-send-messages-in-threads = Envoyer des messages dans les fils
tickets-permission-create-private-threads = Créer des fils privés
tickets-permission-manage-threads = Gérer les fils
tickets-permission-embed-links = Intégrer des liens
tickets-permission-attach-files = Joindre des fichiers
tickets-permission-read-message-history = Voir les anciens messages
tickets-permission-manage-messages = Gérer les messages

## Commandes et formulaires

tickets-not-configured = Les tickets ne sont pas configurés sur ce serveur.
tickets-pick-topic = Choisissez un sujet dans la liste.
tickets-open-reason-required = Indiquez un motif pour ouvrir un ticket.
tickets-not-a-ticket = Cette commande ne fonctionne que dans un ticket.
tickets-close-modal-title = Fermer le ticket nº { NUMBER($number, useGrouping: 0) }
tickets-close-reason-placeholder = Pourquoi ce ticket est-il fermé ?
