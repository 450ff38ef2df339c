"""The HTML transcript: safe against injection, grouped like Discord, localized, deterministic."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.i18n import Catalog
from bot.transcripts import (
    MentionNames,
    MessageOrder,
    SystemKind,
    TranscriptAttachment,
    TranscriptAuthor,
    TranscriptEmbed,
    render_transcript,
)

from .conftest import ALICE, BOB, BOT, Page, message, meta

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def message_groups(page: Page) -> list[list[str]]:
    """Message anchors under each author header, in page order."""
    groups: list[list[str]] = []
    for element in page.elements:
        classes = (element.attrs.get("class") or "").split()
        if "group" in classes:
            groups.append([])
        elif "message" in classes and "system" not in classes:
            groups[-1].append(element.attrs["id"] or "")
    return groups


def test_nothing_user_supplied_can_inject_markup_or_script(catalog: Catalog) -> None:
    evil_author = TranscriptAuthor(
        id=666 << 22,
        name=XSS,
        display_name=XSS,
        avatar_url="javascript:alert(1)",
        colour=0x123456,
    )
    messages = [
        message(1, XSS, author=evil_author),
        message(2, "[click](javascript:alert(1)) javascript:alert(1) <javascript:alert(1)>"),
        message(
            3, '```\n</code></pre><script>alert(1)</script>\n```` `"onclick="x` ||' + XSS + "||"
        ),
        message(
            4,
            author=BOT,
            attachments=(
                TranscriptAttachment(XSS + ".png", "javascript:alert(1)", 10, "image/png"),
                TranscriptAttachment("ok.png", 'https://cdn.example/a.png"onerror="x', 10),
            ),
            embeds=(
                TranscriptEmbed(
                    title=XSS,
                    description=XSS,
                    url="javascript:alert(1)",
                    fields=((XSS, XSS),),
                    footer=XSS,
                    image_url="data:image/svg+xml,<svg onload=alert(1)>",
                ),
            ),
        ),
        message(5, XSS, author=evil_author, system=SystemKind.CHANNEL_RENAMED, reply_to=1),
    ]
    evil_meta = meta(
        guild_name=XSS,
        channel_name=XSS,
        topic=XSS,
        close_reason=XSS,
        opener=evil_author,
        closed_by=evil_author,
    )
    names = MentionNames(users={1: XSS}, roles={2: XSS}, channels={3: XSS})
    pages = [
        Page.parse(render_transcript(evil_meta, messages, catalog.translate, resolver=names).html),
        Page.parse(
            render_transcript(
                meta(), [message(1, "<@1> <@&2> <#3>")], catalog.translate, resolver=names
            ).html
        ),
    ]
    for page in pages:
        assert_inert(page)
    page = pages[0]
    # Only the one safe image URL made it into an <img>, and it stayed inside its attribute.
    assert [e.attrs["src"] for e in page.find("img")] == [
        ALICE.avatar_url,  # message 2's author
        'https://cdn.example/a.png"onerror="x',
    ]
    # Escaped, not dropped: the reader still sees what was typed.
    assert page.text.count("<script>alert(1)</script>") >= 10
    assert "javascript:alert(1)" in page.text
    assert [e.text for e in pages[1].find("span", "mention")] == ["@" + XSS, "@" + XSS, "#" + XSS]


def assert_inert(page: Page) -> None:
    """No script, no event handler, no link or image other than http(s) or in-page."""
    assert page.find("script") == []
    assert [
        e for e in page.elements if e.tag in {"iframe", "object", "embed", "form", "base"}
    ] == []
    for element in page.elements:
        assert not [a for a in element.attrs if a.startswith("on")], element
        for attribute in ("href", "src"):
            url = element.attrs.get(attribute)
            if url is not None:
                assert url.startswith(("https://", "http://", "#")), (element.tag, url)


def test_the_page_is_standalone_and_forbids_scripts(catalog: Catalog) -> None:
    html = render_transcript(meta(), [message(1, "hello")], catalog.translate).html
    page = Page.parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.find("link") == []
    assert len(page.find("style")) == 1
    (csp,) = [e for e in page.find("meta") if e.attrs.get("http-equiv")]
    assert "script-src 'none'" in (csp.attrs["content"] or "")
    assert page.find("html")[0].attrs["lang"] == "en-US"


def test_consecutive_messages_group_within_seven_minutes(catalog: Catalog) -> None:
    messages = [
        message(1, "a", minutes=0),
        message(2, "b", minutes=3),
        message(3, "c", minutes=9.5),  # 6.5 minutes after the previous one: same group
        message(4, "d", minutes=17),  # 7.5 minutes later: new header
        message(5, "e", author=BOB, minutes=18),
        message(6, "f", minutes=19),
        message(7, "g", minutes=20, reply_to=5),  # a reply shows its own header
        message(8, "renamed", author=BOB, minutes=20.5, system=SystemKind.CHANNEL_RENAMED),
        message(9, "h", author=BOB, minutes=21),
    ]
    page = Page.parse(render_transcript(meta(), messages, catalog.translate).html)
    assert message_groups(page) == [
        ["m-1", "m-2", "m-3"],
        ["m-4"],
        ["m-5"],
        ["m-6"],
        ["m-7"],
        ["m-9"],
    ]
    names = [e.text for e in page.find("span", "name")]
    assert names == ["Alice", "Alice", "Bob (staff)", "Alice", "Alice", "Bob (staff)"]
    assert "Bob (staff) changed the channel name: renamed" in page.by_id("m-8").text


def test_author_header_shows_colour_avatar_fallback_and_bot_tag(catalog: Catalog) -> None:
    messages = [message(1, "hi", author=BOB), message(2, "beep", author=BOT), message(3, "x")]
    page = Page.parse(render_transcript(meta(), messages, catalog.translate).html)
    names = page.find("span", "name")
    assert names[0].attrs["style"] == "color: #3498db"
    assert "style" not in names[1].attrs
    assert [e.text for e in page.find("span", "tag")] == ["APP"]
    # Every avatar has the initial underneath; only Alice has an image over it.
    avatars = page.find("div", "avatar")
    assert [a.attrs["style"].startswith("background-color: #") for a in avatars] == [True] * 3
    initials = [e.text for e in page.elements if e.tag == "span" and e.text in {"A", "B", "G"}]
    assert initials == ["B", "G", "A"]
    assert [e.attrs["src"] for e in page.find("img")] == [ALICE.avatar_url]


def test_mentions_use_the_resolver_and_known_authors(catalog: Catalog) -> None:
    content = f"<@{BOB.id}> <@77> <@&5> <#6> <#404> <:wave:1>"
    names = MentionNames(users={77: "Carol"}, roles={5: "Support"}, channels={6: "faq"})
    html = render_transcript(
        meta(), [message(1, content), message(2, "ok", author=BOB)], catalog.translate,
        resolver=names,
    ).html  # fmt: skip
    mentions = [e.text for e in Page.parse(html).find("span", "mention")]
    assert mentions == ["@Bob (staff)", "@Carol", "@Support", "#faq", "#deleted-channel"]
    assert '<span class="emoji">:wave:</span>' in html


def test_attachments_are_listed_with_links_and_sizes(catalog: Catalog) -> None:
    files = (
        TranscriptAttachment("photo.jpg", "https://cdn.example/photo.jpg", 1_234_567, "image/jpeg"),
        TranscriptAttachment("notes.txt", "https://cdn.example/notes.txt", 512, "text/plain"),
    )
    rendered = {
        locale: Page.parse(
            render_transcript(
                meta(locale), [message(1, author=BOB, attachments=files)], catalog.translate
            ).html
        )
        for locale in ("en-US", "fr")
    }
    page = rendered["en-US"]
    links = [(e.attrs["href"], e.text) for e in page.find("a") if e.text]
    assert links == [
        ("https://cdn.example/photo.jpg", "photo.jpg"),
        ("https://cdn.example/notes.txt", "notes.txt"),
    ]
    assert [e.attrs["src"] for e in page.find("img")] == ["https://cdn.example/photo.jpg"]
    assert [e.text for e in page.find("span", "size")] == ["1.2 MB", "512 byte"]
    assert [e.text for e in rendered["fr"].find("span", "size")] == ["1,2\u202fMo", "512\u202fo"]
    assert rendered["fr"].find("div", "attachments")[0].attrs["aria-label"] == "Pièces jointes"


def test_embeds_are_cards(catalog: Catalog) -> None:
    embed = TranscriptEmbed(
        title="Order #12",
        description="Status: **shipped**",
        url="https://shop.example/12",
        colour=0x57F287,
        fields=(("Carrier", "[Track](https://track.example/1)"), ("ETA", "2 days")),
        footer="Shop bot",
        image_url="https://cdn.example/parcel.png",
    )
    html = render_transcript(
        meta(), [message(1, author=BOT, embeds=(embed,))], catalog.translate
    ).html
    page = Page.parse(html)
    (card,) = page.find("div", "embed")
    assert card.attrs["style"] == "border-left-color: #57f287"
    assert [(e.attrs["href"], e.text) for e in page.find("a") if e.text] == [
        ("https://shop.example/12", "Order #12"),
        ("https://track.example/1", "Track"),
    ]
    assert '<div class="embed-description">Status: <strong>shipped</strong></div>' in html
    assert [e.text for e in page.find("div", "embed-field-name")] == ["Carrier", "ETA"]
    assert page.find("div", "embed-footer")[0].text == "Shop bot"
    assert page.find("img", "embed-image")[0].attrs["src"] == "https://cdn.example/parcel.png"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_fixed_words_come_from_the_locale(catalog: Catalog, locale: str) -> None:
    messages = [
        message(1, "edited one", edited_at=message(3).created_at, pinned=True),
        message(2, "answer", author=BOB, reply_to=999),
    ]
    html = render_transcript(meta(locale), messages, catalog.translate).html
    page = Page.parse(html)
    words = {
        "edited": catalog.translate("transcript-edited", locale),
        "pinned": catalog.translate("transcript-pinned", locale),
        "missing": catalog.translate("transcript-reply-missing", locale),
        "server": catalog.translate("transcript-header-server", locale),
        "reason": catalog.translate("transcript-header-reason", locale),
        "count": catalog.translate("transcript-message-count", locale, count=2),
    }
    assert page.find("span", "edited")[0].text == words["edited"]
    assert page.find("span", "badge")[0].text == words["pinned"]
    assert words["missing"] in page.text
    assert page.find("dt")[0].text == words["server"]
    assert words["reason"] in [e.text for e in page.find("dt")]
    assert words["count"] in [e.text for e in page.find("dd")]
    assert page.find("html")[0].attrs["lang"] == locale


def test_english_and_french_pages_differ_in_words_and_dates(catalog: Catalog) -> None:
    messages = [message(1, "x", edited_at=message(2).created_at)]
    en = Page.parse(render_transcript(meta("en-US"), messages, catalog.translate).html)
    fr = Page.parse(render_transcript(meta("fr"), messages, catalog.translate).html)
    assert en.find("h1")[0].text == "Ticket #1142 · Acme Support"
    assert fr.find("h1")[0].text == "Ticket nº 1142 · Acme Support"
    assert en.find("span", "edited")[0].text == "(edited)"
    assert fr.find("span", "edited")[0].text == "(modifié)"
    assert "Nov 22, 2026, 10:32\u202fAM UTC" in en.text
    assert "22 nov. 2026, 10:32 UTC" in fr.text
    assert fr.find("span", "edited")[0].attrs["title"] == "Modifié le 22 nov. 2026, 10:33 UTC"


def test_header_summarises_the_ticket(catalog: Catalog) -> None:
    html = render_transcript(meta(), [message(1, "x"), message(2, "y")], catalog.translate).html
    page = Page.parse(html)
    summary = dict(
        zip([e.text for e in page.find("dt")], [e.text for e in page.find("dd")], strict=True)
    )
    assert summary == {
        "Server": "Acme Support",
        "Ticket": "#1142 · #ticket-1142",
        "Topic": "Billing",
        "Opened by": "Alice @alice",
        "Opened": "Nov 22, 2026, 10:26\u202fAM UTC",
        "Closed": "Nov 22, 2026, 12:31\u202fPM UTC",
        "Closed by": "Bob (staff) @bob",
        "Reason": "Refund issued",
        "Messages": "2 messages",
    }
    automatic = render_transcript(meta(closed_by=None, close_reason=None), [], catalog.translate)
    page = Page.parse(automatic.html)
    assert [e.text for e in page.find("dd")][6] == "Automatic"
    assert page.find("span", "muted")[0].text == "No reason given"
    assert "No messages in this ticket." in page.text
    assert automatic.message_count == 0


def test_replies_link_to_the_answered_message(catalog: Catalog) -> None:
    messages = [
        message(1, f"**Where** is <@{BOB.id}>?"),
        message(2, "here", author=BOB, reply_to=1),
    ]
    page = Page.parse(render_transcript(meta(), messages, catalog.translate).html)
    assert len(page.find("div", "reply")) == 1
    (link,) = [e for e in page.find("a") if e.attrs.get("href") == "#m-1"]
    assert link.text == "Replying to Alice"
    assert page.find("span", "snippet")[0].text == "**Where** is @Bob (staff)?"
    assert page.by_id("m-1")


def test_a_long_ticket_renders_every_message(catalog: Catalog) -> None:
    authors = [ALICE, BOB, BOT]
    messages = [
        message(
            i, f"message {i} with `code` and **bold**", author=authors[i % 7 % 3], minutes=i * 2
        )
        for i in range(1, 251)
    ]
    transcript = render_transcript(meta(), messages, catalog.translate)
    page = Page.parse(transcript.html)
    anchors = [e.attrs["id"] for e in page.elements if e.attrs.get("id", "").startswith("m-")]
    assert anchors == [f"m-{i}" for i in range(1, 251)]
    assert transcript.message_count == 250
    assert len(page.find("code", "inline")) == 250
    assert sum(len(g) for g in message_groups(page)) == 250
    assert transcript.html_bytes == len(transcript.html.encode("utf-8"))
    assert transcript.html_bytes > len(transcript.html)  # "·" and "📎" take several bytes


def test_output_is_deterministic_and_order_independent(catalog: Catalog) -> None:
    messages = [
        message(i, f"m{i} <@{BOB.id}>", author=[ALICE, BOB][i % 2], minutes=i * 5)
        for i in range(1, 40)
    ]
    shuffled = messages[:]
    random.Random(3).shuffle(shuffled)
    first = render_transcript(meta(), messages, catalog.translate)
    assert render_transcript(meta(), messages, catalog.translate) == first
    assert render_transcript(meta(), iter(shuffled), catalog.translate) == first
    newest_first = list(reversed(messages))
    assert (
        render_transcript(meta(), newest_first, catalog.translate, order=MessageOrder.NEWEST_FIRST)
        == first
    )
    # Taken as given, newest first reads backwards: the order parameter matters.
    as_given = render_transcript(
        meta(), newest_first, catalog.translate, order=MessageOrder.OLDEST_FIRST
    )
    assert as_given.html != first.html
    assert as_given.html.index('id="m-39"') < as_given.html.index('id="m-1"')


def test_naive_datetimes_are_taken_as_utc(catalog: Catalog) -> None:
    aware = message(1, "x")
    naive = replace(aware, created_at=aware.created_at.replace(tzinfo=None))
    assert (
        render_transcript(meta(), [naive], catalog.translate).html
        == render_transcript(meta(), [aware], catalog.translate).html
    )
