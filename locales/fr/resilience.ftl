## Rien de perdu, rien qui fuit : commandes d’administration gardées, redémarrages, références supprimées.

reload-not-allowed = Seuls l’équipe de ce serveur et les membres qui peuvent gérer le serveur peuvent recharger sa configuration.
reload-texts-kept = Les textes communs du bot n’ont pas pu être rechargés ; les textes précédents restent en vigueur. L’hébergeur du bot a été prévenu.

## Ce qu’un membre a écrit n’est jamais perdu

# $typed: what the member typed in the dialog, quoted
open-dialog-expired = Ce formulaire a expiré : aucun ticket n’a été ouvert. Voici ce que vous aviez écrit, à recopier dans un nouveau :
    { $typed }
