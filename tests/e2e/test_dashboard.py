"""The staff dashboard over HTTP beside the real bot, on SQLite and PostgreSQL (issue 18):
sign-in through the emulator's OAuth2, who sees what, the list and its filters, actions that
edit the ticket's Discord message and post the log line, and the refusals (state, CSRF,
another server's ticket, a member who is not staff, an expired session)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import aiohttp
import pytest
from markupsafe import escape

from bot.domain.tickets import TicketStatus
from bot.storage import TicketRepository
from tests.e2e.dashboard_helpers import (
    StartDashboard,
    cookie_jar,
    sign_in,
    start_dashboard,
    transcript_of,
)
from tests.e2e.staff_helpers import cast, fields, first_message, logged, stored
from tests.e2e.tickets_helpers import GUILD, close_by_command, opened, pick, start_tickets, t

__all__ = ["start_dashboard"]
pytestmark = pytest.mark.e2e

HOSTILE = '<img src=x onerror="alert(1)"><b>bold</b>'


async def test_staff_work_a_ticket_and_discord_follows(
    start_guichet, workspace: Path, start_dashboard: StartDashboard
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await opened(
        g, await pick(g, people.opener, "billing", {"order": "A-0001", "details": HOSTILE})
    )
    ticket = await stored(g, channel)
    served = await start_dashboard(g)
    async with aiohttp.ClientSession(cookie_jar=cookie_jar()) as http:
        web = await sign_in(http, served, people.handler)
        status, home = await web.get("/")
        assert status == 200 and f'href="/g/{GUILD}"' in home

        status, listing = await web.get(f"/g/{GUILD}?status=open")
        assert status == 200 and f'data-ticket="{ticket.id}"' in listing
        status, none = await web.get(f"/g/{GUILD}?status=on_hold")
        assert f'data-ticket="{ticket.id}"' not in none
        today = ticket.created_at.date().isoformat()
        for query, shown in (
            (f"opened_from={today}&opened_to={today}&sort=priority", True),
            ("opened_from=2000-01-01&opened_to=2000-01-02", False),
            ("closed_from=2000-01-01&sort=closed", False),
            ("topic=support:billing&claimed=none", True),
            ("topic=support:bug", False),
        ):
            status, found = await web.get(f"/g/{GUILD}?{query}")
            assert status == 200 and (f'data-ticket="{ticket.id}"' in found) is shown, query
        # A bad value is told beside the filters, in the viewer's language; the list stays.
        status, bad = await web.get(f"/g/{GUILD}?opened_from=yesterday&claimed=<b>x</b>")
        locale = people.handler.member.locale
        assert status == 200 and str(escape(t(g, "web-filter-bad-date", locale))) in bad
        assert f'data-ticket="{ticket.id}"' in bad and "<b>x</b>" not in bad

        # "Find any ticket": by its number, and the member's other tickets.
        async with http.get(
            served.url + f"/g/{GUILD}?number=%23{ticket.number}", allow_redirects=False
        ) as response:
            assert response.headers["Location"] == f"/g/{GUILD}/t/{ticket.id}"
        status, missing = await web.get(f"/g/{GUILD}?number=999")
        assert status == 200 and 'class="problem"' in missing
        _, theirs = await web.get(f"/g/{GUILD}?opener={people.opener.user_id}")
        assert f'data-ticket="{ticket.id}"' in theirs

        status, page = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 200
        assert f"?opener={ticket.opener_id}" in page
        # Member text is inert: escaped, never markup.
        assert "&lt;img src=x onerror=" in page and "<b>bold</b>" not in page
        assert 'onerror="alert' not in page

        before = len(await logged(g))
        status, _, location = await web.post(
            f"/g/{GUILD}/t/{ticket.id}/status", {"status": "on_hold"}
        )
        assert status == 303 and location == f"/g/{GUILD}/t/{ticket.id}"
        assert (await stored(g, channel)).status is TicketStatus.ON_HOLD
        # The ticket's card in Discord was edited, the log line posted, as from /ticket status.
        card = first_message(g, channel)
        assert card.edited_timestamp is not None
        on_hold = t(g, "ticket-status-on-hold", "en-US")
        assert fields(card)[t(g, "staff-field-status", "en-US")] == on_hold
        assert len(await logged(g)) == before + 1
        status, page = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert 'class="flash ok"' in page

        status, _, _ = await web.post(f"/g/{GUILD}/t/{ticket.id}/claim", {"do": "claim"})
        assert (await stored(g, channel)).claimed_by == people.handler.user_id
        await web.post(f"/g/{GUILD}/t/{ticket.id}/note", {"text": "<i>call back</i> Monday"})
        notes = await TicketRepository(g.db).list_notes(ticket.id)
        assert [n.text for n in notes] == ["<i>call back</i> Monday"]
        status, page = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert "&lt;i&gt;call back&lt;/i&gt;" in page

        # A forged or missing CSRF token changes nothing.
        held = (await stored(g, channel)).status
        for token in ("forged", ""):
            status, body, _ = await web.post(
                f"/g/{GUILD}/t/{ticket.id}/status", {"status": "open"}, token=token
            )
            assert status == 403 and t(g, "web-error-csrf", people.handler.member.locale) in body
        assert (await stored(g, channel)).status is held

        # Another server's ticket, by id, is not found (the same answer as none at all).
        other = await _ticket_elsewhere(g)
        for path in (f"/g/{GUILD}/t/{other}", f"/g/{GUILD}/t/999999", f"/g/1/t/{ticket.id}"):
            status, _ = await web.get(path)
            assert status == 404, path
        status, _, _ = await web.post(f"/g/{GUILD}/t/{other}/status", {"status": "on_hold"})
        assert status == 404

        # Signing out ends it: the pages send back to sign-in.
        token = await web.csrf("/")
        async with http.post(served.url + "/logout", data={"csrf": token}) as response:
            assert response.status == 200
        async with http.get(served.url + f"/g/{GUILD}", allow_redirects=False) as response:
            assert response.status == 303


async def _ticket_elsewhere(g) -> int:
    from bot.config.specs import Style
    from bot.storage.tickets import NewTicket

    repo = TicketRepository(g.db)
    new = NewTicket(
        guild_id=42, system_id="support", topic_id="billing", opener_id=7,
        style=Style.CHANNEL, locale="en-US", request_key="elsewhere",
    )  # fmt: skip
    reserved = await repo.reserve(new)
    await repo.activate(reserved.ticket.id, 4242)
    return reserved.ticket.id


async def test_members_who_are_not_staff_see_nothing(
    start_guichet, workspace: Path, start_dashboard: StartDashboard
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await opened(g, await pick(g, people.opener, "billing", {"order": "A-0001"}))
    ticket = await stored(g, channel)
    served = await start_dashboard(g)
    async with aiohttp.ClientSession(cookie_jar=cookie_jar()) as http:
        web = await sign_in(http, served, people.other)  # a member, let into no role
        status, home = await web.get("/")
        assert status == 200 and f"/g/{GUILD}" not in home
        for path in (f"/g/{GUILD}", f"/g/{GUILD}/t/{ticket.id}", f"/g/{GUILD}/search?q=A"):
            status, body = await web.get(path)
            assert status == 404 and "data-ticket" not in body and "A-0001" not in body

        # The opener of the ticket is not staff either.
        web = await sign_in(http, served, people.opener)
        status, _ = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 404

        # Staff who lose their role lose the dashboard at their next request.
        web = await sign_in(http, served, people.handler)
        status, _ = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 200
        member = g.emulator.state.guilds[GUILD].members[people.handler.user_id]
        member.roles.clear()
        status, _ = await web.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 404


async def test_sign_in_refusals_and_expiry(
    start_guichet, workspace: Path, start_dashboard: StartDashboard
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    served = await start_dashboard(g)
    async with aiohttp.ClientSession(cookie_jar=cookie_jar()) as http:
        # A callback that did not start here (no state cookie, or another state) is refused.
        async with http.get(served.url + "/auth/callback?code=x&state=y") as response:
            assert response.status == 400
        async with http.get(served.url + "/login", allow_redirects=False) as response:
            authorize = response.headers["Location"]
        assert "scope=identify+guilds" in authorize and "state=" in authorize
        async with http.get(served.url + "/auth/callback?code=x&state=forged") as response:
            assert response.status == 400
        # Cancelled on Discord's screen.
        state = re.search(r"state=([^&]+)", authorize)
        assert state is not None
        async with http.get(
            served.url + f"/auth/callback?error=access_denied&state={state[1]}"
        ) as response:
            assert response.status == 400

        web = await sign_in(http, served, people.staff)
        status, _ = await web.get(f"/g/{GUILD}")
        assert status == 200
        # DNS rebinding: a Host the dashboard does not serve is refused.
        status, _ = await web.get(f"/g/{GUILD}", headers={"Host": "evil.example"})
        assert status == 421
        async with http.get(served.url + "/") as response:
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        cookie = next(c for c in http.cookie_jar if c.key == "guichet_dashboard")
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        # Discord not answering: a clear page, nothing shown, and the next click works.
        served.dashboard.service._directory.deadline = 0.3  # type: ignore[attr-defined]
        g.emulator.faults.hang("GET", "/guilds/{guild_id}/members/{user_id}", seconds=1.5)
        status, body = await web.get(f"/g/{GUILD}")
        assert status == 503 and t(g, "web-error-discord", people.staff.member.locale) in body
        assert "Traceback" not in body
        served.dashboard.service._directory.deadline = 5.0  # type: ignore[attr-defined]
        await asyncio.sleep(1.5)
        status, _ = await web.get(f"/g/{GUILD}")
        assert status == 200

        # Twelve hours later the session is over.
        now = served.dashboard.clock()
        served.dashboard.clock = lambda: now + 12 * 3600 + 1
        async with http.get(served.url + f"/g/{GUILD}", allow_redirects=False) as response:
            assert response.status == 303


async def test_transcripts_language_switch_and_hidden_claims(
    start_guichet, workspace: Path, start_dashboard: StartDashboard
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    archived = await opened(g, await pick(g, people.opener, "other"))
    await people.opener.say(archived, "parcel <script>alert(1)</script> crushed QX-77")
    await close_by_command(people.handler, archived, "Refunded")
    closed = await stored(g, archived)
    transcript = await transcript_of(g, archived)
    live = await opened(g, await pick(g, people.opener, "billing", {"order": "C-0003"}))
    ticket = await stored(g, live)
    served = await start_dashboard(g)
    async with aiohttp.ClientSession(cookie_jar=cookie_jar()) as http:
        web = await sign_in(http, served, people.handler)
        # The viewer's Discord language (fr), then their choice on the page.
        status, page = await web.get("/")
        assert '<html lang="fr"' in page
        token = await web.csrf("/")
        for back in ("//evil.example", "/\\evil.example", "https://evil.example"):
            async with http.post(
                served.url + "/language",
                data={"csrf": token, "lang": "en-US", "back": back},
                allow_redirects=False,
            ) as response:
                assert response.headers["Location"] == "/"  # never off-site
        _, page = await web.get("/")
        assert '<html lang="en-US"' in page

        status, hits = await web.get(f"/g/{GUILD}/search?q=crushed+qx")
        assert status == 200 and f'data-ticket="{closed.id}"' in hits
        assert "<mark>crushed</mark>" in hits and "<script>alert" not in hits
        base = f"/g/{GUILD}/t/{closed.id}/transcripts/{transcript.id}"
        async with http.get(served.url + base + "/raw") as response:
            policy = response.headers["Content-Security-Policy"]
            assert policy.startswith("sandbox;") and "script-src 'none'" in policy
            assert "frame-ancestors 'self'" in policy
        async with http.get(served.url + base + "/download") as response:
            assert response.headers["Content-Disposition"].startswith("attachment;")
            assert await response.text() == transcript.html
        async with http.get(served.url + base) as response:
            assert "frame-src 'self'" in response.headers["Content-Security-Policy"]
            assert 'sandbox src="' in await response.text()

        # claim_hides: once the handler claims it, the other staff no longer see it (as in
        # Discord), the owner still does.
        await web.post(f"/g/{GUILD}/t/{ticket.id}/claim", {"do": "claim"})
        assert (await stored(g, live)).claimed_by == people.handler.user_id
        other_staff = await sign_in(http, served, people.staff)
        status, _ = await other_staff.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 404
        _, listing = await other_staff.get(f"/g/{GUILD}")
        assert f'data-ticket="{ticket.id}"' not in listing
        owner = await sign_in(http, served, people.owner)
        status, _ = await owner.get(f"/g/{GUILD}/t/{ticket.id}")
        assert status == 200


async def test_guichet_web_beside_the_bot_acts_over_rest_alone(
    start_guichet, workspace: Path
) -> None:
    """`guichet web` runs apart from the bot: a REST-only client (no Gateway, no cache) with
    the bot's token, on the same database; its actions still reach Discord."""
    import discord

    from bot.discord_app.dashboard_host import serving, standalone_dashboard
    from tests.e2e.dashboard_helpers import Served, free_port, settings_for

    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await opened(g, await pick(g, people.opener, "billing", {"order": "D-0004"}))
    ticket = await stored(g, channel)
    client = discord.Client(intents=discord.Intents.none())
    await client.login(g.emulator.token)
    try:
        settings = settings_for(g, free_port())
        g.emulator.oauth2.redirect_uris.add(settings.redirect_uri)
        runtime = g.runtime
        dashboard = standalone_dashboard(
            client, g.db, settings, servers=lambda: runtime.servers, catalog=lambda: runtime.catalog
        )
        async with (
            serving(dashboard, settings.host, settings.port),
            aiohttp.ClientSession(cookie_jar=cookie_jar()) as http,
        ):
            web = await sign_in(http, Served(dashboard, settings.public_url), people.staff)
            before = len(await logged(g))
            status, _, _ = await web.post(
                f"/g/{GUILD}/t/{ticket.id}/priority", {"priority": "urgent"}
            )
            assert status == 303
            assert (await stored(g, channel)).priority.value == "urgent"
            assert first_message(g, channel).edited_timestamp is not None
            assert len(await logged(g)) == before + 1
    finally:
        await client.close()
