## La page du bac à sable : le Discord de l'émulateur local dans un navigateur, et les lignes de la CLI qui en parlent.

sandbox-page-title = Bac à sable Guichet
sandbox-skip-to-composer = Aller à la zone de message
sandbox-servers = Serveurs
sandbox-channels = Salons
sandbox-messages = Messages
sandbox-panel = Outils du bac à sable
sandbox-no-servers = L'émulateur ne contient aucun serveur. Ajoutez un fichier de serveur dans servers/ puis relancez le bac à sable.
sandbox-no-channel = Aucun salon visible ici.
sandbox-channel-missing = Ce salon n'existe pas ou vous ne pouvez pas le voir.
# $channel: the channel's name
sandbox-channel-empty = C'est le début de #{ $channel }.

sandbox-direct-messages = Messages privés
sandbox-direct-empty = Pas encore de message privé du bot.

## Qui suis-je

sandbox-whoami = Vu par
sandbox-client-language = Langue de Discord
sandbox-switch = Changer
sandbox-owner = propriétaire

## Messages

# $bot: the application's name
sandbox-thinking = { $bot } réfléchit
sandbox-only-you = Vous seul·e pouvez voir ceci
sandbox-dismiss = Ignorer le message
# $who: who ran the command; $command: the command, e.g. /ticket
sandbox-used-command = { $who } a utilisé { $command }
sandbox-external-image = Image sur le web (non chargée hors ligne)
sandbox-select-placeholder = Faites un choix
sandbox-select-confirm = Valider
# $min, $max: how many options may be chosen
sandbox-select-range = Choisissez de { $min } à { $max } options.
# $type: Discord's number for the component type
sandbox-component-unsupported = Un composant que le bac à sable n'affiche pas (type { $type }).
sandbox-interaction-failed = L'application n'a pas répondu.
sandbox-error-not-allowed = Discord ne vous laisserait pas faire cela ici.
# $option: the option's name
sandbox-error-option = La valeur de { $option } manque ou n'est pas valide.
# $limit: the most characters a message may hold
sandbox-error-too-long = Un message contient au plus { $limit } caractères.

## Zone de message et commandes slash

sandbox-composer-label = Message
# $channel: the channel's name
sandbox-composer-placeholder = Envoyer un message dans #{ $channel }
sandbox-composer-hint = Tapez / pour les commandes slash utilisables ici
sandbox-composer-commands-only = Vous ne pouvez pas écrire ici ; tapez / pour les commandes
sandbox-composer-no-permission = Vous n'avez pas la permission d'envoyer des messages dans ce salon.
sandbox-send = Envoyer
sandbox-commands = Commandes
sandbox-no-commands = Aucune commande utilisable ici.
sandbox-run-command = Lancer
sandbox-true = Vrai
sandbox-false = Faux
sandbox-attachment-option = Le bac à sable ne peut pas envoyer de pièce jointe.

## Fenêtres de saisie

sandbox-modal-cancel = Annuler
sandbox-modal-submit = Envoyer
# $max: the most characters the field holds
sandbox-modal-length-max = Jusqu'à { $max } caractères
# $min, $max: the fewest and the most characters the field holds
sandbox-modal-length-range = De { $min } à { $max } caractères

## Commandes du bac à sable : personnes, rôles, salons

sandbox-tab-activity = Ce qu'a fait le bot
sandbox-tab-people = Personnes et rôles
sandbox-people = Personnes
sandbox-control-hint = Les commandes du bac à sable agissent comme Discord lui-même : le bot apprend chaque changement comme sur un vrai serveur.
# $role: the role's name
sandbox-role-give = Donner { $role }
# $role: the role's name
sandbox-role-take = Retirer { $role }
sandbox-add-member = Ajouter un membre
sandbox-member-name = Nom
sandbox-add = Ajouter
sandbox-roles = Rôles
# $count: members holding the role
sandbox-role-members = { $count ->
    [0] aucun membre
    [one] un membre
   *[other] { $count } membres
}
sandbox-delete = Supprimer
sandbox-delete-channel = Supprimer le salon
# $channel: the channel's name
sandbox-delete-channel-confirm = Supprimer #{ $channel } pour tout le monde ?
# $role: the role's name
sandbox-delete-role-confirm = Supprimer le rôle { $role } ?

