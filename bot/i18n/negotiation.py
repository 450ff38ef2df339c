"""Matching Discord's locale codes against the locales Guichet ships, with Babel."""

from __future__ import annotations

from collections.abc import Iterable

import babel

DEFAULT_LOCALE = "en-US"


def negotiate(requested: str | None, available: Iterable[str]) -> str | None:
    """The shipped locale to use for a Discord code such as ``fr``, ``en-GB`` or ``pt-BR``.

    Babel tries the exact code, then its language part; the language alone also
    goes through Babel's aliases (``en`` -> ``en_US``), which is how ``en-GB``
    reaches ``en-US`` while ``pt-BR`` finds nothing when only ``en-US`` and
    ``fr`` are shipped. Returns the shipped spelling, or ``None``.
    """
    if not requested:
        return None
    code = requested.strip().replace("_", "-")
    by_lower = {a.lower(): a for a in available}
    preferred = [code]
    language = code.split("-", 1)[0]
    if language != code:
        preferred.append(language)
    match = babel.negotiate_locale(preferred, list(by_lower.values()), sep="-")
    # Babel hands back the *requested* spelling on a case-insensitive hit.
    return by_lower.get(match.lower()) if match else None


def is_known_locale(code: str) -> bool:
    """Whether Babel has CLDR data for ``code`` (plural rules and number formats depend on it)."""
    try:
        babel.Locale.parse(code, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return False
    return True
