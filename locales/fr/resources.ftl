## Ressources déclarées (resources: roles, categories, channels) dans un fichier de serveur

# Ce qu'une valeur doit être ($expected de config-must-be)
config-expect-key = une clé de ressource : 1 à 32 lettres minuscules, chiffres, « - » ou « _ », commençant par une lettre
config-expect-role-ref = un rôle : un identifiant Discord, ou la clé d'un rôle de resources.roles
config-expect-channel-ref = un salon : un identifiant Discord, ou la clé d'une entrée de resources.categories ou resources.channels
config-expect-adopt = true (adopter celui qui porte ce nom) ou un identifiant Discord

resource-kind-role = un rôle
resource-kind-category = une catégorie
resource-kind-channel = un salon textuel
resource-kind-any-channel = une catégorie ou un salon textuel

# $key : la clé telle qu'écrite ; $first : où elle est déclarée d'abord (resources.roles, ...)
config-resource-key-twice = la clé { $key } est déjà déclarée dans { $first } ; une clé est unique parmi rôles, catégories et salons
# $kind : resource-kind-* ; $known : les clés déclarées de ce genre, entre guillemets (ou config-none)
config-resource-unknown = { $key } n'est ni un identifiant Discord ni une ressource déclarée : il faut ici { $kind } (déclarées : { $known })
# $kind : ce qu'est la clé ; $expected : ce que cet endroit accepte (resource-kind-*)
config-resource-wrong-kind = { $key } est { $kind } ; il faut ici { $expected }
# $cycle : les clés de la boucle, « a → b → a »
config-resource-cycle = overwrites_from tourne en rond : { $cycle }
config-resource-too-many-roles = Discord autorise au plus { $limit } rôles par serveur ; ce fichier en déclare { $count }
config-resource-too-many-channels = Discord autorise au plus { $limit } salons et catégories par serveur ; ce fichier en déclare { $count }
config-resource-category-full = Discord autorise au plus { $limit } salons par catégorie ; ce fichier y en met { $count }
config-resource-channel-name = un nom de salon textuel ne contient que des lettres, des chiffres, « - » et « _ » (pas d'espaces)
config-resource-channel-lowercase = un nom de salon textuel s'écrit en minuscules
config-role-administrator = le bot n'accorde jamais administrator : retirez-le des permissions de ce rôle
config-overwrite-manage-roles = seuls les administrateurs peuvent mettre manage_roles dans une dérogation ; le bot ne le fait jamais
config-overwrite-both = une permission à la fois autorisée et refusée dans la même dérogation
# $key : le salon déclaré ; $permissions : noms de permissions, séparés par des virgules
config-resource-bot-blocked = les dérogations de { $key } retirent au bot { $permissions }, dont il a besoin ici : ajoutez-les à "@bot": {"{"}allow: [...]{"}"}
