"""Issue 6 end to end: what the staff tools do to Discord. Claiming edits the ticket's first
message in place and hides the ticket from the other handlers; adding and removing members
changes who sees the channel; status and priority show on the first message and in the log
channel (server locale: fr); notes stay among staff; the list pages with buttons and filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_list import ListQuery, encode_page
from bot.domain.tickets import TicketStatus
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import (
    Cast,
    cast,
    custom_ids,
    fields,
    first_message,
    let_in,
    logged,
    run,
    stored,
    ticket_for,
)
from tests.e2e.tickets_helpers import bot_messages, start_tickets, t

pytestmark = pytest.mark.e2e


def _fr(g: Guichet, msg_id: str, **args: object) -> str:
    return t(g, msg_id, "fr", **args)


def _numbers(description: str) -> list[int]:
    """Ticket numbers of a list page, in order ("**#12**" in en-US, "**nº 12**" in fr)."""
    return [int(n) for n in re.findall(r"^\*\*\D*(\d+)\*\*", description, re.MULTILINE)]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_claim_edits_the_first_message_in_place_and_hides_the_ticket(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: claim_hides: true
    people = cast(g)
    channel = await ticket_for(g, people, g.member(locale))
    before = first_message(g, channel)
    assert people.handler.can_view(channel) and people.staff.can_view(channel)

    # The Claim button of the first message, clicked by the server's staff role.
    exchange = await people.staff.click(before, encode(Action.CLAIM, 1))
    answer = await exchange.reply()
    assert answer.ephemeral
    assert answer.content == t(g, "staff-claimed-reply", people.staff.locale, number=1)

    after = first_message(g, channel)
    assert after.id == before.id and after.edited_timestamp is not None  # edited, not reposted
    card = fields(after)  # the ticket speaks the server's locale (staff opened it): fr
    assert card[_fr(g, "staff-field-claimed-by")] == f"<@{people.staff.user_id}>"
    assert card[_fr(g, "staff-field-status")] == _fr(g, "ticket-status-in-progress")
    assert encode(Action.UNCLAIM, 1) in custom_ids(after)
    assert encode(Action.CLAIM, 1) not in custom_ids(after)
    ticket = await stored(g, channel)
    assert ticket.claimed_by == people.staff.user_id
    assert ticket.status is TicketStatus.IN_PROGRESS

    # claim_hides: the other handler loses sight of it; the claimer, admins and owner keep it.
    assert not people.handler.can_view(channel)
    assert people.staff.can_view(channel) and people.admin.can_view(channel)
    assert people.owner.can_view(channel) and g.member(locale).can_view(channel)
    refused = await run(people.admin, channel, "claim", locale)
    assert refused.content == t(
        g, "staff-claimed-by-other", locale, staff=f"<@{people.staff.user_id}>"
    )

    # Unclaim (button): back to open, the handler roles see it again.
    exchange = await people.staff.click(after, encode(Action.UNCLAIM, 1))
    await exchange.reply()
    assert people.handler.can_view(channel)
    card = fields(first_message(g, channel))
    assert card[_fr(g, "staff-field-claimed-by")] == _fr(g, "staff-unclaimed")
    assert (await stored(g, channel)).status is TicketStatus.OPEN
    # Log lines in the server's locale, pinging nobody.
    number = {"number": 1}
    assert (await logged(g))[-2:] == [
        _fr(g, "staff-log-claimed", actor=f"<@{people.staff.user_id}>", **number),
        _fr(g, "staff-log-unclaimed", actor=f"<@{people.staff.user_id}>", **number),
    ]
    assert all(not m.mentions for m in bot_messages(g, 333333333333333333))


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_add_and_remove_change_who_sees_the_ticket(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    guest = people.other
    assert not guest.can_view(channel)

    added = await run(people.handler, channel, "add", locale, member=guest.user_id)
    assert added.content == t(
        g, "staff-member-added-reply", locale, member=f"<@{guest.user_id}>", number=1
    )
    assert guest.can_view(channel) and guest.can_send(channel)
    # The log line is written before the answer: readable as soon as the answer is there.
    by, who = f"<@{people.handler.user_id}>", f"<@{guest.user_id}>"
    added_line = t(g, "staff-log-member-added", "fr", actor=by, member=who, number=1)
    assert (await logged(g))[-1] == added_line
    again = await run(people.handler, channel, "add", locale, member=guest.user_id)
    assert again.content == t(g, "staff-member-already-in", locale, member=f"<@{guest.user_id}>")

    removed = await run(people.handler, channel, "remove", locale, member=guest.user_id)
    assert removed.content == t(
        g, "staff-member-removed-reply", locale, member=f"<@{guest.user_id}>", number=1
    )
    assert not guest.can_view(channel)
    removed_line = t(g, "staff-log-member-removed", "fr", actor=by, member=who, number=1)
    assert (await logged(g))[-1] == removed_line

    opener = people.opener.user_id
    kept = await run(people.handler, channel, "remove", locale, member=opener)
    assert kept.content == t(g, "staff-cannot-remove-opener", locale, member=f"<@{opener}>")
    assert people.opener.can_view(channel)
    assert (await logged(g))[-2:] == [added_line, removed_line]  # refusals log nothing


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_status_and_priority_update_the_first_message_and_the_log(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    first_id = first_message(g, channel).id

    await run(people.handler, channel, "status", locale, value="on_hold")
    await run(people.handler, channel, "priority", locale, value="urgent")
    unchanged = await run(people.handler, channel, "priority", locale, value="urgent")
    assert unchanged.content == t(
        g,
        "staff-priority-unchanged",
        locale,
        number=1,
        priority=t(g, "ticket-priority-urgent", locale),
    )
    closing = await run(people.handler, channel, "status", locale, value="closed")
    assert closing.content == t(g, "staff-status-use-close", locale)

    card = first_message(g, channel)
    assert card.id == first_id
    assert fields(card)[_fr(g, "staff-field-status")] == _fr(g, "ticket-status-on-hold")
    assert fields(card)[_fr(g, "staff-field-priority")] == _fr(g, "ticket-priority-urgent")
    actor = f"<@{people.handler.user_id}>"
    status_line = _fr(
        g,
        "staff-log-status",
        number=1,
        actor=actor,
        **{"from": _fr(g, "ticket-status-open"), "to": _fr(g, "ticket-status-on-hold")},
    )
    priority_line = _fr(
        g,
        "staff-log-priority",
        number=1,
        actor=actor,
        **{"from": _fr(g, "ticket-priority-normal"), "to": _fr(g, "ticket-priority-urgent")},
    )
    assert (await logged(g))[-2:] == [status_line, priority_line]
    assert "Statut" in status_line or "statut" in status_line  # really French


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_notes_stay_among_staff_and_show_in_info(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    secret = "Suspected chargeback, check with billing"

    saved = await run(people.handler, channel, "note", locale, text=secret)
    assert saved.content == t(g, "staff-note-saved", locale, number=1)

    # Nowhere in the channel for anyone else: not a public message, not the opener's view.
    in_channel = g.emulator.state.messages_in(channel.id).values()
    assert not [m for m in in_channel if secret in m.content and not m.ephemeral]
    assert not [
        m for m in people.opener.messages(channel) if secret in str(m.payload(g.emulator.state))
    ]
    assert not [line for line in (await logged(g)) if secret in line]

    info = await run(people.admin, channel, "info", locale)
    embed = info.embeds[0]
    notes = [f for f in embed["fields"] if secret in f["value"]]
    assert len(notes) == 1
    assert f"<@{people.handler.user_id}>" in notes[0]["value"]
    assert info.visible_to == people.admin.user_id


async def _open_many(g: Guichet, people: Cast, count: int) -> None:
    for _ in range(count):
        await ticket_for(g, people)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_list_pages_with_buttons_editing_the_same_message(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    await _open_many(g, people, 12)
    lobby = 777777777777777777

    page = await run(people.handler, lobby, "list", locale)
    embed = page.embeds[0]
    assert embed["footer"]["text"] == t(g, "staff-list-footer", locale, page=1, pages=2, count=12)
    assert _numbers(embed["description"]) == list(range(12, 2, -1))  # newest first
    following = encode_page(ListQuery(page=1))
    assert custom_ids(page) == [following]

    turned = await people.handler.click(page, following, locale=locale)
    await turned.response()
    same = g.emulator.state.find_message(page.channel_id, page.id)
    assert same is not None and same.ephemeral
    assert same.embeds[0]["footer"]["text"] == t(
        g, "staff-list-footer", locale, page=2, pages=2, count=12
    )
    assert _numbers(same.embeds[0]["description"]) == [2, 1]
    assert custom_ids(same) == [encode_page(ListQuery(page=0))]

    back = await people.handler.click(same, encode_page(ListQuery(page=0)), locale=locale)
    await back.response()
    again = g.emulator.state.find_message(page.channel_id, page.id)
    assert again is not None
    assert _numbers(again.embeds[0]["description"])[0] == 12


async def test_list_filters_by_status_priority_member_and_topic(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    first = await ticket_for(g, people)
    await ticket_for(g, people)
    other_members = await ticket_for(g, people, people.other)
    await run(people.handler, first, "status", "en-US", value="on_hold")
    await run(people.handler, other_members, "priority", "en-US", value="high")
    lobby = 777777777777777777

    async def numbers(**options: object) -> list[int]:
        page = await run(people.handler, lobby, "list", "en-US", **options)
        text = page.embeds[0]["description"]
        if text == t(g, "staff-list-empty", "en-US"):
            return []
        return _numbers(text)

    assert await numbers() == [3, 2, 1]
    assert await numbers(status="on_hold") == [1]
    assert await numbers(priority="high") == [3]
    assert await numbers(member=people.other.user_id) == [3]
    assert await numbers(topic="support:other") == [3, 2, 1]
    assert await numbers(topic="something ELSE") == [3, 2, 1]  # a label typed by hand
    assert await numbers(topic="support:billing") == []
    assert await numbers(status="on_hold", member=people.other.user_id) == []
    unknown = await run(people.handler, lobby, "list", "en-US", topic="nothing-like-it")
    assert unknown.content == t(g, "tickets-unknown-topic", "en-US")
    # Members are refused the list too.
    let_in(g, g.emulator.state.channels[lobby], people.opener)
    refused = await run(people.opener, lobby, "list", "fr")
    assert refused.content == t(g, "tickets-staff-only", "fr")
