"""A render job (plain data, what a worker process takes) renders what render_transcript does,
from Discord's JSON pages in any order, with the HTML gzip'd as it is produced."""

from __future__ import annotations

import base64
import gzip
import random
from dataclasses import replace
from typing import Any

import pytest
from markupsafe import escape

from bot.i18n import Catalog
from bot.transcripts import render_transcript
from bot.transcripts.from_discord import message_from
from bot.transcripts.job import RenderJob, pack_page, render_job, unpack_page

from .conftest import meta

MEMBER, STAFF = 111 << 22, 222 << 22


def discord_message(index: int) -> dict[str, Any]:
    """Discord's message JSON: every seventh a reply, every tenth with a file."""
    data: dict[str, Any] = {
        "id": str((1000 + index) << 22),
        "type": 19 if index % 7 == 0 and index else 0,
        "content": f"message **{index}** <@{STAFF}> <script>x</script>",
        "timestamp": f"2026-11-22T10:{index // 60 % 60:02d}:{index % 60:02d}+00:00",
        "edited_timestamp": None,
        "author": {"id": str(STAFF if index % 3 else MEMBER), "username": f"u{index % 3}"},
        "attachments": [],
        "embeds": [],
    }
    if data["type"] == 19:
        data["message_reference"] = {"message_id": str((1000 + index - 1) << 22)}
    if index % 10 == 0:
        data["attachments"] = [
            {"filename": f"f{index}.png", "url": f"https://cdn/{index}", "size": 4,
             "content_type": "image/png"},
            {"filename": f"big{index}.mp4", "url": f"https://cdn/big{index}", "size": 9_000_000},
        ]  # fmt: skip
    return data


def pages_of(messages: list[dict[str, Any]], seed: int = 3) -> tuple[bytes, ...]:
    """Discord's pages (newest first, 100 each), shuffled: the job takes them in any order."""
    newest_first = list(reversed(messages))
    pages = [pack_page(newest_first[i : i + 100]) for i in range(0, len(newest_first), 100)]
    random.Random(seed).shuffle(pages)
    return tuple(pages)


def kept_files(messages: list[dict[str, Any]]) -> dict[tuple[int, int], bytes]:
    return {(int(m["id"]), 0): b"\x89PNG" for m in messages if m["attachments"]}


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_a_job_renders_what_render_transcript_renders(catalog: Catalog, locale: str) -> None:
    raw = [discord_message(i) for i in range(250)]
    job = RenderJob(meta(locale), pages_of(raw), len(raw), kept_files(raw))

    rendered = render_job(job, catalog.translate)

    # The same conversation modelled by hand: kept files inline, the others marked too large.
    encoded = base64.b64encode(b"\x89PNG").decode()
    models = []
    for data in raw:
        model = message_from(data)
        if model.attachments:
            small, big = model.attachments
            model = replace(
                model,
                attachments=(
                    replace(small, kept=f"data:image/png;base64,{encoded}"),
                    replace(big, too_large=True),
                ),
            )
        models.append(model)
    expected = render_transcript(meta(locale), reversed(models), catalog.translate)
    page = gzip.decompress(rendered.html_gz)
    assert page == expected.html.encode() == rendered.html
    assert rendered.text == expected.text
    assert rendered.message_count == 250 == expected.message_count
    assert rendered.html_bytes == expected.html_bytes == len(page)
    assert f'src="data:image/png;base64,{encoded}"' in expected.html
    not_kept = escape(catalog.translate("transcript-attachment-not-kept", locale))
    assert not_kept in expected.html
    assert len(rendered.html_gz) * 5 < len(page)  # transcripts compress well


def test_a_page_too_large_to_upload_is_only_kept_compressed(catalog: Catalog) -> None:
    raw = [discord_message(i) for i in range(120)]
    small = RenderJob(meta(), pages_of(raw), len(raw), upload_limit=10_000)
    rendered = render_job(small, catalog.translate)
    assert rendered.html is None and rendered.html_bytes > 10_000
    assert len(gzip.decompress(rendered.html_gz)) == rendered.html_bytes
    # Same job, same bytes (nothing in the stream depends on the clock): stored copies agree.
    assert render_job(small, catalog.translate).html_gz == rendered.html_gz


def test_an_empty_channel_still_has_a_page(catalog: Catalog) -> None:
    rendered = render_job(RenderJob(meta("fr"), (), 0), catalog.translate)
    assert rendered.message_count == 0
    assert catalog.translate("transcript-no-messages", "fr") in rendered.text
    assert gzip.decompress(rendered.html_gz) == rendered.html


def test_packed_pages_round_trip_and_are_small() -> None:
    page = [discord_message(i) for i in range(100)]
    packed = pack_page(page)
    assert unpack_page(packed) == page
    assert len(packed) * 4 < len(repr(page))
