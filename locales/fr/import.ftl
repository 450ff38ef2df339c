## guichet import --guild ID : un fichier de serveur depuis ce qu'un serveur contient déjà

import-help = Écrire un fichier de serveur et ses textes depuis un serveur existant : ses rôles, catégories et salons textuels, déclarés et adoptés par identifiant
import-opt-name = nom du fichier de serveur (par défaut : d'après le nom du serveur)
# $guild : le nom du serveur
import-header = Importé de { $guild } : chaque rôle, catégorie et salon textuel est adopté par son identifiant, le premier guichet apply les reprend donc sans les modifier. Revoyez le système ci-dessous.
import-systems = Un système de tickets de départ : choisissez sa catégorie, ses gestionnaires et ses sujets, puis ajoutez des panneaux.
# $guild : l'identifiant ; $path : le fichier qui le configure déjà
import-guild-has-file = { $path } configure déjà le serveur { $guild } : ne gardez que l'un des deux fichiers (un fichier par serveur)
import-guild-unreadable = Le serveur { $guild } n'a pas pu être lu : le bot y est-il, avec Voir les salons ?
# $path : le fichier écrit
import-next = Vérifiez-le avec : guichet validate { $path } ; guichet plan montre ensuite chaque ressource adoptée.
# $what : le nom Discord concerné
import-left-managed-role = non importé : le rôle « { $what } » est géré par Discord (celui d'un bot ou des boosters)
import-left-channel-type = non importé : « { $what } » n'est ni un salon textuel ni une catégorie (salons vocaux, de conférence, forums et annonces ne sont pas déclarés)
import-left-member-overwrite = non importé : une dérogation de « { $what } » pour un seul membre (un fichier ne déclare des dérogations que pour des rôles)
import-left-channel-name = non importé : le salon « { $what } » a un nom qu'un fichier de serveur ne peut pas déclarer (espaces, émojis ou majuscules)
import-left-manage-roles-overwrite = non importé : manage_roles dans une dérogation de « { $what } » (seuls les administrateurs peuvent la poser)
import-left-channel-settings = non déclaré : le mode lent ou le réglage NSFW de « { $what } », laissé tel quel
import-left-positions = non déclarées : les positions des rôles et des salons, laissées où elles sont
