"""Issue 15 end to end: a ticket put on hold by staff reminds its opener once, in their
language, after the example's ``on_hold_reminder: 2d`` (across a restart); an answer in the
meantime, or the ticket taken off hold, makes it moot. The clock is advanced."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.autoclose_messages import timestamp
from bot.domain.tickets import TicketStatus
from bot.scheduler.core import CLAIM
from bot.services.reminders import KIND
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import run
from tests.e2e.test_autoclose import say, sweep, ticket_of, wall_clock
from tests.e2e.tickets_helpers import bot_messages, opened, pick, start_tickets, t

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("locale", "answers"), [("en-US", False), ("fr", False), ("fr", True)])
async def test_on_hold_reminds_the_opener_once_unless_they_answered(
    start_guichet: StartGuichet, workspace: Path, locale: str, answers: bool
) -> None:
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    handler = g.actor(g.server().staff[0].user.id)
    await run(handler, channel, "status", locale, value="on_hold")
    since = clock()
    if answers:
        clock.advance(hours=1)
        await say(g, member, channel, "Here is the order number")
    await g.restart()
    clock.advance(days=2, seconds=1)
    await sweep(g)
    text = t(g, "reminder-on-hold", locale, member=f"<@{member.user_id}>", since=timestamp(since))
    reminders = [m for m in bot_messages(g, channel) if m.content == text]
    assert len(reminders) == (0 if answers else 1)
    if reminders:
        assert reminders[0].mentions == [member.user_id]
    clock.advance(days=5)
    await sweep(g)
    assert len([m for m in bot_messages(g, channel) if m.content == text]) == len(reminders)
    assert (await ticket_of(g, channel)).status is TicketStatus.ON_HOLD


async def test_taken_off_hold_before_it_is_due(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))
    handler = g.actor(g.server().staff[0].user.id)
    await run(handler, channel, "status", "fr", value="on_hold")
    clock.advance(days=1)
    await run(handler, channel, "status", "fr", value="in_progress")
    before = len(bot_messages(g, channel))
    clock.advance(days=1, seconds=1)
    await sweep(g)
    assert len(bot_messages(g, channel)) == before


async def test_a_crash_between_posting_and_recording_reminds_once(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """The reminder was posted but the process died before its timer was finished: the timer
    is taken again once its claim lapses, and Discord's enforced nonce returns the first
    message instead of posting a second one."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))
    handler = g.actor(g.server().staff[0].user.id)
    await run(handler, channel, "status", "fr", value="on_hold")
    since = clock()
    clock.advance(days=2, seconds=1)
    assert g.bot is not None
    [taken] = await g.bot.timers.take_due(hold=CLAIM)
    await g.bot.reminders.run(taken)  # posted; the scheduler never hears of it (the crash)
    text = t(g, "reminder-on-hold", "fr", member=f"<@{member.user_id}>", since=timestamp(since))
    assert len([m for m in bot_messages(g, channel) if m.content == text]) == 1
    await g.restart()
    clock.advance(seconds=CLAIM.total_seconds() + 1)
    assert await sweep(g) == 1  # taken again: the claim lapsed
    assert len([m for m in bot_messages(g, channel) if m.content == text]) == 1
    assert await g.bot.timers.get(taken.ticket_id, KIND) is None  # finished this time
