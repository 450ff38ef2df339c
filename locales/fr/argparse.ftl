## Les mots d'argparse dans l'aide de `guichet` et ses erreurs d'utilisation (Python les écrit en anglais).
## Gardez tels quels les marqueurs %(nom)s, %s et %r : Python les remplace.

argparse-usage = utilisation :
argparse-positionals = arguments positionnels
argparse-options = options
argparse-help = afficher ce message d'aide et quitter
argparse-error = %(prog)s : erreur : %(message)s
argparse-argument = argument %(argument_name)s : %(message)s
argparse-unrecognized = arguments non reconnus : %s
argparse-required = les arguments suivants sont obligatoires : %s
argparse-one-required = l'un des arguments %s est obligatoire
argparse-not-allowed-with = interdit avec l'argument %s
argparse-ignored-explicit = argument explicite %r ignoré
argparse-invalid-choice = choix invalide : %(value)r (choisissez parmi %(choices)s)
argparse-invalid-value = valeur %(type)s invalide : %(value)r
argparse-expected-one = un argument attendu
argparse-expected-at-most-one = au plus un argument attendu
argparse-expected-at-least-one = au moins un argument attendu
# $count >= 1 : le nombre d'arguments de l'option (%s est remplacé par ce nombre)
argparse-expected-n = { $count ->
    [one] %s argument attendu
   *[other] %s arguments attendus
}
argparse-ambiguous = option ambiguë : %(option)s peut correspondre à %(matches)s
argparse-unexpected-option = option inattendue : %s
argparse-cannot-open = impossible d'ouvrir « %(filename)s » : %(error)s
