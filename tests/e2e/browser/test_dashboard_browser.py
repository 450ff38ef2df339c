"""The staff dashboard in headless Chromium (issue 18), in French (the handler's Discord
language) and in English (the page's switch): a handler signs in through the emulator's OAuth2
screen, filters the list, opens a ticket, changes its status (and Discord's
message follows), searches a closed ticket's transcript and opens it sandboxed; a member who
is not staff sees no server; HTML typed by a member stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.tickets import TicketStatus
from tests.e2e.browser.conftest import Screenshots
from tests.e2e.conftest import StartGuichet
from tests.e2e.dashboard_helpers import StartDashboard, start_dashboard, transcript_of
from tests.e2e.staff_helpers import cast, fields, first_message, stored
from tests.e2e.tickets_helpers import (
    GUILD,
    close_by_command,
    opened,
    pick,
    start_tickets,
    t,
)

__all__ = ["start_dashboard"]
pytestmark = pytest.mark.e2e

HOSTILE = "<script>window.pwned=1</script><b>gras</b>"


async def _sign_in(page, url: str, name: str) -> None:
    await page.goto(url + "/")
    await page.locator("a.button[href='/login']").click()
    await page.locator("button[data-user]", has_text=name).click()
    await page.wait_for_url(url + "/")


@pytest.mark.parametrize("locale", ["fr", "en-US"])
async def test_a_handler_works_a_ticket(
    locale: str,
    start_guichet: StartGuichet,
    workspace: Path,
    start_dashboard: StartDashboard,
    browser,
    screenshots: Screenshots,
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    handler_name = people.handler.member.user.global_name
    hostile = await opened(
        g, await pick(g, people.opener, "billing", {"order": "B-0002", "details": HOSTILE})
    )
    archived = await opened(g, await pick(g, people.opener, "other"))
    await people.opener.say(archived, "Mon colis est arrivé écrasé, numéro ZX-4411")
    await close_by_command(people.handler, archived, "Remboursé")
    await transcript_of(g, archived)
    served = await start_dashboard(g)

    page = await browser.new_page()
    await _sign_in(page, served.url, handler_name)
    await screenshots.take(page, "servers")
    # The handler's Discord is in French; the switch gives the page in English.
    assert await page.locator("html").get_attribute("lang") == "fr"
    if locale != "fr":
        await page.locator("form.lang select").select_option(locale)
        await page.locator("form.lang button").click()
        await page.wait_for_selector(f"html[lang='{locale}']")
    await page.locator(f"a[href='/g/{GUILD}']").click()

    # The list: counts per status, and a filter on "Ouvert".
    open_name = t(g, "ticket-status-open", locale)
    tab = page.locator(".tabs a[data-status=open]")
    assert "1" in await tab.inner_text()
    await page.get_by_label(open_name, exact=True).check()
    await page.locator(".filters button[type=submit]").click()
    await page.wait_for_url(f"**/g/{GUILD}?status=open*")
    ticket = await stored(g, hostile)
    rows = page.locator("table.tickets tbody tr")
    assert await rows.count() == 1
    await screenshots.take(page, "filtered")

    # The ticket: the member's HTML is text, no script ran.
    await rows.first.locator("a").click()
    await page.wait_for_url(f"**/t/{ticket.id}")
    assert HOSTILE in await page.locator("dl.meta").inner_text()
    assert await page.locator("dl.meta b").count() == 0
    assert await page.evaluate("window.pwned") is None

    # Status through the page: the ticket's Discord message is edited.
    on_hold = t(g, "ticket-status-on-hold", locale)
    await page.locator("select[name=status]").select_option("on_hold")
    await page.locator("form[action$='/status'] button").click()
    await page.locator(".flash.ok").wait_for()
    assert await page.locator("[data-field=status]").inner_text() == on_hold
    assert (await stored(g, hostile)).status is TicketStatus.ON_HOLD
    card = first_message(g, hostile)
    assert fields(card)[t(g, "staff-field-status", "en-US")] == t(
        g, "ticket-status-on-hold", "en-US"
    )
    await screenshots.take(page, "status-changed")

    # Search the closed ticket's transcript: the match is highlighted, then opened sandboxed.
    await page.locator(f"a[href='/g/{GUILD}/search']").click()
    await page.locator("input[name=q]").fill("ecrase zx")
    await page.locator("form.search button").click()
    hit = page.locator("ol.hits li")
    await hit.first.wait_for()
    assert [m.lower() for m in await hit.locator("mark").all_inner_texts()][:2] == [
        "écrasé",
        "zx",
    ]
    await screenshots.take(page, "search")
    await hit.first.locator("a").click()
    frame = page.frame_locator("iframe.transcript")
    await frame.locator("text=ZX-4411").wait_for()
    assert await page.locator("iframe.transcript").get_attribute("sandbox") == ""
    await screenshots.take(page, "transcript")

    # A member who is not staff: no server, and the ticket's address shows nothing.
    other = await browser.new_page()
    await other.context.clear_cookies()
    await _sign_in(other, served.url, people.other.member.user.global_name)
    assert await other.locator(f"a[href='/g/{GUILD}']").count() == 0
    response = await other.goto(served.url + f"/g/{GUILD}/t/{ticket.id}")
    assert response is not None and response.status == 404
    assert "B-0002" not in await other.content()
