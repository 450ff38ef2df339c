"""Issue 16 end to end: /ticket transfer claim member: hands a ticket's claim to another
staff member, with everything a claim does (claim_hides: the former claimer loses sight of
it, the new one sees it; the first message says who handles it); never to someone who does
not handle the system; members may not transfer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import answered, cast, fields, first_message, run, stored, ticket_for
from tests.e2e.tickets_helpers import start_tickets, t

pytestmark = pytest.mark.e2e


async def _transfer(actor: Actor, channel: Channel, to: Actor, locale: str) -> Message:
    exchange = await actor.slash(
        "ticket",
        "transfer",
        "claim",
        options={"member": to.user_id},
        channel=channel,
        locale=locale,
    )
    return await answered(exchange)


def _claimed_by(g: Guichet, channel: Channel) -> str:
    return fields(first_message(g, channel))[t(g, "staff-field-claimed-by", "fr")]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_the_claim_goes_to_another_handler_with_what_a_claim_does(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: claim_hides: true
    people = cast(g)
    channel = await ticket_for(g, people)
    await run(people.handler, channel, "claim", locale)
    assert not people.staff.can_view(channel)  # claim_hides: hidden from the other handler

    done = await _transfer(people.handler, channel, people.staff, locale)
    assert done.content == t(
        g, "transfer-claim-done", locale, member=f"<@{people.staff.user_id}>", number=1
    )
    ticket = await stored(g, channel)
    assert ticket.claimed_by == people.staff.user_id
    assert _claimed_by(g, channel) == f"<@{people.staff.user_id}>"
    assert people.staff.can_view(channel) and not people.handler.can_view(channel)

    again = await _transfer(people.admin, channel, people.staff, locale)
    assert again.content == t(
        g, "transfer-already-theirs", locale, member=f"<@{people.staff.user_id}>"
    )
    nope = await _transfer(people.admin, channel, people.other, locale)
    assert nope.content == t(g, "transfer-not-staff", locale, member=f"<@{people.other.user_id}>")
    assert (await stored(g, channel)).claimed_by == people.staff.user_id


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_may_not_transfer_and_an_unclaimed_ticket_is_simply_given(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    refused = await _transfer(people.opener, channel, people.handler, locale)
    assert refused.content == t(g, "tickets-staff-only", locale)
    assert (await stored(g, channel)).claimed_by is None

    given = await _transfer(people.owner, channel, people.handler, locale)
    assert given.content == t(
        g, "transfer-claim-done", locale, member=f"<@{people.handler.user_id}>", number=1
    )
    assert (await stored(g, channel)).claimed_by == people.handler.user_id
