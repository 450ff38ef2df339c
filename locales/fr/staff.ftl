# Outils de l’équipe : prise en charge, membres, statut et priorité, notes, infos, liste des
# tickets, validation manuelle et salon de journal.
# Les mentions ($staff, $member, $actor, $opener, $channel) arrivent déjà sous forme de mentions
# Discord ; $when/$created sont des dates déjà formatées dans la langue du lecteur.
# Les noms de statut et de priorité viennent de common.ftl (ticket-status-*, ticket-priority-*).
# Typographie : espace insécable avant « : », « ? », « ! » (caractère U+00A0).

## Premier message du ticket, tenu à jour (dans la langue du membre)

staff-field-status = Statut
staff-field-priority = Priorité
staff-field-claimed-by = Pris en charge par
staff-unclaimed = Personne pour l’instant
staff-button-unclaim = Libérer
staff-claimed-notice = { $staff } s’occupe maintenant de ce ticket.
# A thread ticket released after a claim that hid it; $handlers: the roles, mentioned
staff-handlers-back = { $handlers } peuvent de nouveau voir ce ticket.

## Réponses au membre de l’équipe qui a agi (lui seul les voit)

staff-claimed-reply = Vous prenez en charge le ticket nº { NUMBER($number, useGrouping: 0) }.
staff-unclaimed-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } n’est plus pris en charge.
staff-already-claimed = Vous vous occupez déjà de ce ticket.
staff-claimed-by-other = { $staff } s’occupe déjà de ce ticket. Libérez-le d’abord.
staff-not-claimed = Personne ne s’occupe de ce ticket.
staff-member-added-reply = { $member } a été ajouté au ticket nº { NUMBER($number, useGrouping: 0) }.
staff-member-already-in = { $member } fait déjà partie de ce ticket.
staff-member-removed-reply = { $member } a été retiré du ticket nº { NUMBER($number, useGrouping: 0) }.
staff-member-not-in = { $member } ne fait pas partie de ce ticket.
staff-cannot-remove-opener = { $member } a ouvert ce ticket et ne peut donc pas en être retiré.
staff-cannot-add-bot = Je suis déjà dans chaque ticket.
# $status : le nom du statut
staff-status-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } est maintenant : { $status }.
staff-status-unchanged = Le ticket nº { NUMBER($number, useGrouping: 0) } est déjà : { $status }.
staff-status-use-close = Pour fermer un ticket, utilisez son bouton Fermer.
# $priority : le nom de la priorité
staff-priority-reply = Le ticket nº { NUMBER($number, useGrouping: 0) } a maintenant la priorité : { $priority }.
staff-priority-unchanged = Le ticket nº { NUMBER($number, useGrouping: 0) } a déjà la priorité : { $priority }.
staff-note-saved = Note enregistrée sur le ticket nº { NUMBER($number, useGrouping: 0) }. Seule l’équipe peut la voir.
staff-note-empty = La note est vide.
staff-channel-not-updated = Le ticket nº { NUMBER($number, useGrouping: 0) } est à jour, mais je n’ai pas pu modifier son salon. Vérifiez mes permissions.
staff-channel-failed = Je n’ai pas pu modifier le salon du ticket nº { NUMBER($number, useGrouping: 0) }, rien n’a donc été changé. Vérifiez mes permissions.

## Infos du ticket (seul le membre de l’équipe qui les demande les voit)

staff-info-title = Ticket nº { NUMBER($number, useGrouping: 0) } · { $topic }
staff-info-opener = Membre
staff-info-topic = Sujet
staff-info-channel = Salon
staff-info-opened-by = Ouvert par
staff-info-members = Membres ajoutés
staff-info-no-members = Aucun
staff-info-created = Créé le
staff-info-closed = Fermé le
staff-info-close-reason = Motif de fermeture
staff-info-history = Historique
# $count : entrées plus anciennes qui ne tiennent pas
staff-info-earlier = { $count ->
    [one] … une entrée plus ancienne
   *[other] … { $count } entrées plus anciennes
}
staff-info-notes = Notes internes
staff-info-no-notes = Aucune note pour l’instant.
staff-note-by = Par { $author }
staff-someone = quelqu’un
# $when : date et heure ; $text : ce qui s’est passé
staff-history-line = { $when } · { $text }
staff-event-created = ouvert par { $actor }
staff-event-status = { $actor } a changé le statut de { $from } à { $to }
staff-event-priority = { $actor } a changé la priorité de { $from } à { $to }
staff-event-claimed = pris en charge par { $actor }
staff-event-unclaimed = libéré par { $actor }
staff-event-member-added = { $actor } a ajouté { $member }
staff-event-member-removed = { $actor } a retiré { $member }
staff-event-closed = fermé par { $actor }
staff-event-reopened = rouvert par { $actor }
staff-event-deleted = supprimé par { $actor }
staff-event-transcript = transcription enregistrée

## Liste des tickets

staff-list-title = Tickets
staff-list-empty = Aucun ticket ne correspond à ces filtres.
# $created : la date de création ; $channel peut être vide
staff-list-line = **nº { NUMBER($number, useGrouping: 0) }** { $channel } · { $topic } · { $status } · { $priority } · { $opener } · { $created }
staff-list-footer = Page { NUMBER($page) } sur { NUMBER($pages) } · { $count ->
    [0] aucun ticket
    [one] un ticket
   *[other] { NUMBER($count) } tickets
}
staff-button-previous = Précédent
staff-button-next = Suivant

