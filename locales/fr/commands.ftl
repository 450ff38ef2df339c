# Commandes slash : noms, descriptions, options et choix.
# Les noms (…-name) sont tapés par les membres : en minuscules, 1 à 32 lettres, chiffres,
# « - » ou « _ », sans espace. Descriptions : 1 à 100 caractères.
# Les noms de choix (…-choice-…) sont des libellés : 1 à 100 caractères, majuscules permises.

## /ticket

cmd-ticket-name = ticket
cmd-ticket-desc = Ouvrir et gérer des tickets d’assistance

cmd-ticket-open-name = ouvrir
cmd-ticket-open-desc = Ouvrir un nouveau ticket
cmd-ticket-open-opt-topic-name = sujet
cmd-ticket-open-opt-topic-desc = L’objet de votre demande
cmd-ticket-open-opt-reason-name = motif
cmd-ticket-open-opt-reason-desc = Quelques mots sur votre demande

cmd-ticket-create-name = créer
cmd-ticket-create-desc = Ouvrir un ticket pour le compte d’un membre
cmd-ticket-create-opt-member-name = membre
cmd-ticket-create-opt-member-desc = Le membre concerné par le ticket
cmd-ticket-create-opt-topic-name = sujet
cmd-ticket-create-opt-topic-desc = L’objet du ticket
cmd-ticket-create-opt-reason-name = motif
cmd-ticket-create-opt-reason-desc = Pourquoi vous ouvrez ce ticket

cmd-ticket-close-name = fermer
cmd-ticket-close-desc = Fermer ce ticket
cmd-ticket-close-opt-reason-name = motif
cmd-ticket-close-opt-reason-desc = La raison de la fermeture

cmd-ticket-reopen-name = rouvrir
cmd-ticket-reopen-desc = Rouvrir ce ticket fermé

cmd-ticket-delete-name = supprimer
cmd-ticket-delete-desc = Supprimer définitivement ce ticket

cmd-ticket-claim-name = prendre-en-charge
cmd-ticket-claim-desc = Prendre ce ticket en charge

cmd-ticket-unclaim-name = libérer
cmd-ticket-unclaim-desc = Rendre ce ticket à l’équipe

cmd-ticket-add-name = ajouter
cmd-ticket-add-desc = Ajouter un membre à ce ticket
cmd-ticket-add-opt-member-name = membre
cmd-ticket-add-opt-member-desc = Le membre à ajouter

cmd-ticket-remove-name = retirer
cmd-ticket-remove-desc = Retirer un membre de ce ticket
cmd-ticket-remove-opt-member-name = membre
cmd-ticket-remove-opt-member-desc = Le membre à retirer

cmd-ticket-status-name = statut
cmd-ticket-status-desc = Changer le statut de ce ticket
cmd-ticket-status-opt-value-name = valeur
cmd-ticket-status-opt-value-desc = Le nouveau statut

cmd-ticket-priority-name = priorité
cmd-ticket-priority-desc = Changer la priorité de ce ticket
cmd-ticket-priority-opt-value-name = valeur
cmd-ticket-priority-opt-value-desc = La nouvelle priorité

cmd-ticket-note-name = note
cmd-ticket-note-desc = Ajouter une note interne, visible par l’équipe seulement
cmd-ticket-note-opt-text-name = texte
cmd-ticket-note-opt-text-desc = Le contenu de la note

cmd-ticket-info-name = infos
cmd-ticket-info-desc = Afficher les détails de ce ticket

cmd-ticket-list-name = liste
cmd-ticket-list-desc = Lister les tickets
cmd-ticket-list-opt-status-name = statut
cmd-ticket-list-opt-status-desc = Seulement les tickets ayant ce statut
cmd-ticket-list-opt-priority-name = priorité
cmd-ticket-list-opt-priority-desc = Seulement les tickets ayant cette priorité
cmd-ticket-list-opt-topic-name = sujet
cmd-ticket-list-opt-topic-desc = Seulement les tickets sur ce sujet
cmd-ticket-list-opt-member-name = membre
cmd-ticket-list-opt-member-desc = Seulement les tickets ouverts par ce membre

cmd-ticket-transcript-name = transcription
cmd-ticket-transcript-desc = Retrouver la transcription d’un ticket
cmd-ticket-transcript-opt-number-name = numéro
cmd-ticket-transcript-opt-number-desc = Le numéro du ticket

## Choix communs à /ticket statut, /ticket priorité et /ticket liste

cmd-ticket-status-choice-open = Ouvert
cmd-ticket-status-choice-in-progress = En cours
cmd-ticket-status-choice-on-hold = En attente
cmd-ticket-status-choice-closed = Fermé

cmd-ticket-priority-choice-low = Basse
cmd-ticket-priority-choice-normal = Normale
cmd-ticket-priority-choice-high = Haute
cmd-ticket-priority-choice-urgent = Urgente

## /guichet (équipe)

cmd-guichet-name = guichet
cmd-guichet-desc = Gérer le bot Guichet sur ce serveur
cmd-guichet-reload-name = recharger
cmd-guichet-reload-desc = Recharger la configuration et les textes de ce serveur
