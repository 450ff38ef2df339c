"""The pseudo-locale generator leaves the shared, cached parse of a file as it was."""

from __future__ import annotations

from pathlib import Path

from bot.i18n.ftl import parse_ftl_file
from bot.i18n.pseudo import pseudo_source

TAGS = Path(__file__).resolve().parents[2] / "locales" / "en-US" / "tags.ftl"


def test_pseudo_twice_is_the_same_and_the_cached_parse_stays_english() -> None:
    first = pseudo_source(TAGS)
    assert pseudo_source(TAGS) == first  # not pseudo of pseudo (it was: "⟦⟦…⟧…⟧")
    assert first.count("⟦⟦") == 0
    cached = parse_ftl_file(TAGS).resource
    assert "⟦" not in repr(cached)
