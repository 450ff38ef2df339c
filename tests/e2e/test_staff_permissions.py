"""Issue 6 end to end: who may use the staff commands. The opener and another member (who can
see the ticket channel) are refused in their language; a handler, an Administrator and the
owner get each command through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.domain.tickets import Priority, TicketStatus
from bot.storage import TicketRepository
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import (
    cast,
    fields,
    let_in,
    run,
    stored,
    ticket_for,
)
from tests.e2e.tickets_helpers import start_tickets, t

pytestmark = pytest.mark.e2e


def _commands(member_id: int) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("claim", {}),
        ("unclaim", {}),
        ("add", {"member": member_id}),
        ("remove", {"member": member_id}),
        ("status", {"value": "on_hold"}),
        ("priority", {"value": "high"}),
        ("note", {"text": "secret"}),
        ("info", {}),
        ("list", {}),
    ]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
@pytest.mark.parametrize("who", ["opener", "other"])
async def test_members_are_refused_every_staff_command(
    start_guichet: StartGuichet, workspace: Path, locale: str, who: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    let_in(g, channel, people.other)
    actor = people.by_name(who)
    refused = t(g, "tickets-staff-only", locale)

    for sub, options in _commands(people.admin.user_id):
        answer = await run(actor, channel, sub, locale, **options)
        assert answer.content == refused, sub
    answer = await run(actor, channel, "transcript", locale, number=1)
    assert answer.content == t(g, "error-staff-only", locale)

    ticket = await stored(g, channel)  # nothing changed
    assert ticket.status is TicketStatus.OPEN and ticket.priority is Priority.NORMAL
    assert ticket.claimed_by is None
    assert await TicketRepository(g.db).list_notes(ticket.id) == []


@pytest.mark.parametrize(
    ("who", "locale"), [("handler", "fr"), ("admin", "en-US"), ("owner", "fr"), ("staff", "en-US")]
)
async def test_staff_may_use_every_staff_command(
    start_guichet: StartGuichet, workspace: Path, who: str, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    actor = people.by_name(who)
    guest = people.other.user_id
    mention = f"<@{guest}>"

    async def say(sub: str, **options: Any) -> str:
        return (await run(actor, channel, sub, locale, **options)).content

    assert await say("claim") == t(g, "staff-claimed-reply", locale, number=1)
    assert await say("unclaim") == t(g, "staff-unclaimed-reply", locale, number=1)
    assert await say("add", member=guest) == t(
        g, "staff-member-added-reply", locale, member=mention, number=1
    )
    assert await say("remove", member=guest) == t(
        g, "staff-member-removed-reply", locale, member=mention, number=1
    )
    on_hold = t(g, "ticket-status-on-hold", locale)
    assert await say("status", value="on_hold") == t(
        g, "staff-status-reply", locale, number=1, status=on_hold
    )
    high = t(g, "ticket-priority-high", locale)
    assert await say("priority", value="high") == t(
        g, "staff-priority-reply", locale, number=1, priority=high
    )
    assert await say("note", text="Refund pending") == t(g, "staff-note-saved", locale, number=1)

    info = await run(actor, channel, "info", locale)
    assert info.embeds[0]["title"].startswith(t(g, "staff-info-title", locale, number=1, topic=""))
    assert fields(info)[t(g, "staff-field-status", locale)] == on_hold

    listed = await run(actor, channel, "list", locale)
    assert listed.embeds[0]["title"] == t(g, "staff-list-title", locale)
    assert f"<#{channel.id}>" in listed.embeds[0]["description"]

    none_yet = await run(actor, channel, "transcript", locale, number=1)
    assert none_yet.content == t(g, "transcript-none", locale, number=1)

    ticket = await stored(g, channel)
    assert ticket.status is TicketStatus.ON_HOLD and ticket.priority is Priority.HIGH


async def test_staff_commands_outside_a_ticket_say_so(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    lobby = 777777777777777777  # the support panel's channel: not a ticket
    for locale in ("en-US", "fr"):
        answer = await run(people.owner, lobby, "claim", locale)
        assert answer.content == t(g, "tickets-not-a-ticket", locale)
