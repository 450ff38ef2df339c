"""Issue 16 end to end: /ticket transfer claim member: hands a ticket's claim to another
staff member, with everything a claim does (claim_hides: the former claimer loses sight of
it, the new one sees it; the first message says who handles it); never to someone who does
not handle the system; members may not transfer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import (
    answered,
    cast,
    fields,
    first_message,
    logged,
    run,
    stored,
    ticket_for,
)
from tests.e2e.tickets_helpers import click_partnership, opened, start_tickets, t

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


async def _hand(actor: Actor, channel: Channel, to: Actor, locale: str) -> Message:
    exchange = await actor.slash(
        "ticket",
        "transfer",
        "opener",
        options={"member": to.user_id},
        channel=channel,
        locale=locale,
    )
    return await answered(exchange)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_ticket_handed_to_another_member_keeps_the_previous_one_in(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)  # for the opener
    new, old = people.other, people.opener
    assert not new.can_view(channel)

    refused = await _hand(old, channel, new, locale)  # members may not
    assert refused.content == t(g, "tickets-staff-only", locale)
    assert not new.can_view(channel)

    done = await _hand(people.handler, channel, new, locale)
    mention = f"<@{new.user_id}>"
    assert done.content == t(g, "transfer-opener-done", locale, member=mention, number=1)
    assert new.can_view(channel) and new.can_send(channel)
    assert old.can_view(channel) and old.can_send(channel)  # kept, as an added member
    ticket = await stored(g, channel)
    assert ticket.opener_id == new.user_id
    members = {m.user_id for m in await TicketRepository(g.db).list_members(ticket.id)}
    assert old.user_id in members and new.user_id not in members
    assert mention in fields(first_message(g, channel)).values()  # "Opened by" edited
    actor = f"<@{people.handler.user_id}>"
    assert (await logged(g))[-1] == t(
        g, "transfer-log-opener", "fr", number=1, member=mention, actor=actor
    )
    info = await run(people.staff, channel, "info", locale)
    history = fields(info)[t(g, "staff-info-history", locale)]
    assert t(g, "transfer-event-opener", locale, actor=actor, member=mention) in history
    same = await _hand(people.handler, channel, new, locale)
    assert same.content == t(g, "transfer-opener-unchanged", locale, member=mention)

    # The previous member can be removed now, as any added member.
    removed = await run(people.handler, channel, "remove", locale, member=old.user_id)
    assert removed.content == t(
        g, "staff-member-removed-reply", locale, member=f"<@{old.user_id}>", number=1
    )
    assert not old.can_view(channel) and new.can_view(channel)


async def test_a_thread_ticket_handed_over_adds_the_member_to_the_thread(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    thread = await opened(g, await click_partnership(g, people.opener))
    assert not people.other.can_view(thread)
    await _hand(people.owner, thread, people.other, "fr")
    assert people.other.can_view(thread)
    assert (await stored(g, thread)).opener_id == people.other.user_id
