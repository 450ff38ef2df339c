"""Issue 5 end to end: closing (button with confirmation and reason, command), keep and delete
modes, reopening, deleting, and a ticket channel deleted by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import TicketStatus
from bot.sandbox.state import Channel
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    bot_messages,
    buttons,
    click_partnership,
    deleted_ticket,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e


async def _ticket(g: Guichet, channel: Channel):
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    return ticket


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_close_button_asks_for_a_reason_then_keeps_the_channel_locked(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: reason required
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    [first] = bot_messages(g, channel)

    prompt_exchange = await member.click(first, encode(Action.CLOSE, 1))
    prompt = await prompt_exchange.reply()
    assert prompt.ephemeral
    assert prompt.content == t(g, "tickets-close-confirm-reason", locale, number=1)
    assert [b["custom_id"] for b in buttons(prompt)] == [encode(Action.CLOSE_MODAL, 1)]

    ask = await member.click(prompt, encode(Action.CLOSE_MODAL, 1))
    modal = await ask.wait_modal()
    assert modal["title"] == t(g, "tickets-close-modal-title", locale, number=1)
    done = await member.submit_modal(ask, {"_reason": "Solved, thanks"})

    assert await reply_text(done) == t(g, "tickets-closed-reply", locale, number=1)
    # Keep mode (the opener closed a delete-if-admin ticket): read-only, Reopen/Delete offered.
    assert member.can_view(channel) and not member.can_send(channel)
    notice = bot_messages(g, channel)[-1]
    assert [b["custom_id"] for b in buttons(notice)] == [
        encode(Action.REOPEN, 1),
        encode(Action.DELETE, 1),
    ]
    reason_field = notice.embeds[0]["fields"][0]
    assert reason_field["value"] == "> Solved, thanks"
    ticket = await _ticket(g, channel)
    assert ticket.status is TicketStatus.CLOSED and ticket.close_reason == "Solved, thanks"


async def test_close_confirmation_in_a_thread_archives_and_locks_it(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)  # partners: no reason needed, keep
    member = g.member("fr")
    thread = await opened(g, await click_partnership(g, member))
    [first] = bot_messages(g, thread)

    prompt = await (await member.click(first, encode(Action.CLOSE, 1))).reply()
    assert [b["custom_id"] for b in buttons(prompt)] == [
        encode(Action.CLOSE_CONFIRM, 1),
        encode(Action.CLOSE_MODAL, 1),
    ]
    confirm = await member.click(prompt, encode(Action.CLOSE_CONFIRM, 1))
    await confirm.response()

    # The prompt itself becomes the outcome: no second click on Confirm.
    await g.emulator.wait_for(lambda: not prompt.components)
    assert prompt.content == t(g, "tickets-closed-reply", "fr", number=1)
    assert thread.archived and thread.locked
    assert (await _ticket(g, thread)).status is TicketStatus.CLOSED


async def test_close_by_command_as_staff_deletes_the_channel(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: delete-if-admin
    member = g.member("en-US")
    channel = await opened(g, await pick(g, member, "other"))
    staff = g.actor(g.server().staff[0].user.id)

    exchange = await staff.slash("ticket", "close", options={"reason": "Done"}, channel=channel)
    await exchange.response()

    ticket = await deleted_ticket(g, channel)
    assert channel.id not in g.emulator.state.channels
    assert ticket.close_reason == "Done"
    # The member may open again at once (the deleted ticket no longer counts).
    assert await opened(g, await pick(g, member, "other"))


async def test_delete_mode_closes_and_deletes_for_the_opener_too(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(
        start_guichet,
        workspace,
        ("on_close: delete-if-admin", "on_close: delete"),
        ("require_reason: true", "require_reason: false"),
    )
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))

    exchange = await member.slash("ticket", "close", channel=channel)
    await exchange.response()

    await deleted_ticket(g, channel)
    assert ticket_channels(g) == []


async def test_reopen_and_delete_buttons(start_guichet: StartGuichet, workspace: Path) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("en-US")
    staff = g.actor(g.server().staff[1].user.id)  # the support system's own handler role
    channel = await opened(g, await pick(g, member, "other"))
    closing = await member.slash("ticket", "close", options={"reason": "ok"}, channel=channel)
    await reply_text(closing)
    notice = bot_messages(g, channel)[-1]

    reopened = await staff.click(notice, encode(Action.REOPEN, 1))
    assert await reply_text(reopened) == t(g, "tickets-reopened-reply", "fr", number=1)
    assert member.can_send(channel)
    last = bot_messages(g, channel)[-1]
    assert last.embeds[0]["title"] == "Ticket #1 reopened"  # in the opener's language
    assert [b["custom_id"] for b in buttons(last)] == [encode(Action.CLOSE, 1)]

    await reply_text(
        await member.slash("ticket", "close", options={"reason": "ok"}, channel=channel)
    )
    notice = bot_messages(g, channel)[-1]
    deleting = await staff.click(notice, encode(Action.DELETE, 1))
    await deleting.response()
    await deleted_ticket(g, channel)
    assert channel.id not in g.emulator.state.channels


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reopen_and_delete_by_command(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    thread = await opened(g, await click_partnership(g, member))
    # The owner: the emulator does not add a mentioned role's members to a private thread
    # (Discord does), so handlers cannot reach the thread there.
    staff = g.actor(g.server().owner.user.id)
    await reply_text(await member.slash("ticket", "close", channel=thread))
    assert thread.archived

    reopened = await staff.slash("ticket", "reopen", channel=thread, locale=locale)
    assert await reply_text(reopened) == t(g, "tickets-reopened-reply", locale, number=1)
    assert not thread.archived and not thread.locked

    deleted = await staff.slash("ticket", "delete", channel=thread, locale=locale)
    await deleted.response()
    await deleted_ticket(g, thread)
    assert thread.id not in g.emulator.state.channels


async def test_command_outside_a_ticket_is_explained(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("fr")
    exchange = await member.slash("ticket", "close")
    assert await reply_text(exchange) == t(g, "tickets-not-a-ticket", "fr")


async def test_channel_deleted_by_hand_lets_the_member_open_again(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(
        start_guichet, workspace, ("max_open_per_member: 2", "max_open_per_member: 1")
    )
    member = g.member("en-US")
    channel = await opened(g, await pick(g, member, "other"))
    refused = await reply_text(await pick(g, member, "other"))
    assert refused.startswith("You already have an open ticket")

    g.emulator.delete_channel(channel)  # an admin deletes it in Discord

    ticket = await deleted_ticket(g, channel)
    assert ticket.status is TicketStatus.OPEN  # nobody closed it: it was deleted by hand
    again = await opened(g, await pick(g, member, "other"))
    assert again.id != channel.id
    assert [c.id for c in ticket_channels(g)] == [again.id]
