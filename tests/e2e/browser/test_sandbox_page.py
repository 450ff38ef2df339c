"""The sandbox page in a real browser (issue 13): a French member opens a ticket from the
select panel and fills its modal, a handler claims it and sets its status with a slash
command, the member closes it with a reason, staff open the transcript; a plain member never
sees the ticket. Each step is checked on the page and in the emulator's state, with a
screenshot kept under var/test-artifacts/browser/."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.tickets import TicketStatus
from bot.storage import TicketRepository
from tests.e2e.browser.conftest import Screenshots
from tests.e2e.browser.steps import (
    MESSAGES,
    act_as,
    choose,
    click_button,
    fill_modal,
    message_with,
    open_channel,
    open_page,
    run_command,
)
from tests.e2e.conftest import StartGuichet
from tests.e2e.tickets_helpers import CATEGORY, start_tickets, t, ticket_channels

pytestmark = pytest.mark.e2e


async def test_a_ticket_from_open_to_transcript_in_french(
    start_guichet: StartGuichet, workspace: Path, browser, screenshots: Screenshots
) -> None:
    g = await start_tickets(start_guichet, workspace)
    seeded = g.server()
    member, plain = seeded.member("fr"), seeded.member("en-US")
    staff, handler = seeded.staff  # the staff role, then the support handlers' role
    page = await browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())

    # The member opens a billing ticket from the select panel and answers its questions.
    await open_page(page, g.emulator.page_url)
    await act_as(page, member)
    await open_channel(page, "support-select")
    await screenshots.take(page, "panel")
    await choose(page, "Choisissez un sujet", "Facturation")
    await fill_modal(
        page,
        "Facturation",
        {"Numéro de commande": "FR-2024-0001", "Autre chose": "Facturé <b>deux</b> fois"},
    )
    reply = await message_with(page, "Votre ticket est prêt")
    assert await reply.locator(".ephemeral-note").count() == 1
    await screenshots.take(page, "opened")
    [ticket] = ticket_channels(g)
    assert ticket.parent_id == CATEGORY
    assert g.actor(member.id).can_view(ticket)

    await open_channel(page, ticket.name)
    welcome = await message_with(page, "FR-2024-0001")
    # Hostile text stays text: the answer is shown escaped, never as markup.
    assert "<b>deux</b>" in await welcome.inner_text()
    assert await welcome.locator("b").count() == 0

    # A support handler claims it, then sets its status with /ticket statut.
    await act_as(page, handler)
    await open_channel(page, ticket.name)
    await click_button(page, "Prendre en charge")
    await message_with(page, t(g, "staff-claimed-reply", "fr", number=1))
    await run_command(page, "/ticket statut", {"valeur": "En attente"})
    await message_with(page, t(g, "staff-status-reply", "fr", number=1, status="En attente"))
    await screenshots.take(page, "claimed-on-hold")
    stored = await TicketRepository(g.db).get_by_channel(ticket.id)
    assert stored is not None
    assert stored.claimed_by == handler.id and stored.status is TicketStatus.ON_HOLD

    # A plain member sees neither the ticket in the list nor its content by address.
    await act_as(page, plain)
    assert await page.locator(".channels a", has_text=ticket.name).count() == 0
    response = await page.goto(f"{g.emulator.page_url}g/{ticket.guild_id}/c/{ticket.id}")
    assert response is not None and response.status == 404
    assert "FR-2024-0001" not in await page.content()
    assert not g.actor(plain.id).can_view(ticket)
    await screenshots.take(page, "plain-member")

    # The member closes it with a reason.
    await open_page(page, g.emulator.page_url)
    await act_as(page, member)
    await open_channel(page, ticket.name)
    await click_button(page, "Fermer")
    await message_with(page, t(g, "tickets-close-confirm-reason", "fr", number=1))
    await click_button(page, "Fermer")
    await fill_modal(page, "Fermer", {"Motif": "Réglé, merci"})
    await message_with(page, t(g, "tickets-closed-reply", "fr", number=1))
    await screenshots.take(page, "closed")
    stored = await TicketRepository(g.db).get_by_channel(ticket.id)
    assert stored is not None and stored.status is TicketStatus.CLOSED
    assert stored.close_reason == "Réglé, merci"
    assert not g.actor(member.id).can_send(ticket)

    # Staff open the transcript posted in the transcripts channel.
    await act_as(page, staff)
    await open_channel(page, "transcripts")
    link = page.locator(f"{MESSAGES} .attachment a", has_text=".html").last
    await link.wait_for()
    await screenshots.take(page, "transcripts")
    async with page.context.expect_page() as opened:
        await link.click()
    transcript = await opened.value
    await transcript.wait_for_load_state()
    text = await transcript.inner_text("body")
    assert "FR-2024-0001" in text and "Réglé, merci" in text
    await screenshots.take(transcript, "transcript")


async def test_slash_commands_roles_and_reload_in_english(
    start_guichet: StartGuichet, workspace: Path, browser, screenshots: Screenshots
) -> None:
    """An en-US member types /ticket open, picks a topic the bot suggests as they type, and
    answers the modal; the owner gives them the staff role and the staff-only log channel
    appears for them; a broken server file reloaded from the page shows its file:line."""
    g = await start_tickets(start_guichet, workspace)
    seeded = g.server()
    member = seeded.member("en-US")
    page = await browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())

    await open_page(page, g.emulator.page_url)
    await act_as(page, member)
    await open_channel(page, "support-select")
    assert await page.locator(".channels a", has_text="ticket-log").count() == 0
    await page.locator("#composer-text").fill("/ticket")
    menu = page.locator("[data-command-menu]")
    await menu.locator(".command", has_text="/ticket open").wait_for()
    # Staff-only commands are not offered to a member (default_member_permissions).
    assert await menu.locator(".command", has_text="/guichet reload").count() == 0
    await screenshots.take(page, "command-list")
    await menu.locator(".command", has_text="/ticket open").click()
    topic = page.locator("[data-autocomplete-for=topic]")
    await topic.fill("bug")
    suggestion = page.locator("[data-suggestions] .suggestion", has_text="Bug report")
    await suggestion.wait_for()
    await screenshots.take(page, "autocomplete")
    await suggestion.click()
    await page.locator("[data-slash-submit]").click()
    steps = "Click Pay twice, then reload the page."
    await fill_modal(page, "Bug report", {"Steps to reproduce": steps})
    await message_with(page, "Your ticket is ready")
    [ticket] = ticket_channels(g)
    assert g.actor(member.id).can_view(ticket)
    entry = page.locator('[data-entry="slash"]').first
    assert "/ticket open topic:" in await entry.inner_text()

    # The owner gives the member the staff role: the log channel shows up for them.
    await act_as(page, seeded.owner)
    await page.locator('[data-tab="people"]').click()
    name = page.locator(".person-name", has_text=member.user.username)
    person = page.locator(".person", has=name)
    async with page.expect_navigation():
        await person.locator("button.chip", has_text="staff").click()
    assert 222222222222222222 in member.roles
    await act_as(page, member)
    await page.locator(".channels a", has_text="ticket-log").wait_for()
    await screenshots.take(page, "given-staff")

    # A typo in the server file, then Reload: the bot's report names the file and line.
    g.edit(g.server_file(), "kind: select", "kind: selcet")
    await act_as(page, seeded.owner)
    await page.locator("[data-reload]").click()
    report = page.locator('[data-entry="reload"] .report')
    await report.wait_for()
    assert "example.yaml:" in await report.inner_text()
    await screenshots.take(page, "reload-report")

    # At a phone's width the channel list and the tools fold behind two buttons.
    await page.set_viewport_size({"width": 390, "height": 844})
    sidebar = page.locator("#sidebar")
    assert not await sidebar.is_visible()
    await page.locator('[data-toggle="sidebar"]').click()
    assert await sidebar.is_visible()
    await screenshots.take(page, "phone-channels")
