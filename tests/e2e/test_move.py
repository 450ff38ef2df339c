"""Issue 16 end to end: /ticket move topic: moves a ticket to another topic of its system or
to another system's: the category and handler roles follow, the first message speaks the new
topic, and everyone in the ticket stays (the opener, members added with /ticket add and by
hand). A thread cannot become a channel; members may not move tickets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import (
    answered,
    cast,
    first_message,
    let_in,
    logged,
    run,
    stored,
    ticket_for,
)
from tests.e2e.tickets_helpers import HANDLER_ROLE, STAFF_ROLE, start_tickets, t

pytestmark = pytest.mark.e2e

SALES_CATEGORY = 171717171717171717
SALES = (
    "  partners:\n",
    f"""  sales:
    style: channel
    category: {SALES_CATEGORY}
    handlers: [{HANDLER_ROLE}]
    topics:
      quote: {{label: topic-other}}

  partners:
""",
)


async def _move(actor: Actor, channel: Channel, topic: str, locale: str) -> Message:
    exchange = await actor.slash(
        "ticket", "move", options={"topic": topic}, channel=channel, locale=locale
    )
    return await answered(exchange)


def _label(g: Guichet, msg_id: str, locale: str) -> str:
    return g.runtime.catalog.translate(msg_id, locale, server="example", server_locale="fr")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_moved_ticket_keeps_everyone_in_it(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, SALES)
    people = cast(g)
    channel = await ticket_for(g, people)
    await run(people.handler, channel, "add", locale, member=people.other.user_id)
    by_hand = g.actor(g.emulator.add_member(123456789012345678, "guest", locale="fr").user.id)
    let_in(g, channel, by_hand)

    # Another topic of the same system: the first message speaks it, nobody moves.
    bug = _label(g, "topic-bug", locale)
    done = await _move(people.handler, channel, "support:bug", locale)
    assert done.content == t(g, "move-done", locale, topic=bug, number=1)
    ticket = await stored(g, channel)
    assert (ticket.system_id, ticket.topic_id) == ("support", "bug")
    assert _label(g, "topic-bug-welcome", "fr") in str(first_message(g, channel).embeds)
    actor = f"<@{people.handler.user_id}>"
    fr_bug = _label(g, "topic-bug", "fr")
    assert (await logged(g))[-1] == t(g, "move-log", "fr", number=1, topic=fr_bug, actor=actor)
    again = await _move(people.handler, channel, "support:bug", locale)
    assert again.content == t(g, "move-unchanged", locale, topic=bug)

    # Another system: its category and handler roles; every member overwrite stays.
    await _move(people.handler, channel, "sales:quote", locale)
    assert channel.parent_id == SALES_CATEGORY
    assert STAFF_ROLE not in channel.overwrites and HANDLER_ROLE in channel.overwrites
    for member in (people.opener, people.other, by_hand, people.handler):
        assert member.can_view(channel) and member.can_send(channel)
    assert (await stored(g, channel)).system_id == "sales"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_may_not_move_and_a_channel_never_becomes_a_thread(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    refused = await _move(people.opener, channel, "support:bug", locale)
    assert refused.content == t(g, "tickets-staff-only", locale)
    style = await _move(people.owner, channel, "partners:partnership", locale)
    assert style.content == t(g, "move-other-style", locale)
    unknown = await _move(people.owner, channel, "nowhere", locale)
    assert unknown.content == t(g, "tickets-unknown-topic", locale)
    ticket = await stored(g, channel)
    assert (ticket.system_id, ticket.topic_id) == ("support", "other")
