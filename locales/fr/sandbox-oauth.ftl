## L'écran d'autorisation OAuth2 de l'émulateur (/oauth2/authorize), à la place de celui de Discord.

oauth-title = Autoriser { $app }
oauth-intro = { $app } demande à :
oauth-scope-identify = Connaître votre nom d'utilisateur, votre avatar et votre langue
oauth-scope-guilds = Savoir sur quels serveurs vous êtes
oauth-who = Qui utilise ce navigateur ?
oauth-who-help = Le Discord local n'a personne de connecté : choisissez la personne au nom de qui autoriser.
oauth-authorize-as = Autoriser en tant que { $name }
oauth-owner = propriétaire du serveur
oauth-cancel = Annuler
oauth-error-title = Un problème est survenu
oauth-error-client = Application inconnue (client_id).
oauth-error-redirect = redirect_uri OAuth2 invalide : elle n'est pas enregistrée pour cette application.
oauth-error-response-type = response_type non pris en charge : seul « code » est traité ici.
oauth-error-scope = Scope invalide.
oauth-error-scope-unsupported = Le Discord local n'accorde que les scopes identify et guilds.
oauth-error-user = Choisissez une personne du Discord local.
oauth-error-origin = Ce formulaire a été envoyé depuis un autre site.