## Validation manuelle : la demande dans le salon d’accueil (langue du serveur)

approval-reception-title = Demande de ticket · { $topic }
approval-reception-description = { $member } souhaite ouvrir un ticket.
approval-field-member = Membre
approval-field-topic = Sujet
approval-field-requested = Demandé
approval-field-refuse-reason = Motif du refus
approval-button-accept = Accepter
approval-button-refuse = Refuser
approval-refuse-modal-title = Refuser la demande
approval-refuse-placeholder = Pourquoi ? Le membre le lira en message privé.
approval-decided-accepted = Acceptée par { $staff } : { $channel }
approval-decided-refused = Refusée par { $staff }.
approval-decided-member-left = { $member } a quitté le serveur avant le traitement de la demande.

## Validation manuelle : réponses

approval-sent = Votre demande a été envoyée. L’équipe va l’examiner et vous répondra bientôt.
approval-already-pending = Vous avez déjà une demande en attente. Merci d’attendre la réponse de l’équipe.
approval-unavailable = Impossible d’envoyer une demande pour le moment. Réessayez plus tard.
approval-unknown = Cette demande n’existe plus.
approval-accepted-reply = Demande acceptée : { $channel } est ouvert pour { $member }.
approval-refused-reply = Demande refusée. { $member } a été prévenu par message privé.
approval-refused-no-dm = Demande refusée, mais je n’ai pas pu prévenir { $member } : ses messages privés me sont fermés.
# $status : accepted ou refused
approval-already-decided = { $status ->
    [accepted] { $staff } a déjà accepté cette demande.
   *[refused] { $staff } a déjà refusé cette demande.
}
approval-member-left = { $member } a quitté le serveur : aucun ticket ne peut être ouvert. La demande est close.
# Accepting would take the member past the system's maximum; the request stays pending.
approval-member-too-many = { $member } a déjà { $max ->
    [one] un ticket ouvert ({ $channel })
   *[other] { $max } tickets ouverts, le maximum autorisé (le plus récent : { $channel })
}. La demande reste en attente : acceptez-la quand un ticket aura été fermé.
approval-member-too-many-no-link = { $member } a déjà { $max ->
    [one] un ticket ouvert
   *[other] { $max } tickets ouverts, le maximum autorisé
}. La demande reste en attente : acceptez-la quand un ticket aura été fermé.
approval-refused-dm-title = Votre demande de ticket a été refusée
approval-refused-dm = L’équipe a refusé votre demande concernant « { $topic } ».

## Salon de journal (langue du serveur) : une ligne par événement

staff-log-opened = 🎫 Ticket nº { NUMBER($number, useGrouping: 0) } ({ $topic }) ouvert par { $actor } dans { $channel }
staff-log-opened-for = 🎫 Ticket nº { NUMBER($number, useGrouping: 0) } ({ $topic }) ouvert par { $actor } pour { $member } dans { $channel }
staff-log-claimed = 🙋 Ticket nº { NUMBER($number, useGrouping: 0) } pris en charge par { $actor }
staff-log-unclaimed = ↩️ Ticket nº { NUMBER($number, useGrouping: 0) } libéré par { $actor }
staff-log-member-added = ➕ { $actor } a ajouté { $member } au ticket nº { NUMBER($number, useGrouping: 0) }
staff-log-member-removed = ➖ { $actor } a retiré { $member } du ticket nº { NUMBER($number, useGrouping: 0) }
staff-log-status = 🔁 Ticket nº { NUMBER($number, useGrouping: 0) } : statut { $from } → { $to } par { $actor }
staff-log-priority = ⚑ Ticket nº { NUMBER($number, useGrouping: 0) } : priorité { $from } → { $to } par { $actor }
staff-log-closed = 🔒 Ticket nº { NUMBER($number, useGrouping: 0) } fermé par { $actor }
staff-log-reopened = 🔓 Ticket nº { NUMBER($number, useGrouping: 0) } rouvert par { $actor }
staff-log-deleted = 🗑️ Ticket nº { NUMBER($number, useGrouping: 0) } supprimé par { $actor }
staff-log-approved = ✅ { $actor } a accepté la demande de { $member } ({ $topic }) : ticket nº { NUMBER($number, useGrouping: 0) }
staff-log-refused = ✖️ { $actor } a refusé la demande de { $member } ({ $topic })
staff-log-transcript = 📄 Transcription du ticket nº { NUMBER($number, useGrouping: 0) } enregistrée
# Discord stopped an opening; $problem: missing-permissions (then $permissions lists them),
# category_full, guild_full, thread_limit, or another error kind
staff-log-open-failed = ⚠️ Impossible d’ouvrir un ticket ({ $topic }) pour { $member } : { $problem ->
    [missing-permissions] il me manque des permissions : { $permissions }.
    [category_full] la catégorie est pleine (50 salons).
    [guild_full] le serveur a atteint la limite Discord de 500 salons.
    [thread_limit] le serveur a atteint la limite Discord de 1000 fils actifs.
    [missing-channel] la catégorie ou le salon que nomme ce système n’existe plus : corrigez le fichier du serveur.
   *[other] Discord a répondu par une erreur ; le membre a été invité à réessayer.
}
# $line : une des lignes ci-dessus ; $reason : ce que le membre a écrit, déjà échappé
staff-log-with-reason = { $line } : « { $reason } »
