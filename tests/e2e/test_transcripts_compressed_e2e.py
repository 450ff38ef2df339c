"""Issue 11 end to end: transcripts are stored compressed, and rows stored before compression
(migration V016) are still given back, by ``/ticket transcript number:`` and by the dashboard's
transcript pages, which send a compressed page as it is stored to a browser that takes gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import aiohttp
import pytest

from bot.storage import TranscriptRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.dashboard_helpers import (
    StartDashboard,
    cookie_jar,
    sign_in,
    start_dashboard,
    transcript_of,
)
from tests.e2e.staff_helpers import answered, cast, stored
from tests.e2e.test_transcripts_e2e import files_of
from tests.e2e.tickets_helpers import GUILD, close_by_command, opened, pick, start_tickets, t

__all__ = ["start_dashboard"]  # the fixture

pytestmark = pytest.mark.e2e

OLD_PAGE = "<!DOCTYPE html><p>written before V016: <b>été</b></p>"


async def _old_row(g: Guichet, ticket_id: int) -> int:
    """A transcript as V002..V015 stored it: the page itself in ``html``, no ``html_gz``."""
    return await g.db.insert(
        "INSERT INTO transcripts (ticket_id, created_at, html, text, message_count) "
        "VALUES (?, ?, ?, ?, ?)",
        (ticket_id, "2025-03-01T12:00:00.000000+00:00", OLD_PAGE, "old words", 7),
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_old_and_new_transcripts_are_served_from_discord_and_the_dashboard(
    start_guichet: StartGuichet,
    workspace: Path,
    start_dashboard: StartDashboard,
    locale: str,
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await opened(g, await pick(g, people.opener, "other"))
    await people.opener.say(channel, "parcel crushed QX-77")
    await close_by_command(people.handler, channel, "Refunded")
    ticket = await stored(g, channel)
    new = await transcript_of(g, channel)
    row = await g.db.fetch_one("SELECT html, html_gz FROM transcripts WHERE id = ?", (new.id,))
    assert row is not None and row["html"] == "" and "parcel crushed QX-77" in new.html
    assert gzip.decompress(bytes(row["html_gz"])).decode() == new.html

    # An older row of the same ticket is now the latest: /ticket transcript gives it back.
    old_id = await _old_row(g, ticket.id)
    asked = await people.handler.slash(
        "ticket", "transcript", options={"number": ticket.number}, locale=locale
    )
    given = await answered(asked)
    assert given.content == t(g, "transcript-here", locale, number=ticket.number, count=7)
    number = ticket.number
    assert files_of(g, given) == {
        f"ticket-{number}.html": OLD_PAGE.encode(),
        f"ticket-{number}.txt": b"old words",
    }
    assert (await TranscriptRepository(g.db).get(old_id)).html == OLD_PAGE

    served = await start_dashboard(g)
    async with aiohttp.ClientSession(cookie_jar=cookie_jar(), auto_decompress=False) as http:
        await sign_in(http, served, people.handler)
        base = f"{served.url}/g/{GUILD}/t/{ticket.id}/transcripts"
        # The compressed page goes out as stored to a browser that takes gzip...
        async with http.get(f"{base}/{new.id}/raw", headers={"Accept-Encoding": "gzip"}) as r:
            assert r.status == 200 and r.headers["Content-Encoding"] == "gzip"
            assert r.headers["Content-Security-Policy"].startswith("sandbox;")
            assert gzip.decompress(await r.read()).decode() == new.html
        # ... and decompressed for one that does not; the old row as it was, either way.
        for accept in ("identity", "gzip"):
            for transcript_id, page in ((new.id, new.html), (old_id, OLD_PAGE)):
                if accept == "gzip" and transcript_id == new.id:
                    continue
                async with http.get(
                    f"{base}/{transcript_id}/download", headers={"Accept-Encoding": accept}
                ) as r:
                    assert r.status == 200 and "Content-Encoding" not in r.headers
                    assert r.headers["Content-Disposition"].startswith("attachment;")
                    assert (await r.read()).decode() == page
