# Textes de servers/example.yaml, en français.

## Système d'assistance
topic-billing = Facturation
topic-billing-desc = Factures, paiements et remboursements
topic-billing-welcome = Merci de nous contacter au sujet de la facturation. Un membre de l'équipe vous répond bientôt.
topic-bug = Signaler un bug
topic-bug-desc = Quelque chose ne fonctionne pas comme prévu
topic-bug-welcome = Merci pour le signalement ! Joignez des captures d'écran si vous en avez.
topic-other = Autre chose
q-order = Numéro de commande
q-order-placeholder = p. ex. FR-2024-0001
q-details = Autre chose à nous dire ?
q-steps = Étapes pour reproduire

## Système partenaires
topic-partnership = Partenariat
topic-partnership-welcome = Bonjour ! Parlez-nous de votre communauté et de votre projet.

## Panneaux
panel-support-title = Besoin d'aide ?
panel-support-text = Choisissez un sujet ci-dessous pour ouvrir un ticket. Notre équipe répond sous 24 heures.
panel-support-placeholder = Choisissez un sujet…
panel-partners-title = Partenariats
panel-partners-text = Envie de devenir partenaire ? Cliquez sur le bouton ci-dessous.

## Tags (/ticket tag) : publiés dans la langue du membre ; libellés dans celle de l'équipe
tag-refund-label = Délai de remboursement
tag-refund = Bonjour { $member }, les remboursements arrivent sur votre compte sous 5 à 10 jours ouvrés. Nous gardons le ticket nº { NUMBER($number, useGrouping: 0) } ouvert jusqu'à votre confirmation.
tag-screenshots = Pourriez-vous joindre une capture d'écran du problème ? Cela nous aide beaucoup.
