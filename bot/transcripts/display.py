"""Locale-aware pieces of a transcript: dates, sizes, colours and which links are safe."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import babel.dates
import babel.units

from bot.i18n.dates import babel_locale

_SAFE_SCHEMES = frozenset({"http", "https"})
# CLDR units from bytes up; each step is 1000 (SI), as Discord's client shows sizes.
_SIZE_UNITS = ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no ``javascript:``, ``data:``...)."""
    if not url or any(c.isspace() or ord(c) < 0x20 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def css_colour(value: int | None) -> str | None:
    """``#rrggbb`` for a Discord colour; 0 means "no colour" in Discord."""
    if not value or not 0 < value <= 0xFFFFFF:
        return None
    return f"#{value:06x}"


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class LocaleFormats:
    """Dates and sizes for one locale, with the Babel locale parsed once per transcript."""

    def __init__(self, locale: str) -> None:
        self.locale = babel_locale(locale)
        self._datetime_pattern = str(self.locale.datetime_formats["medium"])
        # Babel takes ~0.1 ms a call and a ticket repeats days and minutes a lot.
        self._dates: dict[date, str] = {}
        self._times: dict[tuple[int, int], str] = {}

    def date_time(self, value: datetime) -> str:
        """Medium date and short time, e.g. ``Nov 22, 2026, 10:31 AM`` / ``22 nov. 2026, 10:31``."""
        value = as_utc(value)
        day = self._dates.get(value.date())
        if day is None:
            day = babel.dates.format_date(value, "medium", locale=self.locale)
            self._dates[value.date()] = day
        return self._datetime_pattern.replace("{1}", day).replace("{0}", self.time(value))

    def time(self, value: datetime) -> str:
        value = as_utc(value)
        key = (value.hour, value.minute)
        text = self._times.get(key)
        if text is None:
            text = babel.dates.format_time(value, "short", tzinfo=UTC, locale=self.locale)
            self._times[key] = text
        return text

    def size(self, size: int) -> str:
        """A human size in the locale's units and decimals (``1.2 MB``, ``1,2 Mo``)."""
        value = float(max(size, 0))
        unit = 0
        while value >= 1000 and unit < len(_SIZE_UNITS) - 1:
            value /= 1000
            unit += 1
        pattern = "#,##0" if unit == 0 else "#,##0.#"
        return babel.units.format_unit(
            value, _SIZE_UNITS[unit], length="short", format=pattern, locale=self.locale
        )


def iso_minute(value: datetime) -> str:
    """The plain-text transcript's fixed stamp: ``2026-11-22 10:31``, always UTC."""
    return as_utc(value).strftime("%Y-%m-%d %H:%M")
