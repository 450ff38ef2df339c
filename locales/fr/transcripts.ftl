# Transcriptions de tickets : la page HTML et le fichier texte enregistrés à la fermeture.
# Elles sont écrites dans la langue du serveur. Noms, salons, raisons et contenus
# des messages arrivent en texte brut ; les dates arrivent déjà mises en forme.

## Résumé en tête

# $number : le numéro du ticket ; $guild : le nom du serveur
transcript-page-title = Ticket nº { NUMBER($number, useGrouping: 0) } · { $guild }
transcript-ticket-number = nº { NUMBER($number, useGrouping: 0) }
transcript-header-server = Serveur
transcript-header-ticket = Ticket
transcript-header-topic = Sujet
transcript-header-channel = Salon
transcript-header-opened-by = Ouvert par
transcript-header-opened-at = Ouvert le
transcript-header-closed-at = Fermé le
transcript-header-closed-by = Fermé par
transcript-header-reason = Raison
transcript-header-no-reason = Aucune raison donnée
# Affiché comme « Fermé par » quand personne n’a fermé le ticket à la main
transcript-header-nobody = Automatiquement
transcript-header-messages = Messages
# $count : le nombre de messages de la transcription
transcript-message-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
transcript-no-messages = Aucun message dans ce ticket.
# $time : une date et une heure, déjà mises en forme
transcript-time-utc = { $time } UTC
transcript-footer = Transcription enregistrée par { -brand }

## Messages

transcript-edited = (modifié)
# $time : la date de la dernière modification
transcript-edited-at = Modifié le { $time }
transcript-pinned = Épinglé
# L’étiquette à côté du nom d’un bot, comme dans Discord
transcript-bot-tag = APPLI
transcript-attachments = Pièces jointes
transcript-attachment = Pièce jointe
transcript-embed = Intégration
# $author : le nom du membre dont le message a reçu une réponse
transcript-reply-to = En réponse à { $author }
transcript-reply-missing = Le message d’origine a été supprimé
# Mentions de membres, rôles ou salons qui n’existent plus
transcript-unknown-user = utilisateur-inconnu
transcript-unknown-role = rôle-supprimé
transcript-unknown-channel = salon-supprimé

## Messages système de Discord ($author : qui a agi ; $content : le nom concerné, s’il y en a un)

transcript-system-member-added = { $author } a ajouté { $content } au fil.
transcript-system-member-removed = { $author } a retiré { $content } du fil.
transcript-system-channel-renamed = { $author } a changé le nom du salon : { $content }
transcript-system-message-pinned = { $author } a épinglé un message dans ce salon.
transcript-system-thread-created = { $author } a créé un fil : { $content }
transcript-system-member-joined = { $author } a rejoint le serveur.
transcript-system-other = { $author } : { $content }

## Le salon des transcriptions et /ticket transcript

transcript-summary-title = Transcription du ticket nº { NUMBER($number, useGrouping: 0) }
transcript-none = Le ticket nº { NUMBER($number, useGrouping: 0) } n’a pas encore de transcription : elle est enregistrée à sa fermeture.
transcript-here = Transcription du ticket nº { NUMBER($number, useGrouping: 0) } ({ $count ->
        [0] aucun message
        [one] un message
       *[other] { $count } messages
    }).
