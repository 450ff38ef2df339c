"""Issue 10: what a member typed is never silently dropped: a ``/ticket open`` reason on a
topic with five questions, answers to a question removed while they typed, a dialog that
expired; and a member at their limit is told before the dialog, not after typing it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.discord_app import ticket_opening_ui as opening_ui
from bot.sandbox.actors import Actor, Exchange
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    BILLING_ANSWERS,
    bot_messages,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

# Billing gets three more questions: five, Discord's maximum for a dialog.
FIVE_QUESTIONS = (
    "            max_length: 1000\n      bug:",
    (
        "            max_length: 1000\n"
        "          - {id: extra1, label: q-details, required: false}\n"
        "          - {id: extra2, label: q-details, required: false}\n"
        "          - {id: extra3, label: q-details, required: false}\n"
        "      bug:"
    ),
)
REASON_LABEL = {"en-US": "Reason", "fr": "Motif"}


def fields(g: Guichet, channel: object) -> dict[str, str]:
    [first] = bot_messages(g, channel)  # type: ignore[arg-type]
    return {f["name"]: f["value"] for f in first.embeds[0]["fields"]}


async def open_with_reason(member: Actor, reason: str) -> Exchange:
    return await member.slash(
        "ticket", "open", options={"topic": "support:billing", "reason": reason}
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reason_is_kept_when_five_questions_leave_no_room_in_the_dialog(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, FIVE_QUESTIONS)
    member = g.member(locale)

    exchange = await open_with_reason(member, "Charged twice in May")
    modal = await exchange.wait_modal()
    inputs = [row["components"][0]["custom_id"] for row in modal["components"]]
    assert inputs == ["order", "details", "extra1", "extra2", "extra3"]  # no room for it
    channel = await opened(g, await member.submit_modal(exchange, BILLING_ANSWERS))

    assert fields(g, channel)[REASON_LABEL[locale]] == "> Charged twice in May"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_an_expired_dialog_gives_back_what_was_typed(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, FIVE_QUESTIONS)
    member = g.member(locale)
    exchange = await open_with_reason(member, "Charged twice")
    await exchange.wait_modal()
    await g.db.execute("DELETE FROM held_open_reasons")  # a day later, purged

    answered = await member.submit_modal(exchange, BILLING_ANSWERS)

    typed = "> FR\\-2024\\-0001\n\n> Charged twice"
    assert await reply_text(answered) == t(g, "open-dialog-expired", locale, typed=typed)
    assert ticket_channels(g) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_answer_to_a_question_removed_while_typing_is_kept(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    exchange = await pick(g, member, "billing")
    await exchange.wait_modal()
    # Staff rename the second question and reload while the member is typing.
    g.edit(g.server_file(), "- id: details", "- id: description")
    await g.bot.reload()

    channel = await opened(g, await member.submit_modal(exchange, BILLING_ANSWERS))

    assert fields(g, channel)["details"] == "> Charged twice"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_member_at_the_limit_is_told_before_the_dialog(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet, workspace, ("max_open_per_member: 2", "max_open_per_member: 1")
    )
    member = g.member(locale)
    first = await opened(g, await pick(g, member, "other"))

    again = await pick(g, member, "billing")

    message = await again.reply()
    assert again.modal is None  # no dialog to fill in for nothing
    assert message.content == t(g, "tickets-too-many", locale, max=1, channel=f"<#{first.id}>")
    assert len(ticket_channels(g)) == 1


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_request_already_waiting_is_told_before_the_dialog(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet, workspace, ("cooldown: 1h30m", "cooldown: 0s"), defaults=False
    )
    member = g.member(locale)
    sent = await pick(g, member, "other")  # manual approval: a request waits for staff
    assert await reply_text(sent) == t(g, "approval-sent", locale)

    again = await pick(g, member, "billing")

    message = await again.reply()
    assert again.modal is None
    assert message.content == t(g, "approval-already-pending", locale)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_slow_limits_check_does_not_hold_the_dialog_back(
    start_guichet: StartGuichet, workspace: Path, locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dialog must be the first answer: past its budget the check gives way (a burst, a
    slow database) and the submission is refused instead."""
    g = await start_tickets(
        start_guichet, workspace, ("max_open_per_member: 2", "max_open_per_member: 1")
    )
    assert g.bot is not None
    member = g.member(locale)
    first = await opened(g, await pick(g, member, "other"))
    service, check = g.bot.tickets, g.bot.tickets.precheck

    async def slow(*args: object, **kwargs: object) -> object:
        await asyncio.sleep(1.0)
        return await check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opening_ui, "PRECHECK_BUDGET", 0.05)
    monkeypatch.setattr(service, "precheck", slow)

    again = await pick(g, member, "billing")
    await again.wait_modal()  # the dialog, although the check would have refused
    refused = await member.submit_modal(again, BILLING_ANSWERS)
    assert await reply_text(refused) == t(
        g, "tickets-too-many", locale, max=1, channel=f"<#{first.id}>"
    )
    assert len(ticket_channels(g)) == 1
