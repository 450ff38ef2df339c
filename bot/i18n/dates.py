"""Locale-aware dates through Babel (Fluent's DATETIME covers messages; this covers the rest)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import babel
import babel.dates

from bot.i18n.negotiation import DEFAULT_LOCALE


def babel_locale(code: str | None) -> babel.Locale:
    """Babel's locale for a Discord/Guichet code, the default locale when unknown.

    Dates may use the member's exact locale (``en-GB`` writes day/month) even
    when its messages fall back to another shipped locale.
    """
    for candidate in (code, DEFAULT_LOCALE):
        if not candidate:
            continue
        try:
            return babel.Locale.parse(candidate.replace("_", "-"), sep="-")
        except (ValueError, babel.UnknownLocaleError):
            continue
    return babel.Locale.parse(DEFAULT_LOCALE, sep="-")


def format_datetime(
    value: datetime,
    locale: str | None,
    *,
    format: str = "medium",  # Babel's own parameter name
    tz: tzinfo = UTC,
) -> str:
    """``value`` as text for ``locale``; naive datetimes are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return babel.dates.format_datetime(value, format=format, tzinfo=tz, locale=babel_locale(locale))
