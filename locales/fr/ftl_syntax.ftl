## Erreurs de syntaxe Fluent dans un fichier .ftl, telles que l’analyseur de fluent.syntax les
## signale (ses codes E0001 à E0029).

ftl-syntax-E0001 = { $code } Erreur générale
ftl-syntax-E0002 = { $code } Début d’entrée attendu (un identifiant, un commentaire ou une ligne vide)
ftl-syntax-E0003 = { $code } Caractère attendu : « { $token } »
ftl-syntax-E0004 = { $code } Caractère attendu dans l’intervalle « { $range } »
ftl-syntax-E0005 = { $code } Le message « { $id } » doit avoir une valeur ou des attributs
ftl-syntax-E0006 = { $code } Le terme « -{ $id } » doit avoir une valeur
ftl-syntax-E0007 = { $code } Un mot-clé ne peut pas finir par une espace
ftl-syntax-E0008 = { $code } La fonction appelée doit être un identifiant en majuscules ou un terme
ftl-syntax-E0009 = { $code } Le nom d’un argument doit être un identifiant simple
ftl-syntax-E0010 = { $code } Une des variantes doit être marquée comme variante par défaut (*)
ftl-syntax-E0011 = { $code } Au moins une variante est attendue après « -> »
ftl-syntax-E0012 = { $code } Valeur attendue
ftl-syntax-E0013 = { $code } Clé de variante attendue
ftl-syntax-E0014 = { $code } Littéral attendu
ftl-syntax-E0015 = { $code } Une seule variante peut être marquée comme variante par défaut (*)
ftl-syntax-E0016 = { $code } Une référence à un message ne peut pas servir de sélecteur
ftl-syntax-E0017 = { $code } Un terme ne peut pas servir de sélecteur
ftl-syntax-E0018 = { $code } Les attributs d’un message ne peuvent pas servir de sélecteur
ftl-syntax-E0019 = { $code } Les attributs d’un terme ne peuvent pas être insérés dans un texte
ftl-syntax-E0020 = { $code } Chaîne de caractères non terminée
ftl-syntax-E0021 = { $code } Les arguments positionnels ne peuvent pas suivre des arguments nommés
ftl-syntax-E0022 = { $code } Chaque argument nommé ne peut apparaître qu’une fois
ftl-syntax-E0024 = { $code } On ne peut pas accéder aux variantes d’un message
ftl-syntax-E0025 = { $code } Séquence d’échappement inconnue : \{ $sequence }
ftl-syntax-E0026 = { $code } Séquence d’échappement Unicode invalide : { $sequence }
ftl-syntax-E0027 = { $code } Accolade fermante sans accolade ouvrante dans le texte
ftl-syntax-E0028 = { $code } Expression attendue
ftl-syntax-E0029 = { $code } Une expression simple est attendue comme sélecteur
# $message : les mots de l’analyseur lui-même (en anglais)
ftl-syntax-other = { $code } { $message }
ftl-syntax-unparsable = entrée Fluent illisible
ftl-syntax-in-entry = { $problem } (dans l’entrée qui commence à la ligne { $line })
