"""Issue 16 end to end: on close, attachments up to the system's keep_attachments_kib are
downloaded from Discord's CDN and kept inside the HTML transcript (its links expire); larger
ones keep their name, size and link with a note in the server's language; the header names
the channel; everything fits one upload."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from bot.services.transcripts import MAX_UPLOAD
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import TRANSCRIPT_CHANNEL, cast
from tests.e2e.tickets_helpers import (
    bot_messages,
    close_by_command,
    deleted_ticket,
    opened,
    pick,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # about 10 KiB


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_small_files_are_kept_in_the_transcript_and_big_ones_noted(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet,
        workspace,
        ("    transcripts: true\n", "    transcripts: true\n    keep_attachments_kib: 1024\n"),
    )
    people = cast(g)
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    big = b"z" * (1024 * 1024 + 1)  # one byte over the kept size
    await member.say(channel, "the screenshot", files=[("screen.png", PNG, "image/png")])
    await member.say(channel, "and the video", files=[("video.mp4", big, "video/mp4")])

    await close_by_command(people.owner, channel, "Solved", locale=locale)
    await deleted_ticket(g, channel)

    [posted] = bot_messages(g, TRANSCRIPT_CHANNEL)
    state = g.emulator.state
    files = {a.filename: state.attachments[a.id].content for a in posted.attachments}
    html = files["ticket-1.html"].decode()
    kept = base64.b64encode(PNG).decode("ascii")
    assert f'src="data:image/png;base64,{kept}"' in html
    assert "video.mp4" in html and "data:video/mp4" not in html
    assert t(g, "transcript-attachment-not-kept", "fr") in html  # the server's locale
    assert channel.name in html  # the header names the channel
    assert sum(len(data) for data in files.values()) <= MAX_UPLOAD
