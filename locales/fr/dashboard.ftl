## Le tableau de bord de l'équipe (guichet web) : connexion avec Discord, tickets, transcriptions.

web-title = Tableau de bord Guichet
web-server-nav = Ce serveur
web-nav-tickets = Tickets
web-nav-search = Rechercher dans les transcriptions
web-language = Langue
web-language-switch = Changer
web-signed-in-as = Connecté·e en tant que { $name }
web-sign-out = Se déconnecter
web-you = vous
web-nobody = personne
web-any = tous
web-back-home = Retour à vos serveurs

## Connexion

web-signin-title = Connexion
web-signin-intro = Connectez-vous avec votre compte Discord pour traiter les tickets des serveurs où vous faites partie de l'équipe.
web-signin-button = Se connecter avec Discord
web-signin-continue = Connecté·e : continuer vers le tableau de bord
web-signin-state = Cette connexion n'a pas commencé ici, ou a pris trop de temps. Connectez-vous à nouveau.
web-signin-denied = La connexion a été annulée sur Discord. Reconnectez-vous quand vous voulez.
web-signin-failed = Discord est injoignable ou a refusé la connexion. Réessayez dans un instant.

## Serveurs

web-servers = Vos serveurs
web-no-servers = Vous ne faites partie de l'équipe d'aucun serveur servi par Guichet : aucun ticket à montrer. Les rôles d'équipe, les rôles de prise en charge et « Gérer le serveur » donnent l'accès.

## La liste des tickets

web-tickets = Tickets
web-by-status = Par statut
web-all-statuses = Tous
web-filter-status = Statut
web-filter-priority = Priorité
web-filter-topic = Sujet
web-filter-claimed = Pris en charge par
web-filter-claimed-hint = me, none ou un id
web-filter-opener = Ouvert par (id du membre)
web-filter-opened-from = Ouvert depuis le
web-filter-opened-to = Ouvert jusqu'au
web-filter-closed-from = Fermé depuis le
web-filter-closed-to = Fermé jusqu'au
web-filter-apply = Filtrer
web-filter-reset = Effacer les filtres
web-filter-bad-date = Une date n'est pas comprise : utilisez le sélecteur de date (année-mois-jour).
web-filter-bad-user = Un membre n'est pas compris : donnez son id Discord (des chiffres), ou me ou none.
web-filter-bad-topic = Ce sujet n'est pas dans la configuration de ce serveur.
web-sort = Tri
web-sort-newest = Plus récents d'abord
web-sort-oldest = Plus anciens d'abord
web-sort-priority = Priorité, urgents d'abord
web-sort-closed = Fermés récemment
web-col-number = Ticket
web-col-topic = Sujet
web-col-status = Statut
web-col-priority = Priorité
web-col-system = Système
web-col-opener = Membre
web-col-opened-by = Ouvert par (équipe)
web-col-claimed = Pris en charge par
web-col-members = Membres ajoutés
web-col-opened = Ouvert le
web-col-closed = Fermé le
web-col-reason = Raison
web-col-close-reason = Raison de la fermeture
web-go-to-number = Numéro de ticket
web-go = Ouvrir
web-number-not-found = Aucun ticket de ce numéro que vous puissiez voir sur ce serveur.
web-their-tickets = ses tickets
web-no-tickets = Aucun ticket ne correspond à ces filtres.
web-first-page = Première page
web-next-page = Page suivante
web-ticket-number = n° { NUMBER($number, useGrouping: 0) }
web-ticket-title = Ticket n° { NUMBER($number, useGrouping: 0) } · { $topic }

## Un ticket

web-actions = Actions
web-set-status = Changer le statut
web-set-priority = Changer la priorité
web-claim = Prendre en charge
web-release = Libérer
web-notes = Notes internes
web-no-notes = Aucune note pour l'instant. Les notes ne sont vues que par l'équipe, jamais publiées sur Discord.
web-add-note = Ajouter une note
web-save-note = Enregistrer la note
web-transcripts = Transcriptions
web-no-transcripts = Pas encore de transcription : elle est faite à la fermeture du ticket.
web-transcript-of = Transcription du { $when } ({ $count ->
    [0] aucun message
    [one] un message
   *[other] { $count } messages
})
web-download = Télécharger
web-history = Historique
web-event-created = Ouvert { $actor }
web-event-activated = Salon prêt
web-event-status = Statut changé par { $actor }
web-event-priority = Priorité changée par { $actor }
web-event-claimed = Pris en charge par { $actor }
web-event-unclaimed = Libéré par { $actor }
web-event-member_added = Membre ajouté par { $actor }
web-event-member_removed = Membre retiré par { $actor }
web-event-closed = Fermé par { $actor }
web-event-reopened = Rouvert par { $actor }
web-event-deleted = Supprimé par { $actor }
web-event-note = Note ajoutée par { $actor }
web-event-transcript = Transcription faite { $actor }

## Transcriptions et recherche

web-transcript-title = Transcription du ticket n° { NUMBER($number, useGrouping: 0) }
web-back-to-ticket = Retour au ticket n° { NUMBER($number, useGrouping: 0) }
web-search = Rechercher dans les transcriptions
web-search-label = Mots à trouver
web-search-button = Rechercher
web-no-hits = Aucune transcription ne contient « { $query } ».

## Erreurs

web-error-title = Indisponible
web-error-not-found = Rien ici, ou rien que vous puissiez voir. L'équipe voit les tickets des systèmes que ses rôles prennent en charge.
web-error-csrf = Ce formulaire a expiré ou a été envoyé depuis une autre page. Revenez en arrière, rechargez la page et réessayez.
web-error-discord = Discord ne répond pas : impossible de vérifier qui peut voir quoi. Réessayez dans un instant.
web-error-internal = Un problème est survenu de notre côté ; il a été consigné. Réessayez dans un instant.

## guichet web : ses réglages, vérifiés au démarrage

web-help = Servir le tableau de bord de l'équipe (connexion avec Discord)
web-opt-port = port d'écoute (par défaut : GUICHET_WEB_PORT, sinon 8080)
web-setting-missing = { $name } n'est pas défini : le tableau de bord en a besoin (voir le README, « The staff dashboard »).
web-setting-url = { $name } doit être une adresse http:// ou https:// sans chemin, par exemple https://tickets.example.org
web-setting-port = { $name } doit être un numéro de port (0 à 65535 ; 0 : n'importe quel port libre).
web-setting-client-id = { $name } doit être l'id de l'application (des chiffres), depuis la page OAuth2 du Developer Portal.
web-setting-secret-short = { $name } est trop court : au moins { $length } caractères (par exemple : python -c "import secrets; print(secrets.token_urlsafe(32))").
web-setting-file-unreadable = { $name } ne peut pas être lu ({ $reason }).
web-setting-file-empty = { $name } désigne un fichier vide.
web-setting-hours = { $name } doit être un nombre d'heures de 0,05 à 720.
web-ready = Tableau de bord de l'équipe : { $url }
web-redirect-hint = Enregistrez cette redirection OAuth2 dans le Developer Portal : { $url }
web-needs-token = guichet web agit sur Discord au travers du bot : définissez GUICHET_TOKEN (ou GUICHET_TOKEN_FILE), ou lancez-le à côté d'un bac à sable (GUICHET_DISCORD_API).
web-sandbox-hint = Tableau de bord de l'équipe face à ce Discord : aux réglages du bot ci-dessus (base, API, jeton) ajoutez { $client } GUICHET_WEB_URL=http://127.0.0.1:8080 GUICHET_WEB_SESSION_SECRET=(32 caractères ou plus), puis lancez guichet web.
