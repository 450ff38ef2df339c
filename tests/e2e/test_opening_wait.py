"""Issue 11, burst: members whose openings queue behind the rate limits all get their ticket,
are told in their language that it is being created while they wait, and never "retry
later" for the wait alone. The bot's global pacer is slowed to 5 requests a second, so a
burst of eight openings (about 20 requests) waits seconds, as 1,000 do on Discord's 50."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.discord_app.pacing import GlobalPacer
from bot.sandbox.actors import Actor, Exchange
from bot.sandbox.recorder import RecordedRequest
from bot.services import ticket_opening
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    click_partnership,
    pick,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

RATE = 5  # requests a second: 8 openings take about 4 s
NOTICE_AFTER = 1.5  # seconds; an opening alone takes well under it at that rate
LOCALES = ("en-US", "fr")
_LINK = re.compile(r"<#(\d+)>")


def _members(g: Guichet, count: int, prefix: str = "burst") -> list[tuple[Actor, str]]:
    guild = g.server().guild.id
    made = []
    for i in range(count):
        locale = LOCALES[i % 2]
        member = g.emulator.add_member(guild, f"{prefix}-{i}", locale=locale)
        made.append((g.emulator.actor(member.user.id, guild), locale))
    return made


async def _click(g: Guichet, member: Actor, index: int) -> Exchange:
    """Half open a channel ticket (the select's "other"), half a thread ticket."""
    return await (pick(g, member, "other") if index % 2 == 0 else click_partnership(g, member))


async def _final(g: Guichet, exchange: Exchange) -> str:
    """The answer once it links to the ticket (or gave up): not the notice before it."""

    def done() -> str | None:
        original = exchange.original
        text = original.content if original is not None else ""
        return text if text and not text.startswith("⏳") else None

    return await g.emulator.wait_for(done, timeout=30)


def _webhook_edits(g: Guichet, mark: int, exchange: Exchange) -> list[RecordedRequest]:
    """The requests that answered ``exchange`` after its deferral, in order."""
    token = exchange.interaction.token
    return [
        r
        for r in g.emulator.recorder.since(mark)
        if r.path.startswith("/webhooks/") and token in r.path and r.status < 300
    ]


async def test_a_burst_behind_the_rate_limits_opens_every_ticket_and_says_why_it_waits(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace, pacer=GlobalPacer(RATE, burst=1))
    assert g.bot is not None
    g.bot.ticket_ui.notice_after = NOTICE_AFTER
    # Discord gets 1 s to answer each request, far less than the queue lasts: the wait for a
    # turn is not counted (the deadline starts when a request leaves), so none fails for it.
    g.bot.ticket_port.deadline = 1.0
    members = _members(g, 8)
    mark = g.emulator.recorder.mark()

    exchanges = [await _click(g, member, i) for i, (member, _) in enumerate(members)]
    finals = [await _final(g, exchange) for exchange in exchanges]

    noticed = []
    for (_, locale), exchange, final in zip(members, exchanges, finals, strict=True):
        link = _LINK.search(final)
        assert link is not None, final  # a ticket for everyone: nobody told to retry
        assert final == t(g, "tickets-created", locale, channel=link.group(0))
        assert int(link.group(1)) in g.emulator.state.channels
        edits = _webhook_edits(g, mark, exchange)
        notice = t(g, "opening-wait-slowed", locale)
        said = [r.body.get("content") for r in edits]
        assert said[-1] == final
        if len(said) == 2:  # told once, in the member's language, then answered in its place
            assert said[0] == notice
            assert [r.method for r in edits] == ["PATCH", "PATCH"]
            noticed.append(locale)
        else:
            assert said == [final]
        assert exchange.followups == []  # one message: the notice turned into the answer
    # The last two to click (en-US and fr) wait about 4 s at 5 requests a second: told.
    assert len(noticed) >= 2
    assert [len(_webhook_edits(g, mark, e)) for e in exchanges[-2:]] == [2, 2]
    pending = await g.db.fetch_value("SELECT count(*) FROM tickets WHERE creation <> 'active'")
    assert pending == 0
    assert await g.db.fetch_value("SELECT count(*) FROM tickets") == len(members)

    # Alone, with nothing queued before it, an opening is quick: no notice, the usual answer.
    await g.bot.log_queue.settled(timeout=30)
    [(alone, _)] = _members(g, 1, prefix="alone")
    mark = g.emulator.recorder.mark()
    exchange = await pick(g, alone, "other")
    final = await _final(g, exchange)
    assert [r.body.get("content") for r in _webhook_edits(g, mark, exchange)] == [final]


@pytest.mark.parametrize("locale", LOCALES)
async def test_staff_opening_for_a_member_behind_the_queue_is_told_it_is_being_created(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """``/ticket create member:`` queued behind members' openings begun before it: staff
    are told the ticket (not "your ticket") is being created, then get its link."""
    g = await start_tickets(start_guichet, workspace, pacer=GlobalPacer(RATE, burst=1))
    assert g.bot is not None
    g.bot.ticket_ui.notice_after = 0.3
    [(member, _)] = _members(g, 1, prefix="for")
    earlier = [await _click(g, m, i) for i, (m, _) in enumerate(_members(g, 4, prefix="busy"))]
    owner = g.actor(g.server().owner.user.id)
    mark = g.emulator.recorder.mark()

    exchange = await owner.slash(
        "ticket",
        "create",
        options={"member": member.user_id, "topic": "support:other"},
        locale=locale,
    )
    final = await _final(g, exchange)

    link = _LINK.search(final)
    assert link is not None, final
    mention = f"<@{member.user_id}>"
    assert final == t(g, "tickets-created-for", locale, channel=link.group(0), member=mention)
    said = [r.body.get("content") for r in _webhook_edits(g, mark, exchange)]
    assert said == [t(g, "opening-wait-slowed-for", locale), final]
    for before in earlier:  # the openings it queued behind opened too
        assert _LINK.search(await _final(g, before))


async def test_openings_out_of_time_behind_the_queue_are_told_and_leave_nothing(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opening still waiting for its turn at its deadline (10 minutes; 1.5 s here) is
    undone and the member told to retry, in their language; a request that never left
    leaves nothing to look for, so the bot is quiet at once: no pending row, no queued
    deletion or search, no channel without its ticket."""
    monkeypatch.setattr(ticket_opening, "OPENING_DEADLINE", 1.5)
    g = await start_tickets(start_guichet, workspace, pacer=GlobalPacer(RATE, burst=1))
    members = _members(g, 8)

    exchanges = [await _click(g, member, i) for i, (member, _) in enumerate(members)]
    finals = [await _final(g, exchange) for exchange in exchanges]

    told = [
        final == t(g, "tickets-retry-later", locale)
        for (_, locale), final in zip(members, finals, strict=True)
    ]
    opened = [bool(_LINK.search(final)) for final in finals]
    assert all(a != b for a, b in zip(told, opened, strict=True)), finals
    assert opened[0] and told[-1]  # the first to click in time; the last, 4 s away, not
    assert {locale for (_, locale), late in zip(members, told, strict=True) if late} == set(LOCALES)
    cleanups = await g.db.fetch_value("SELECT count(*) FROM channel_cleanups")
    pending = await g.db.fetch_value("SELECT count(*) FROM tickets WHERE creation = 'pending'")
    assert (cleanups, pending) == (0, 0)
    recorded = {row[0] for row in await g.db.fetch_all("SELECT channel_id FROM tickets") if row[0]}
    assert {c.id for c in ticket_channels(g)} == recorded
    assert len(recorded) == sum(opened)
