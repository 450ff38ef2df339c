## Le récapitulatif envoyé au membre à la fermeture (ticket 15) : un message privé à la
## personne qui a ouvert le ticket, dans sa langue ; dans le ticket gardé si elle refuse les MP.

# $guild : le nom du serveur ; $number : le numéro du ticket
summary-title = Votre ticket nº { NUMBER($number, useGrouping: 0) } sur { $guild } est fermé
summary-field-topic = Sujet
summary-field-closed-by = Fermé par
summary-field-reason = Raison
summary-no-reason = Aucune raison donnée
summary-transcript = La conversation est jointe, en page web et en texte.
summary-rate = Qu'avez-vous pensé de notre aide ? Notez ce ticket de 1 (mauvais) à 5 (excellent).
# Dans le ticket quand le MP n'a pas pu partir. $member : la personne (notifiée)
summary-fallback = { $member }, vos messages privés sont fermés à ce serveur : voici donc le récapitulatif de votre ticket.

## Le salon de journal, dans la langue du serveur. $member : la personne (une mention qui
## ne notifie personne) ; $number : le numéro du ticket ; $channel : le ticket (une mention)
summary-log-dm = 📨 Ticket nº { NUMBER($number, useGrouping: 0) } : { $member } a reçu le récapitulatif en MP.
summary-log-channel = 📨 Ticket nº { NUMBER($number, useGrouping: 0) } : { $member } refuse les MP, le récapitulatif a donc été posté dans le ticket ({ $channel }).
summary-log-none = 📭 Ticket nº { NUMBER($number, useGrouping: 0) } : { $member } refuse les MP et le ticket a été supprimé, la personne n'a donc pas été prévenue.
summary-log-failed = ⚠️ Ticket nº { NUMBER($number, useGrouping: 0) } : Discord a échoué à chaque essai, { $member } n'a donc pas reçu le récapitulatif.

## /ticket info, dans la langue de qui le lit. $when : une date et une heure
summary-info-field = Membre prévenu
summary-info-dm = En MP, { $when }
summary-info-channel = Dans le ticket (ses MP sont fermés), { $when }
summary-info-none = Pas prévenu : ses MP sont fermés et le ticket a été supprimé ({ $when })
summary-info-failed = Pas prévenu : Discord a échoué à chaque essai ({ $when })
