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
from tests.e2e.staff_helpers import log_lines, logged
from tests.e2e.tickets_helpers import (
    ask_close,
    bot_messages,
    buttons,
    click_partnership,
    close_by_command,
    confirm_id,
    deleted_ticket,
    opened,
    outcome,
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


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_close_confirmation_in_a_thread_archives_and_locks_it(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # partners: no reason needed, keep
    member = g.member(locale)
    thread = await opened(g, await click_partnership(g, member))
    [first] = bot_messages(g, thread)

    prompt = await (await member.click(first, encode(Action.CLOSE, 1))).reply()
    assert prompt.content == t(g, "tickets-close-confirm", locale, number=1)
    assert [b["custom_id"] for b in buttons(prompt)] == [
        encode(Action.CLOSE_CONFIRM, 1),
        encode(Action.CLOSE_MODAL, 1),
    ]
    confirm = await member.click(prompt, encode(Action.CLOSE_CONFIRM, 1))

    # The prompt itself becomes the outcome: no second click on Confirm.
    assert await outcome(g, confirm) == t(g, "tickets-closed-reply", locale, number=1)
    assert thread.archived and thread.locked
    assert (await _ticket(g, thread)).status is TicketStatus.CLOSED


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_close_command_asks_for_confirmation_with_its_reason(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet, workspace
    )  # support: reason required, keep for the opener
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))

    prompt = await ask_close(member, channel, "Solved *thanks*")

    # Nothing closed yet: an ephemeral prompt quoting the reason, with Confirm.
    assert prompt.ephemeral and prompt.visible_to == member.user_id
    expected = t(g, "tickets-close-confirm-with-reason", locale, number=1)
    assert prompt.content == expected + "\n> Solved \\*thanks\\*"
    assert (await _ticket(g, channel)).status is TicketStatus.OPEN
    assert confirm_id(prompt).startswith(encode(Action.CLOSE_CONFIRM, 1) + ":")
    assert member.can_send(channel)

    confirmed = await member.click(prompt, confirm_id(prompt))

    assert await outcome(g, confirmed) == t(g, "tickets-closed-reply", locale, number=1)
    ticket = await _ticket(g, channel)
    assert ticket.status is TicketStatus.CLOSED and ticket.close_reason == "Solved *thanks*"
    assert member.can_view(channel) and not member.can_send(channel)
    # The log line was written before the answer, with the reason.
    assert any(line.startswith("🔒") and "Solved" in line for line in (await logged(g)))


