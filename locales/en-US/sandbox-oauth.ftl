## The emulator's OAuth2 consent screen (/oauth2/authorize), standing in for Discord's.

# $app: the application's name
oauth-title = Authorize { $app }
# $app: the application's name
oauth-intro = { $app } asks to:
oauth-scope-identify = Know your username, avatar and language
oauth-scope-guilds = Know which servers you are in
oauth-who = Who is using this browser?
oauth-who-help = The local Discord has nobody signed in: choose the person to authorize as.
# $name: a member's display name
oauth-authorize-as = Authorize as { $name }
oauth-owner = server owner
oauth-cancel = Cancel
oauth-error-title = Something went wrong
oauth-error-client = Unknown application (client_id).
oauth-error-redirect = Invalid OAuth2 redirect_uri: it is not registered for this application.
oauth-error-response-type = Unsupported response_type: only "code" is handled here.
oauth-error-scope = Invalid scope.
oauth-error-scope-unsupported = The local Discord grants only the identify and guilds scopes.
oauth-error-user = Choose a person of the local Discord.
oauth-error-origin = This form was sent from another site.
