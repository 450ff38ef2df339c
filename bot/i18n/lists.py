"""Lists written the way a language writes them ("A, B and C", « A, B et C »), from CLDR."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.lists import format_list as babel_format_list


def format_list(items: list[str], locale: str) -> str:
    """`items` joined for `locale` (a Discord code such as `fr` or `en-US`); English rules for
    a code Babel does not know."""
    try:
        babel_locale = Locale.parse(locale, sep="-")
    except (UnknownLocaleError, ValueError):
        babel_locale = Locale("en")
    return babel_format_list(items, locale=babel_locale)