async def test_close_command_without_the_required_reason_offers_the_reason_dialog(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: reason required
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))

    prompt = await ask_close(member, channel)

    assert prompt.content == t(g, "tickets-close-confirm-reason", "fr", number=1)
    assert [b["custom_id"] for b in buttons(prompt)] == [encode(Action.CLOSE_MODAL, 1)]
    ask = await member.click(prompt, encode(Action.CLOSE_MODAL, 1))
    await ask.wait_modal()
    done = await member.submit_modal(ask, {"_reason": "Réglé"})
    assert await reply_text(done) == t(g, "tickets-closed-reply", "fr", number=1)
    assert (await _ticket(g, channel)).close_reason == "Réglé"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_close_by_command_as_staff_deletes_the_channel(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: delete-if-admin
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    staff = g.actor(g.server().staff[0].user.id)

    await close_by_command(staff, channel, "Done", locale=locale)

    ticket = await deleted_ticket(g, channel)
    assert channel.id not in g.emulator.state.channels
    assert ticket.close_reason == "Done"
    # Both lines reach the log channel (no answer: the channel it would go to is gone).
    deleted_line = t(g, "staff-log-deleted", "fr", number=1, actor=f"<@{staff.user_id}>")
    await g.emulator.wait_for(lambda: deleted_line in log_lines(g))
    # The member's summary has its own line (📨), after them.
    lines = [line for line in await logged(g) if not line.startswith("📨")]
    assert lines[-2] == t(
        g,
        "staff-log-with-reason",
        "fr",
        line=t(g, "staff-log-closed", "fr", number=1, actor=f"<@{staff.user_id}>"),
        reason="Done",
    )
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

    await close_by_command(member, channel)

    await deleted_ticket(g, channel)
    assert ticket_channels(g) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reopen_and_delete_buttons(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    staff = g.actor(g.server().staff[1].user.id)  # the support system's own handler role
    channel = await opened(g, await pick(g, member, "other"))
    await outcome(g, await close_by_command(member, channel, "ok"))
    notice = bot_messages(g, channel)[-1]

    reopened = await staff.click(notice, encode(Action.REOPEN, 1), locale=locale)
    assert await reply_text(reopened) == t(g, "tickets-reopened-reply", locale, number=1)
    assert member.can_send(channel)
    last = bot_messages(g, channel)[-1]
    # In the opener's language.
    assert last.embeds[0]["title"] == t(g, "tickets-reopened-title", locale, number=1)
    assert [b["custom_id"] for b in buttons(last)] == [encode(Action.CLOSE, 1)]
    by = f"<@{staff.user_id}>"
    # (The close's summary line may come before or after it.)
    assert t(g, "staff-log-reopened", "fr", number=1, actor=by) in await logged(g)

    await outcome(g, await close_by_command(member, channel, "ok"))
    notice = bot_messages(g, channel)[-1]
    deleting = await staff.click(notice, encode(Action.DELETE, 1), locale=locale)
    await deleting.response()
    await deleted_ticket(g, channel)
    assert channel.id not in g.emulator.state.channels
    # The log line follows the stored deletion: wait for it rather than race it.
    deleted_line = t(g, "staff-log-deleted", "fr", number=1, actor=by)
    await g.emulator.wait_for(lambda: deleted_line in log_lines(g))


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reopen_and_delete_by_command(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    thread = await opened(g, await click_partnership(g, member))
    # The owner sees every channel; handlers reach a private thread through the role
    # mention of its first message (see test_thread_handlers.py).
    staff = g.actor(g.server().owner.user.id)
    await outcome(g, await close_by_command(member, thread))
    assert thread.archived

    reopened = await staff.slash("ticket", "reopen", channel=thread, locale=locale)
    assert await reply_text(reopened) == t(g, "tickets-reopened-reply", locale, number=1)
    assert not thread.archived and not thread.locked

    by = f"<@{staff.user_id}>"
    # (The close's summary line may come before or after it.)
    assert t(g, "staff-log-reopened", "fr", number=1, actor=by) in await logged(g)

    deleted = await staff.slash("ticket", "delete", channel=thread, locale=locale)
    await deleted.response()
    await deleted_ticket(g, thread)
    assert thread.id not in g.emulator.state.channels
    # The log line follows the stored deletion: wait for it rather than race it.
    deleted_line = t(g, "staff-log-deleted", "fr", number=1, actor=by)
    await g.emulator.wait_for(lambda: deleted_line in log_lines(g))


async def test_command_outside_a_ticket_is_explained(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("fr")
    exchange = await member.slash("ticket", "close")
    assert await reply_text(exchange) == t(g, "tickets-not-a-ticket", "fr")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_channel_deleted_by_hand_lets_the_member_open_again(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet, workspace, ("max_open_per_member: 2", "max_open_per_member: 1")
    )
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    refused = await reply_text(await pick(g, member, "other"))
    assert refused == t(g, "tickets-too-many", locale, max=1, channel=f"<#{channel.id}>")

    g.emulator.delete_channel(channel)  # an admin deletes it in Discord

    ticket = await deleted_ticket(g, channel)
    # Nobody known closed it: closed (when, by nobody), then deleted.
    assert ticket.status is TicketStatus.CLOSED
    assert ticket.closed_at is not None and ticket.closed_by is None
    assert ticket.closed_at <= ticket.deleted_at
    someone = t(g, "staff-someone", "fr")
    await g.emulator.wait_for(
        lambda: log_lines(g)[-1] == t(g, "staff-log-deleted", "fr", number=1, actor=someone)
    )
    again = await opened(g, await pick(g, member, "other"))
    assert again.id != channel.id
    assert [c.id for c in ticket_channels(g)] == [again.id]


@pytest.mark.parametrize("style", ["channel", "thread"])
async def test_channel_deleted_while_the_bot_was_down_is_noticed_at_start(
    start_guichet: StartGuichet, workspace: Path, style: str
) -> None:
    """No gateway event reaches a stopped bot: at start it checks its tickets' channels."""
    g = await start_tickets(start_guichet, workspace)
    member = g.member("fr")
    kept = await opened(g, await pick(g, member, "other"))
    if style == "channel":
        gone = await opened(g, await pick(g, g.member("en-US"), "other"))
    else:
        gone = await opened(g, await click_partnership(g, member))
    await g.stop()
    g.emulator.delete_channel(gone)
    await g.start()

    ticket = await deleted_ticket(g, gone)
    assert ticket.status is TicketStatus.CLOSED
    still = await TicketRepository(g.db).get_by_channel(kept.id)
    assert still is not None and not still.is_deleted
    assert still.status is TicketStatus.OPEN
