## `guichet check-locales` : les vérifications des traducteurs. $id est un identifiant de message
## (ou id.attribut), $code un code de langue, $reference la langue de référence (en-US),
## $variable p. ex. « { $channel } ».

check-locales-help = Vérifier les traductions : variables, messages manquants ou obsolètes, formes du pluriel
check-locales-opt-root = dossier de langues à vérifier (par défaut : ./locales, sinon celui de Guichet)
check-locales-opt-complete = échouer aussi quand une langue manque de messages ou en garde d'obsolètes

locales-unknown-variable = { $id } : { $variable } n'est pas une variable de ce message en { $reference } (il utilise : { $expected })
locales-unused-variable = { $id } : n'affiche pas { $variable }, que { $reference } affiche
locales-plural-missing = { $id } : aucune variante pour { $categories }, catégories du pluriel en { $code }
locales-zero-hidden = { $id } : en { $code }, 0 relève de [{ $category }], dont le texte n'affiche pas { $variable } : ajoutez une variante [0] (ou écrivez « { $variable } >= 1 » dans le commentaire en-US s'il ne vaut jamais 0)
locales-syntax = { $details }

# Une ligne par langue et groupe de fichiers ; $unit vaut « *.ftl » (les messages du bot) ou « servers/NOM.ftl ».
locales-summary-reference = { $code } { $unit } : { $total } messages (référence)
locales-summary = { $code } { $unit } : { $translated } messages sur { $total } ({ $percent } %), { $missing ->
    [0] aucun manquant
    [one] { $missing } manquant
   *[other] { $missing } manquants
}, { $obsolete ->
    [0] aucun obsolète
    [one] { $obsolete } obsolète
   *[other] { $obsolete } obsolètes
}
locales-summary-missing = { $code } { $unit } : manquants : { $ids }
locales-summary-obsolete = { $code } { $unit } : obsolètes (absents de { $reference }) : { $ids }
locales-result-ok = Traductions vérifiées : aucun problème.
locales-result-errors = { $errors ->
    [0] Aucun problème dans les traductions.
    [one] { $errors } problème dans les traductions.
   *[other] { $errors } problèmes dans les traductions.
}
