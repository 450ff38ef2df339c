"""Which URLs may become links, and how sizes and colours read."""

from __future__ import annotations

import pytest

from bot.transcripts.display import LocaleFormats, css_colour, safe_url


@pytest.mark.parametrize(
    "url",
    ["https://cdn.discordapp.com/a.png", "http://example.org/x?y=1#z", "HTTPS://EXAMPLE.ORG"],
)
def test_http_urls_are_safe(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/x",
        "/relative",
        "https:no-host",
        "https://exa mple.org",
        "https://example.org/\nx",
        "ftp://example.org/file",
    ],
)
def test_other_urls_are_not(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("size", "en", "fr"),
    [
        (0, "0 byte", "0\u202fo"),
        (999, "999 byte", "999\u202fo"),
        (1000, "1 kB", "1\u202fko"),
        (1_234_567, "1.2 MB", "1,2\u202fMo"),
        (25 * 1000**3, "25 GB", "25\u202fGo"),
    ],
)
def test_sizes_are_localized(size: int, en: str, fr: str) -> None:
    assert LocaleFormats("en-US").size(size) == en
    assert LocaleFormats("fr").size(size) == fr


def test_colours() -> None:
    assert css_colour(0x3498DB) == "#3498db"
    assert css_colour(1) == "#000001"
    assert css_colour(0) is None  # Discord's "no colour"
    assert css_colour(None) is None
    assert css_colour(0x1000000) is None
