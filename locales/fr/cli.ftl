# Messages de la ligne de commande `guichet` (lus par les admins et la CI).

## Aide

cli-description = Guichet : un bot Discord de tickets configuré par fichiers.
cli-commands = commandes
cli-validate-help = Vérifier les fichiers de serveur : schéma, références, limites de Discord et textes Fluent.
cli-validate-paths-help = Fichiers de serveur ou dossiers qui en contiennent (par défaut : servers/).
cli-validate-locales-help = Dossier des traductions Fluent (par défaut : le dossier locales/ voisin de servers/, sinon ./locales).
cli-schema-help = Afficher le schéma JSON d'un fichier de serveur.
cli-new-server-help = Créer un fichier de serveur et ses fichiers de traduction, prêts à remplir.
cli-new-server-name-help = Nom du fichier de serveur (servers/NOM.yaml) : lettres minuscules, chiffres, « - » ou « _ ».
cli-new-server-guild-help = Identifiant du serveur Discord (guild).
cli-new-server-locale-help = Langue par défaut des textes publics du serveur, p. ex. fr ou en-US.
cli-new-server-servers-help = Dossier des fichiers de serveur (par défaut : servers/).
cli-new-server-locales-help = Dossier des traductions Fluent (par défaut : locales/).

## guichet validate

# $diagnostic : « fichier:ligne:colonne: emplacement: message »
cli-warning = avertissement : { $diagnostic }
cli-validate-ok = { $files ->
    [one] { $files } fichier de serveur est valide
   *[other] { $files } fichiers de serveur sont valides
}{ $warnings ->
    [0] .
    [one] , avec { $warnings } avertissement.
   *[other] , avec { $warnings } avertissements.
}
cli-validate-failed = { $errors ->
    [one] { $errors } erreur
   *[other] { $errors } erreurs
} dans { $failed ->
    [one] { $failed } fichier
   *[other] { $failed } fichiers
} (sur { $files ->
    [one] { $files } fichier vérifié
   *[other] { $files } fichiers vérifiés
}).
cli-locales-missing = avertissement : aucun dossier locales trouvé ; les textes Fluent n'ont pas été vérifiés (utilisez --locales).
cli-locales-invalid = Les traductions de { $path } ne peuvent pas être chargées ; corrigez-les d'abord.

## guichet new-server

cli-bad-name = « { $name } » ne peut pas nommer un serveur : utilisez 1 à 32 lettres minuscules, chiffres, « - » ou « _ ».
cli-bad-guild = « { $guild } » n'est pas un identifiant Discord (17 à 20 chiffres).
cli-bad-locale = « { $code } » n'est pas une langue fournie (disponibles : { $available }).
cli-file-exists = { $path } existe déjà ; rien n'a été écrit.
cli-created = Créé : { $path }
cli-new-server-next = Remplacez les identifiants provisoires (marqués REMPLACER), puis lancez : guichet validate { $path }
cli-write-failed = Impossible d'écrire { $path } : { $reason }

## Modèle écrit par `guichet new-server` (commentaires du fichier YAML, textes des fichiers .ftl)

cli-scaffold-header = Configuration des tickets de ce serveur Discord. Les textes sont des identifiants Fluent, traduits dans locales/<langue>/servers/{ $name }.ftl.
cli-scaffold-guild = le serveur Discord configuré par ce fichier
cli-scaffold-locale = langue des panneaux, des journaux et des transcriptions
cli-scaffold-staff-role = REMPLACER : identifiant de votre rôle d'équipe
cli-scaffold-log = REMPLACER : identifiant du salon qui reçoit le journal des tickets
cli-scaffold-transcripts = REMPLACER : identifiant du salon qui reçoit les transcriptions
cli-scaffold-system = un salon textuel privé par ticket, dans une catégorie
cli-scaffold-category = REMPLACER : identifiant de la catégorie des salons de tickets
cli-scaffold-panel-channel = REMPLACER : identifiant du salon où afficher le panneau
cli-scaffold-ftl-header = Textes de servers/{ $name }.yaml.
cli-scaffold-topic-label = Aide générale
cli-scaffold-topic-desc = Questions sur le serveur
cli-scaffold-topic-welcome = Merci d'avoir ouvert un ticket ! Décrivez votre demande, un membre de l'équipe vous répondra.
cli-scaffold-panel-title = Assistance
cli-scaffold-panel-text = Cliquez sur le bouton ci-dessous pour ouvrir un ticket.
