## /ticket close-request (ticket 15) : l'équipe demande, la personne répond, ou il se ferme seul.

cmd-ticket-close-request-name = demander-fermeture
cmd-ticket-close-request-desc = Demander au membre si ce ticket peut être fermé
cmd-ticket-close-request-opt-reason-name = motif
cmd-ticket-close-request-opt-reason-desc = Pourquoi (montré au membre, gardé comme motif de fermeture)
cmd-ticket-close-request-opt-delay-name = délai
cmd-ticket-close-request-opt-delay-desc = Fermé passé ce délai sans réponse : 30m, 12h, 2d (24h par défaut)

## La demande dans le ticket (langue de qui l'a ouvert). $staff : qui demande ; $member : qui a
## ouvert ; $when : quand il se ferme sans réponse (horodatage relatif de Discord) ; $reason : le motif

close-request-prompt = 📨 { $member }, { $staff } pense que ce ticket peut être fermé. Fermez-le, ou gardez-le ouvert : sans réponse, il se fermera { $when }.
close-request-prompt-reason = 📨 { $member }, { $staff } pense que ce ticket peut être fermé : « { $reason } ». Fermez-le, ou gardez-le ouvert : sans réponse, il se fermera { $when }.
close-request-accept-button = Le fermer
close-request-keep-button = Le garder ouvert
# $member : qui a ouvert le ticket, et a répondu
close-request-accepted = 🔒 { $member } a accepté : le ticket est fermé.
close-request-kept = 🔓 { $member } a gardé le ticket ouvert.
close-request-expired = ⌛ Pas de réponse à temps : le ticket est fermé.
close-request-accepted-reason = Fermé à la demande du membre, après une question de l'équipe.
close-request-expired-reason = Fermé automatiquement : le membre n'a pas répondu à une demande de fermeture.

## Réponses éphémères (langue de la personne qui agit)

# $member : qui a ouvert le ticket ; $when : quand il se ferme sans réponse
close-request-posted = Demande faite à { $member } : le ticket se fermera { $when } s'il ne le garde pas ouvert.
close-request-staff-only = Seule l'équipe peut demander la fermeture d'un ticket.
# $number : le numéro du ticket
close-request-closed = Le ticket nº { NUMBER($number, useGrouping: 0) } est déjà fermé.
# $delay : ce qui a été saisi
close-request-bad-delay = « { $delay } » n'est pas un délai entre 1m et 30d : écrivez par exemple 30m, 12h ou 2d.
close-request-not-opener = Seul·e { $member } peut répondre à cette demande.
close-request-not-pending = Cette demande a déjà reçu une réponse, ou le ticket est fermé.
