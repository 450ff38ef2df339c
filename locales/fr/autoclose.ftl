## Fermeture automatique après inactivité (ticket 15). Publié dans le ticket, dans la langue de qui l'a ouvert.

# $member : qui a ouvert le ticket (une mention) ; $when : quand il se ferme, un horodatage
# relatif de Discord (« dans 24 heures », dans la langue de chaque lecteur) ; $at : la même
# chose en date et heure ; $who : « member » si seuls ses messages comptent, « anyone » sinon
autoclose-warning = { $who ->
        [member] ⏳ { $member }, ce ticket attend votre réponse depuis un moment : il se fermera { $when } ({ $at }) si vous n'écrivez pas ici.
       *[anyone] ⏳ { $member }, ce ticket est calme depuis un moment : il se fermera { $when } ({ $at }) si personne n'écrit ici.
    }
autoclose-keep-button = Le garder ouvert
# $member : qui a répondu ou cliqué sur « Le garder ouvert »
autoclose-cancelled = ✅ Fermeture automatique annulée : { $member } a répondu. Le ticket reste ouvert.
autoclose-reason = Fermé automatiquement : le ticket est resté sans réponse après un avertissement.

## Validation d'un fichier de serveur

# $field : after, warning ou on_hold_reminder ; $minimum : la durée la plus courte permise, p. ex. 1m
config-timer-too-short = { $field } doit valoir au moins { $minimum } : une durée plus courte ne laisse à personne le temps de répondre

## guichet plan

# $file : le nom du fichier du serveur ; $system ; $count : tickets ouverts ayant déjà dépassé la durée d'inactivité ;
# $warning : le délai d'avertissement tel qu'écrit dans le fichier (p. ex. 24h)
plan-autoclose-backlog = { $file } · { $system } : la fermeture automatique est active avec { $count ->
        [0] aucun ticket ouvert au-delà de sa durée d'inactivité.
        [one] un ticket ouvert au-delà de sa durée d'inactivité : il sera d'abord averti et se fermera { $warning } plus tard sans réponse.
       *[other] { $count } tickets ouverts au-delà de leur durée d'inactivité : ils seront d'abord avertis et se fermeront { $warning } plus tard sans réponse.
    }
