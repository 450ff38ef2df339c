## `guichet check-locales`: the translators' checks. $id is a message id (or id.attribute),
## $code a locale code, $reference the reference locale (en-US), $variable e.g. "{ $channel }".

check-locales-help = Check the translations: variables, missing and obsolete messages, plural forms
check-locales-opt-root = locales folder to check (default: ./locales, else Guichet's own)
check-locales-opt-complete = also fail when a locale misses messages or keeps obsolete ones

locales-unknown-variable = { $id }: { $variable } is not a variable of this message in { $reference } (it uses: { $expected })
locales-unused-variable = { $id }: does not show { $variable }, which { $reference } shows
locales-plural-missing = { $id }: no variant for { $categories }, plural categories of { $code }
locales-zero-hidden = { $id }: in { $code }, 0 falls in [{ $category }], whose text does not show { $variable }: add a [0] variant (or write "{ $variable } >= 1" in the en-US comment if it is never 0)
locales-syntax = { $details }

# One line per locale and file group; $unit is "*.ftl" (the bot's messages) or "servers/NAME.ftl".
locales-summary-reference = { $code } { $unit }: { $total } messages (reference)
locales-summary = { $code } { $unit }: { $translated } of { $total } messages ({ $percent } %), { $missing } missing, { $obsolete } obsolete
locales-summary-missing = { $code } { $unit }: missing: { $ids }
locales-summary-obsolete = { $code } { $unit }: obsolete (not in { $reference }): { $ids }
locales-result-ok = Translations checked: no problem found.
locales-result-errors = { $errors ->
    [one] 1 problem
   *[other] { $errors } problems
} in the translations.
