"""Issue 6 end to end: manual approval on the example server as shipped (support: manual). A
member's request waits in the reception channel with Accept and Refuse; accepting opens the
ticket in the member's language, refusing tells them by DM (or tells staff it could not)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.sandbox.actors import Actor
from bot.sandbox.state import Message
from bot.storage import TicketFilter, TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import RECEPTION, answered, cast, custom_ids, let_in, logged
from tests.e2e.tickets_helpers import (
    BILLING_ANSWERS,
    NO_SUPPORT_COOLDOWN,
    bot_messages,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

ACCEPT, REFUSE = encode(Action.ACCEPT, 1), encode(Action.REFUSE, 1)


async def _manual(start_guichet: StartGuichet, workspace: Path) -> Guichet:
    g = await start_tickets(start_guichet, workspace, NO_SUPPORT_COOLDOWN, defaults=False)
    assert g.runtime.servers[0].system("support").approval.value == "manual"
    return g


def _own(g: Guichet, msg_id: str, locale: str) -> str:
    return g.runtime.catalog.translate(msg_id, locale, server="example", server_locale="fr")


async def _request(g: Guichet, member: Actor, topic: str = "other") -> Message:
    """The member asks from the select panel; the request as posted in reception."""
    answers = BILLING_ANSWERS if topic == "billing" else None
    exchange = await pick(g, member, topic, answers)
    assert await reply_text(exchange) == t(g, "approval-sent", member.locale)
    [request] = bot_messages(g, RECEPTION)[-1:]
    return request


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_request_waits_in_reception_and_accept_opens_in_the_members_language(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    member = g.member(locale)

    request = await _request(g, member, "billing")
    assert ticket_channels(g) == []  # nothing opened yet
    embed = request.embeds[0]  # reception speaks the server's locale (fr)
    topic_fr = _own(g, "topic-billing", "fr")
    assert embed["title"] == t(g, "approval-reception-title", "fr", topic=topic_fr)
    assert custom_ids(request) == [ACCEPT, REFUSE]
    assert not request.mentions  # shows the member, pings nobody
    assert any("FR\\-2024\\-0001" in f["value"] for f in embed["fields"])

    decided = await answered(await people.staff.click(request, ACCEPT, locale="en-US"))
    [channel] = ticket_channels(g)
    assert decided.content == t(
        g,
        "approval-accepted-reply",
        "en-US",
        channel=f"<#{channel.id}>",
        member=f"<@{member.user_id}>",
    )
    assert member.can_view(channel) and member.can_send(channel)
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None and ticket.locale == locale
    assert ticket.opened_by_id == people.staff.user_id
    assert dict(ticket.answers)["order"] == "FR-2024-0001"
    first = bot_messages(g, channel)[0]
    assert _own(g, "topic-billing", locale) in first.embeds[0]["title"]  # member's language

    request = g.emulator.state.find_message(RECEPTION, request.id)
    assert request is not None and request.components == []
    assert request.embeds[0]["description"] == t(
        g,
        "approval-decided-accepted",
        "fr",
        staff=f"<@{people.staff.user_id}>",
        channel=f"<#{channel.id}>",
    )
    assert any(
        line.startswith("✅") and f"<@{member.user_id}>" in line for line in (await logged(g))
    )


@pytest.mark.parametrize(("locale", "dms_open"), [("en-US", True), ("fr", False)])
async def test_refuse_asks_a_reason_and_tells_the_member_or_staff(
    start_guichet: StartGuichet, workspace: Path, locale: str, dms_open: bool
) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    member = g.member(locale)
    if not dms_open:
        g.emulator.close_dms(member.user_id)
    request = await _request(g, member)

    ask = await people.handler.click(request, REFUSE, locale=locale)
    modal = await ask.wait_modal()
    assert modal["title"] == t(g, "approval-refuse-modal-title", locale)
    done = await answered(
        await people.handler.submit_modal(ask, {"_reason": "Please use the FAQ"}, locale=locale)
    )
    mention = f"<@{member.user_id}>"
    expected = "approval-refused-reply" if dms_open else "approval-refused-no-dm"
    assert done.content == t(g, expected, locale, member=mention)

    dm = g.emulator.dm_channel(member.user_id)
    sent = list(g.emulator.state.messages_in(dm.id).values())
    if dms_open:
        [letter] = sent
        assert letter.embeds[0]["title"] == t(g, "approval-refused-dm-title", locale)
        assert "Please use the FAQ" in letter.embeds[0]["fields"][0]["value"]
    else:
        assert sent == []
    request = g.emulator.state.find_message(RECEPTION, request.id)
    assert request is not None and request.components == []
    assert ticket_channels(g) == []
    assert (await logged(g))[-1].startswith("✖️")


async def test_only_staff_may_refuse(start_guichet: StartGuichet, workspace: Path) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    request = await _request(g, people.opener)
    let_in(g, g.emulator.state.channels[RECEPTION], people.other)
    for button in (REFUSE, ACCEPT):
        exchange = await people.other.click(request, button, locale="fr")
        answer = await answered(exchange)
        assert answer.content == t(g, "tickets-staff-only", "fr")
    assert ticket_channels(g) == []
    assert custom_ids(g.emulator.state.find_message(RECEPTION, request.id)) == [ACCEPT, REFUSE]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_accept_after_the_member_left_is_refused(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    member = g.member("en-US")
    request = await _request(g, member)
    await member.leave_guild()

    answer = await answered(await people.staff.click(request, ACCEPT, locale=locale))
    assert answer.content == t(g, "approval-member-left", locale, member=f"<@{member.user_id}>")
    assert ticket_channels(g) == []
    request = g.emulator.state.find_message(RECEPTION, request.id)
    assert request is not None and request.components == []
    assert request.embeds[0]["description"] == t(
        g, "approval-decided-member-left", "fr", member=f"<@{member.user_id}>"
    )


async def test_two_staff_accepting_at_once_open_one_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    request = await _request(g, g.member("fr"))

    first, second = await asyncio.gather(
        people.staff.click(request, ACCEPT, locale="en-US"),
        people.handler.click(request, ACCEPT, locale="en-US"),
    )
    answers = {(await answered(first)).content, (await answered(second)).content}
    [channel] = ticket_channels(g)
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    member = f"<@{ticket.opener_id}>"
    winner = f"<@{ticket.opened_by_id}>"
    assert answers == {
        t(g, "approval-accepted-reply", "en-US", channel=f"<#{channel.id}>", member=member),
        t(g, "approval-already-decided", "en-US", status="accepted", staff=winner),
    }
    assert await opened_count(g) == 1


async def opened_count(g: Guichet) -> int:
    return await TicketRepository(g.db).count(123456789012345678, TicketFilter())


async def test_slash_open_goes_through_approval_too(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await _manual(start_guichet, workspace)
    member = g.member("fr")
    exchange = await member.slash(
        "ticket", "open", options={"topic": "support:other", "reason": "Hi"}
    )
    assert await reply_text(exchange) == t(g, "approval-sent", "fr")
    [request] = bot_messages(g, RECEPTION)
    assert custom_ids(request) == [ACCEPT, REFUSE]
    again = await member.slash("ticket", "open", options={"topic": "support:other", "reason": "Hi"})
    assert await reply_text(again) == t(g, "approval-already-pending", "fr")
    assert len(bot_messages(g, RECEPTION)) == 1
    assert ticket_channels(g) == []
    # Staff opening for a member decide themselves: no request.
    people = cast(g)
    created = await people.owner.slash(
        "ticket", "create", options={"member": member.user_id, "topic": "support:other"}
    )
    channel = await opened(g, created)
    assert member.can_view(channel)
    assert len(bot_messages(g, RECEPTION)) == 1


# --- the member's limits apply to requests (issue 5's max_open_per_member and cooldown) -----


async def _created_for(g: Guichet, owner: Actor, member: Actor) -> int:
    """A ticket staff open for ``member`` (no limits for staff); its channel id."""
    exchange = await owner.slash(
        "ticket", "create", options={"member": member.user_id, "topic": "support:other"}
    )
    return (await opened(g, exchange)).id


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_request_over_the_limit_gets_the_direct_opening_answer(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await _manual(start_guichet, workspace)  # support: at most 2 open, no cooldown
    people = cast(g)
    member = g.member(locale)
    await _created_for(g, people.owner, member)
    latest = await _created_for(g, people.owner, member)

    refused = await pick(g, member, "other")

    assert await reply_text(refused) == t(
        g, "tickets-too-many", locale, max=2, channel=f"<#{latest}>"
    )
    assert bot_messages(g, RECEPTION) == []  # nothing for staff to decide


async def test_a_request_during_the_cooldown_says_when_and_links_the_open_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    locale = "fr"
    g = await start_tickets(start_guichet, workspace, defaults=False)  # cooldown: 1h30m
    people = cast(g)
    member = g.member(locale)
    channel = await _created_for(g, people.owner, member)

    refused = await reply_text(await pick(g, member, "other"))

    intro = t(g, "tickets-cooldown-link", locale, channel=f"<#{channel}>", when="<t:")
    assert refused.startswith(intro.split("<t:")[0])
    assert "<t:" in refused and f"<#{channel}>" in refused
    assert bot_messages(g, RECEPTION) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_accepting_never_takes_the_member_past_the_limit(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await _manual(start_guichet, workspace)
    people = cast(g)
    member = g.member("fr")
    request = await _request(g, member)
    # Meanwhile staff opened two tickets for the member: the maximum.
    await _created_for(g, people.owner, member)
    latest = await _created_for(g, people.owner, member)

    decided = await answered(await people.staff.click(request, ACCEPT, locale=locale))

    assert decided.content == t(
        g,
        "approval-member-too-many",
        locale,
        member=f"<@{member.user_id}>",
        max=2,
        channel=f"<#{latest}>",
    )
    assert len(ticket_channels(g)) == 2
    # Still pending: Accept and Refuse stay, to decide once a ticket is closed.
    assert custom_ids(g.emulator.state.find_message(RECEPTION, request.id)) == [ACCEPT, REFUSE]
