"""Discord's word filter refuses a ticket's name made from the member's name: the ticket still
opens, once, under ``ticket-<number>``; when even that is refused, the member is told to retry
later and nothing is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Exchange
from bot.sandbox.state import ChannelType
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import (
    GUILD,
    bot_messages,
    click_partnership,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

CREATE_CHANNEL = "/guilds/{guild_id}/channels"
THREADS = "/channels/{channel_id}/threads"
# The support system names channels after the member, like the partners system names threads.
MEMBER_NAMED = ('channel_name: "{topic}-{number}"', 'channel_name: "{member}-{number}"')
NICK = "Badword Fan"  # what the filter refuses, as the member chose to be called


def _nicknamed(locale: str) -> object:
    def prepare(g: Guichet) -> None:
        g.server().member(locale).nick = NICK
        g.emulator.faults.refuse_names("badword")

    return prepare


async def _open(g: Guichet, style: str, locale: str) -> Exchange:
    member = g.member(locale)
    return await (pick(g, member, "other") if style == "channel" else click_partnership(g, member))


def _every_channel(g: Guichet) -> set[int]:
    return set(g.emulator.state.guilds[GUILD].channels)


@pytest.mark.parametrize("style", ["channel", "thread"])
@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_refused_member_name_falls_back_to_the_ticket_number(
    start_guichet: StartGuichet, workspace: Path, locale: str, style: str
) -> None:
    g = await start_tickets(start_guichet, workspace, MEMBER_NAMED, prepare=_nicknamed(locale))
    route = CREATE_CHANNEL if style == "channel" else THREADS
    before = _every_channel(g)
    mark = g.emulator.recorder.mark()

    exchange = await _open(g, style, locale)
    channel = await opened(g, exchange)

    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None and ticket.opener_id == exchange.actor.user_id
    assert channel.name == f"ticket-{ticket.number}"
    kind = ChannelType.GUILD_TEXT if style == "channel" else ChannelType.PRIVATE_THREAD
    assert channel.type == kind
    assert await reply_text(exchange) == t(g, "tickets-created", locale, channel=f"<#{channel.id}>")
    # The member-named attempt was refused, the fallback made the only channel: no orphan.
    creates = g.emulator.recorder.filter(method="POST", route=route, since=mark)
    refused_name = f"badword-fan-{ticket.number}" if style == "channel" else "partner-badword-fan"
    assert [(r.status, r.body["name"]) for r in creates] == [
        (400, refused_name),
        (201, f"ticket-{ticket.number}"),
    ]
    assert _every_channel(g) - before == {channel.id}
    assert [c.id for c in ticket_channels(g)] == [channel.id]
    assert int(await g.db.fetch_value("SELECT count(*) FROM tickets")) == 1
    # The ticket works as any other: its first message is there, for its opener.
    assert bot_messages(g, channel)
    assert exchange.actor.can_view(channel)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_refused_fallback_leaves_nothing_and_says_retry_later(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    def refuse_all(g: Guichet) -> None:
        g.emulator.faults.refuse_names(lambda name: True)

    g = await start_tickets(start_guichet, workspace, MEMBER_NAMED, prepare=refuse_all)
    before = _every_channel(g)
    mark = g.emulator.recorder.mark()

    exchange = await _open(g, "channel", locale)

    assert await reply_text(exchange) == t(g, "tickets-retry-later", locale)
    creates = g.emulator.recorder.filter(method="POST", route=CREATE_CHANNEL, since=mark)
    member_name = f"member-{locale.lower()}"
    assert [(r.status, r.body["name"]) for r in creates] == [
        (400, f"{member_name}-1"),
        (400, "ticket-1"),
    ]
    assert _every_channel(g) == before
    assert ticket_channels(g) == []
    assert int(await g.db.fetch_value("SELECT count(*) FROM tickets")) == 0
    # Staff learn why (in the server's French), since only they can change the name template.
    member = f"<@{exchange.actor.user_id}>"
    expected = t(
        g,
        "staff-log-open-failed",
        "fr",
        topic=g.runtime.catalog.translate(
            "topic-other", "fr", server="example", server_locale="fr"
        ),
        member=member,
        problem="name_refused",
        permissions="",
    )
    assert (await logged(g))[-1] == expected
