# Messages de `guichet validate` sur les fichiers de serveur (lus par les admins et la CI).
# Typographie : espace insécable avant « : », « ; », « ? », « ! » et dans « … » (caractère U+00A0).
# Les valeurs citées du fichier ($got, $key, $id…) arrivent déjà entre guillemets, non traduites.

## Valeurs et sortes de valeurs, utilisées dans d'autres messages

config-value-mapping = un dictionnaire
config-value-list = une liste
config-value-nothing = rien
# $value : la valeur telle qu'écrite, p. ex. "bonjour"
config-value-single = une valeur seule ({ $value })
config-none = aucun

## Ce qu'une valeur doit être ($expected de config-must-be et config-bad-name)

config-expect-snowflake = un identifiant Discord : un entier ou une chaîne de 17 à 20 chiffres
config-expect-id = un identifiant : 1 à 32 lettres minuscules, chiffres, « - » ou « _ », commençant par une lettre ou un chiffre
config-expect-message-id = un identifiant de message Fluent : lettres, chiffres, « - » ou « _ », commençant par une lettre
config-expect-duration = une durée comme 30s, 10m, 1h30m ou 2d (unités d, h, m, s, de la plus grande à la plus petite)
config-expect-locale = un code de langue comme « fr » ou « en-US »
config-expect-colour = une couleur au format « #RRGGBB », p. ex. « #5865F2 »
config-expect-https-url = une adresse en https://
config-expect-emoji = un émoji Unicode ou un émoji personnalisé au format « <:nom:id> »
config-expect-name = un nom valide
config-type-string = une chaîne de caractères
config-type-integer = un entier
config-type-number = un nombre
config-type-boolean = true ou false
config-type-object = un dictionnaire (clé : valeur)
config-type-array = une liste
config-type-null = vide
# $name : le nom du type JSON Schema
config-type-other = du type { $name }

## Erreurs de schéma

config-must-be = doit être { $expected } (trouvé : { $got })
config-bad-name = doit être { $expected }
# $choices : les valeurs permises, entre guillemets, p. ex. "channel", "thread"
config-enum = doit valoir l'une des valeurs { $choices } (trouvé : { $got })
config-minimum = doit valoir au moins { $limit } (trouvé : { $got })
config-maximum = doit valoir au plus { $limit } (trouvé : { $got })
config-exclusive-minimum = doit être strictement supérieur à { $limit } (trouvé : { $got })
config-exclusive-maximum = doit être strictement inférieur à { $limit } (trouvé : { $got })
config-multiple-of = doit être un multiple de { $limit } (trouvé : { $got })
config-min-length = { $limit ->
    [one] doit compter au moins { $limit } caractère (trouvé : { $got })
   *[other] doit compter au moins { $limit } caractères (trouvé : { $got })
}
# $count : la longueur de la valeur
config-max-length = doit compter au plus { $limit } caractères (ici { $count })
config-min-items = { $limit ->
    [one] doit contenir au moins { $limit } élément
   *[other] doit contenir au moins { $limit } éléments
}
config-max-items = doit contenir au plus { $limit } éléments (ici { $count })
config-min-properties = { $limit ->
    [one] doit avoir au moins { $limit } entrée
   *[other] doit avoir au moins { $limit } entrées
}
config-max-properties = doit avoir au plus { $limit } entrées (ici { $count })
config-unique-items = contient { $value } plusieurs fois
config-pattern = doit respecter le motif { $pattern } (trouvé : { $got })
config-no-alternative = ne correspond à aucune forme permise (trouvé : { $got })
config-not-allowed = n'est pas permis ici (trouvé : { $got })
# $details : les mots du validateur, pour une règle que le schéma n'emploie pas aujourd'hui
config-schema-other = n'est pas valide : { $details }
config-unknown-key-suggest = clé inconnue (vouliez-vous dire « { $suggestion } » ?)
# $allowed : les clés permises ici, séparées par des virgules
config-unknown-key = clé inconnue (clés permises : { $allowed })
config-missing-key = clé obligatoire « { $key } » absente
# $field et $value : le réglage qui l'exige, p. ex. approval et "manual"
config-missing-key-when = clé « { $key } » absente (obligatoire avec { $field } { $value })

## Vérifications au-delà du schéma

