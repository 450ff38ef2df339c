# Plafonds de tickets ouverts et catégories de débordement (issue 16). $max >= 1 : le plafond du fichier du serveur
capacity-system-full = { $max ->
    [one] Ce système de tickets a déjà son ticket ouvert. Réessayez plus tard.
   *[other] Ce système de tickets a déjà ses { NUMBER($max) } tickets ouverts. Réessayez plus tard.
}
capacity-server-full = { $max ->
    [one] Ce serveur a déjà son ticket ouvert. Réessayez plus tard.
   *[other] Ce serveur a déjà ses { NUMBER($max) } tickets ouverts. Réessayez plus tard.
}
