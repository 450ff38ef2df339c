"""Builders for transcript tests, the real Fluent catalog, and an HTML inspector."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.i18n import Catalog
from bot.transcripts import TranscriptAuthor, TranscriptMessage, TranscriptMeta

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 22, 10, 31, tzinfo=UTC)

ALICE = TranscriptAuthor(
    id=111 << 22, name="alice", display_name="Alice", avatar_url="https://cdn.example/alice.png"
)
BOB = TranscriptAuthor(id=222 << 22, name="bob", display_name="Bob (staff)", colour=0x3498DB)
BOT = TranscriptAuthor(id=333 << 22, name="guichet", display_name="Guichet", bot=True)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(REPO / "locales", strict=True)


def meta(locale: str = "en-US", **changes: object) -> TranscriptMeta:
    values: dict[str, object] = {
        "guild_name": "Acme Support",
        "guild_id": 42,
        "ticket_number": 1142,
        "channel_name": "ticket-1142",
        "topic": "Billing",
        "opener": ALICE,
        "opened_at": T0 - timedelta(minutes=5),
        "closed_at": T0 + timedelta(hours=2),
        "locale": locale,
        "closed_by": BOB,
        "close_reason": "Refund issued",
    }
    values.update(changes)
    return TranscriptMeta(**values)  # type: ignore[arg-type]


def message(
    number: int,
    content: str = "",
    *,
    author: TranscriptAuthor = ALICE,
    minutes: float | None = None,
    **changes: object,
) -> TranscriptMessage:
    """Message ``number`` (its id), sent ``minutes`` after T0 (default: ``number`` minutes)."""
    at = T0 + timedelta(minutes=number if minutes is None else minutes)
    return TranscriptMessage(id=number, author=author, created_at=at, content=content, **changes)  # type: ignore[arg-type]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""  # all the text inside, nested elements' too


_VOID = frozenset({"img", "meta", "br", "hr", "input", "link", "source", "wbr"})


class Page(HTMLParser):
    """Every element of a page with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[str] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for element in self._open:
            element.text += data

    @classmethod
    def parse(cls, html: str) -> Page:
        page = cls()
        page.feed(html)
        page.close()
        assert page._open == [], f"unclosed: {[e.tag for e in page._open]}"
        return page

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def find(self, tag: str, css: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and (css is None or css in (e.attrs.get("class") or "").split())
        ]

    def by_id(self, element_id: str) -> Element:
        (found,) = [e for e in self.elements if e.attrs.get("id") == element_id]
        return found