config-snowflake-too-large = n'est pas un identifiant Discord : dépasse 64 bits (trouvé : { $got })
config-ignored-unless = ne sert qu'avec { $field } { $value } ; ignoré
config-questions-with-reason = avec require_open_reason, un sujet a au plus { $limit } questions (le motif occupe un champ de la fenêtre)
# $allowed : les variables, p. ex. {member}, {number}, {topic}
config-name-unmatched-brace = contient une accolade { "{" } ou { "}" } sans sa paire ; les variables s'écrivent { $allowed }
config-name-unknown-placeholder = variable { $placeholder } inconnue (permises : { $allowed })
config-name-placeholder-format = la variable { $placeholder } n'admet ni format ni conversion
config-name-characters = un nom de salon ne contient que des lettres, des chiffres, « - » et « _ » (pas d'espaces)
config-name-lowercase = un nom de salon s'écrit en minuscules
config-name-single-line = un nom de fil tient sur une seule ligne
config-name-too-long = peut donner des noms de plus de { $limit } caractères
config-name-no-placeholder = ne contient aucune variable : tous les tickets porteront le même nom
config-custom-id-too-long = identifiants trop longs pour un custom_id Discord ({ $limit } caractères au plus)
config-question-id-twice = l'identifiant de question { $id } sert deux fois dans ce sujet
config-min-above-max = min_length ({ $low }) dépasse max_length ({ $high })
# $known : les systèmes du fichier, entre guillemets et séparés par des virgules (ou config-none)
config-unknown-system = système { $system } inconnu (systèmes : { $known })
config-unknown-topic = sujet { $topic } inconnu dans le système { $system }
config-select-too-many = un menu déroulant contient au plus { $limit } sujets ; ce panneau en a { $count }
config-buttons-too-many = un panneau contient au plus { $limit } boutons (5 rangées de 5) ; celui-ci en a { $count } (utilisez kind: select, ou listez moins de sujets)
# $code : la langue écrite dans le fichier ; $available : les langues fournies
config-locale-not-shipped = la langue { $code } n'est pas fournie (langues : { $available })
# $id : un identifiant Fluent cité par le fichier ; $code : une langue ; $file : le fichier .ftl qui doit le définir
config-message-not-found = message Fluent « { $id } » introuvable pour la langue { $code } ({ $file })
config-message-missing = message Fluent « { $id } » absent de la langue { $code } ({ $file })

## Fichiers

config-no-server-files = aucun fichier de serveur (*.yaml)
config-no-such-path = fichier ou dossier introuvable
config-not-utf8 = impossible de lire le fichier : ce n'est pas du texte UTF-8
# $reason : les mots du système d'exploitation
config-unreadable = impossible de lire le fichier : { $reason }
# $others : fichier:ligne:colonne des autres fichiers
config-guild-elsewhere = le serveur Discord { $guild } est aussi configuré dans { $others }
config-name-elsewhere = un autre fichier nomme aussi le serveur « { $name } » : { $others }

## YAML

# $problem : les mots de l'analyseur YAML, pour une erreur de syntaxe rare
config-yaml-syntax = erreur de syntaxe YAML : { $problem }
config-yaml-error = erreur YAML : { $error }
config-yaml-colon-in-value = erreur de syntaxe YAML : une paire clé : valeur n'est pas permise ici (mettez entre guillemets une valeur qui contient « : »)
config-yaml-indentation = erreur de syntaxe YAML : contenu inattendu ici (vérifiez l'indentation, ou mettez la valeur entre guillemets)
config-yaml-unclosed-list = erreur de syntaxe YAML : une liste ouverte par [ n'est pas fermée par ]
config-yaml-unclosed-mapping = erreur de syntaxe YAML : un dictionnaire ouvert par { "{" } n'est pas fermé par { "}" }
config-yaml-unclosed-quote = erreur de syntaxe YAML : une valeur entre guillemets n'est pas refermée
config-yaml-undefined-alias = erreur de syntaxe YAML : un alias (*nom) ne renvoie à aucune ancre (&nom)
config-yaml-duplicate-anchor = erreur de syntaxe YAML : cette ancre (&nom) est déjà définie
config-yaml-bad-character = erreur de syntaxe YAML : une valeur ne peut pas commencer par ce caractère (mettez-la entre guillemets)
config-yaml-missing-value = erreur de syntaxe YAML : une valeur manque ici
config-yaml-recursive-alias = un alias renvoie à lui-même
config-yaml-complex-key = une clé doit être une valeur simple, ni un dictionnaire ni une liste
# $first : la ligne où la clé apparaît d'abord
config-yaml-duplicate-key = clé { $key } en double (déjà définie ligne { $first })
config-yaml-merge-not-mapping = << ne fusionne que des dictionnaires
config-yaml-unknown-tag = balise YAML { $tag } inconnue
config-yaml-tab = tabulation dans l'indentation : YAML n'indente qu'avec des espaces
config-file-empty = le fichier est vide : il doit contenir un dictionnaire avec guild, locale, staff_roles, systems
config-file-not-mapping = le fichier doit être un dictionnaire (lignes clé : valeur) au premier niveau, pas { $got }
