"""Issue 16 end to end: overflow categories (a system's next category once one holds
Discord's 50 channels, then the next) and caps on open tickets per system and per server,
told to members in their language; staff may still open for a member."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.tickets import TicketStatus
from bot.sandbox.state import ChannelType
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import cast, ticket_for
from tests.e2e.tickets_helpers import (
    CATEGORY,
    GUILD,
    close_by_command,
    eventually,
    opened,
    reply_text,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

OVERFLOW_1, OVERFLOW_2 = 151515151515151515, 161616161616161616
CREATE_CHANNEL = "/guilds/{guild_id}/channels"
WITH_OVERFLOW = (
    "    category: 555555555555555555    # ...in this category\n",
    f"    category: 555555555555555555\n    overflow_categories: [{OVERFLOW_1}, {OVERFLOW_2}]\n",
)


def _fill(g: Guichet, category: int, up_to: int = 50) -> None:
    held = [c for c in g.emulator.state.channels.values() if c.parent_id == category]
    for index in range(up_to - len(held)):
        g.emulator.add_channel(GUILD, f"old-{category}-{index}", parent_id=category)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_full_categories_overflow_in_order_then_say_so(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet, workspace, WITH_OVERFLOW, prepare=lambda g: _fill(g, CATEGORY)
    )
    assert g.emulator.state.channels[OVERFLOW_2].type == ChannelType.GUILD_CATEGORY  # seeded

    mark = g.emulator.recorder.mark()
    first = await opened(
        g,
        await g.member(locale).slash(
            "ticket", "open", options={"topic": "support:other"}, locale=locale
        ),
    )
    assert first.parent_id == OVERFLOW_1
    # The cache knew the first category was full: one create call, not a refused one first.
    assert g.emulator.recorder.count("POST", CREATE_CHANNEL, since=mark) == 1

    _fill(g, OVERFLOW_1)
    people = cast(g)
    second = await ticket_for(g, people, g.member("fr" if locale == "en-US" else "en-US"))
    assert second.parent_id == OVERFLOW_2

    _fill(g, OVERFLOW_2)
    mark = g.emulator.recorder.mark()
    full = await g.member(locale).slash(
        "ticket", "open", options={"topic": "support:other"}, locale=locale
    )
    assert await reply_text(full) == t(g, "tickets-category-full", locale)
    assert g.emulator.recorder.count("POST", CREATE_CHANNEL, since=mark) == 0


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_caps_on_open_tickets_per_system_and_per_server(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet,
        workspace,
        ("    max_open_per_member: 2\n", "    max_open_per_member: 2\n    max_open_tickets: 1\n"),
        (
            "staff_roles: [222222222222222222]",
            "staff_roles: [222222222222222222]\nmax_open_tickets: 2",
        ),
    )
    people = cast(g)
    member, other = g.member(locale), people.other if locale == "en-US" else people.opener
    first = await opened(
        g, await member.slash("ticket", "open", options={"topic": "support:other"}, locale=locale)
    )

    refused = await other.slash("ticket", "open", options={"topic": "support:other"}, locale=locale)
    assert await reply_text(refused) == t(g, "capacity-system-full", locale, max=1)
    # Staff decide for themselves: the cap does not stop them.
    await ticket_for(g, people, other)
    # The server's cap (2) is now reached: the partners system refuses too.
    partners = await other.slash(
        "ticket", "open", options={"topic": "partners:partnership"}, locale=locale
    )
    assert await reply_text(partners) == t(g, "capacity-server-full", locale, max=2)

    closing = first.id
    await close_by_command(people.handler, first, "done", locale=locale)

    async def closed() -> bool:
        ticket = await TicketRepository(g.db).get_by_channel(closing)
        return ticket is not None and ticket.status is TicketStatus.CLOSED

    await eventually(closed)
    opened_again = await other.slash(
        "ticket", "open", options={"topic": "partners:partnership"}, locale=locale
    )
    assert "<#" in await reply_text(opened_again)