## Ce qu'a fait le bot

sandbox-bot = Le bot
sandbox-bot-connected = Bot connecté
sandbox-bot-offline = Bot non connecté
sandbox-bot-offline-hint = Lancez un bot sur cet émulateur avec :
sandbox-reload = Recharger la configuration
sandbox-reload-hint = Lance /guichet reload en tant que propriétaire du serveur, comme après la modification d'un fichier de serveur (le bac à sable le fait aussi quand un fichier change).
sandbox-reload-no-bot = Aucun bot ne répond encore à /guichet reload ici.
sandbox-requests = Requêtes à Discord
# $count: requests since the page started; $writes: those that changed something
sandbox-requests-total = { $count ->
    [0] Aucune requête
    [one] Une requête
   *[other] { $count } requêtes
} depuis le démarrage, dont { $writes } qui modifient quelque chose.
sandbox-requests-by-route = Par route
# $count: requests made for one action; $writes: those that changed something
sandbox-requests-count = { $count ->
    [0] aucune requête
    [one] une requête
   *[other] { $count } requêtes
} ({ $writes } en écriture)
# $ms: milliseconds from the action to the bot's first answer
sandbox-answered-in = réponse en { $ms } ms
sandbox-requests-details = Requêtes
# $count: requests not listed
sandbox-requests-more = Et { $count } de plus.
# $count: requests the bot made before the first action on this page
sandbox-startup-requests = Le bot a fait { $count } requêtes avant la première action sur cette page (démarrage, synchronisation des panneaux).
sandbox-col-method = Méthode
sandbox-col-route = Route
sandbox-col-status = Statut
sandbox-col-time = Durée
sandbox-col-bucket = Compartiment de limite
sandbox-bucket-own = le sien
# $remaining, $limit: requests left in the bucket's window, and how many it allows
sandbox-bucket-left = { $remaining }/{ $limit } restantes
# $ms: a duration in milliseconds
sandbox-ms = { $ms } ms

## Une ligne par action ($who : la personne ; $detail : ce sur quoi elle a agi)

sandbox-activity-click = { $who } a cliqué sur « { $detail } »
sandbox-activity-select = { $who } a choisi { $detail }
sandbox-activity-modal = { $who } a envoyé « { $detail } »
sandbox-activity-slash = { $who } a lancé { $detail }
sandbox-activity-say = { $who } a écrit « { $detail } »
sandbox-activity-language = { $who } a passé Discord en { $detail }
sandbox-activity-member-added = { $detail } a rejoint le serveur
sandbox-activity-role-given = { $who } a reçu { $detail }
sandbox-activity-role-taken = { $who } a perdu { $detail }
sandbox-activity-channel-deleted = #{ $detail } a été supprimé
sandbox-activity-role-deleted = Le rôle { $detail } a été supprimé
sandbox-activity-reload = Configuration rechargée
sandbox-activity-file-changed = Un fichier de serveur ou de langue a changé : configuration rechargée

## Ligne de commande

# $url: the page's address
sandbox-page-ready = Page du bac à sable : { $url } (ouvrez-la dans un navigateur pour agir en tant que membre ou équipe)
sandbox-page-not-opened = Impossible d'ouvrir un navigateur ici ; ouvrez { $url } vous-même.
# $hint: the environment variables and command to run
sandbox-remote-hint = Pour lancer un bot ailleurs sur cet émulateur : { $hint }
sandbox-api-needs-token = GUICHET_DISCORD_API est défini : GUICHET_TOKEN doit être le jeton du bot de ce côté (l'émulateur affiche le sien).
sandbox-opt-open = ouvrir la page du bac à sable dans un navigateur
