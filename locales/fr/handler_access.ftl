## Les responsables dans les tickets en fil privé : l’avis « Rejoindre » (langue du serveur) et
## son bouton.

# $number, $topic, $member (l’auteur du ticket), $channel (le fil), $handlers (mentions de
# rôles), $count (nombre de rôles responsables)
handler-join-notice = 🔔 Le ticket nº { NUMBER($number, useGrouping: 0) } ({ $topic }) a été ouvert par { $member } : { $channel }. { $count ->
        [0] L’équipe peut le rejoindre avec le bouton ci-dessous.
       *[other] { $handlers } : rejoignez-le avec le bouton ci-dessous.
    }
handler-join-notice-released = 🔓 Le ticket nº { NUMBER($number, useGrouping: 0) } ({ $topic }) de { $member } n’est plus pris en charge : { $channel }. { $count ->
        [0] L’équipe peut de nouveau le rejoindre avec le bouton ci-dessous.
       *[other] { $handlers } : rejoignez-le de nouveau avec le bouton ci-dessous.
    }
handler-join-button = Rejoindre le ticket

## Réponses à un clic sur Rejoindre (langue de la personne qui clique)

handler-join-done = Vous êtes dans le ticket nº { NUMBER($number, useGrouping: 0) } : { $channel }
handler-join-closed = Le ticket nº { NUMBER($number, useGrouping: 0) } est fermé : on ne peut plus le rejoindre.
handler-join-claimed = { $staff } a pris en charge le ticket nº { NUMBER($number, useGrouping: 0) } et s’en occupe seul pour le moment.
handler-join-go = Ce ticket est un salon que vous pouvez déjà ouvrir : { $channel }
handler-join-bot-cannot = Je ne peux pas vous ajouter à ce fil : il me manque Gérer les fils ou Envoyer des messages dans les fils dans son salon. Demandez à un administrateur du serveur.
handler-join-cannot-see = Je ne peux pas vous ajouter à ce fil : vous ne voyez pas le salon où il se trouve.
