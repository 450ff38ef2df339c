"""Issue 15 end to end: an opener leaves the server. With ``on_leave: close`` their ticket closes
(the reason says why, in their language; the log says who closed it); with ``notify`` it stays
open and staff read it in the ticket and in the log channel (the server's language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.tickets import Ticket, TicketStatus
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import log_lines
from tests.e2e.test_autoclose import ticket_of
from tests.e2e.tickets_helpers import bot_messages, eventually, opened, pick, start_tickets, t

pytestmark = pytest.mark.e2e

CLOSE_ON_LEAVE = ("    on_leave: ignore", "    on_leave: close")
NOTIFY_ON_LEAVE = ("    on_leave: ignore", "    on_leave: notify")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_ticket_closes_when_its_opener_leaves(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, CLOSE_ON_LEAVE)
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))

    await member.leave_guild()

    async def closed() -> Ticket | None:
        found = await ticket_of(g, channel)
        return found if found.status is TicketStatus.CLOSED else None

    ticket = await eventually(closed, timeout=10)
    assert ticket.close_reason == t(g, "member-left-reason", locale)
    logged = t(g, "staff-log-closed", "fr", number=1, actor=f"<@{g.bot.user.id}>")  # type: ignore[union-attr]
    await g.emulator.wait_for(
        lambda: any(line.startswith(logged) for line in log_lines(g)), timeout=10
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_notified_staff_are_told_and_the_ticket_stays_open(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, NOTIFY_ON_LEAVE)
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    other = g.member("fr" if locale == "en-US" else "en-US")
    await opened(g, await pick(g, other, "other"))  # someone else's: untouched

    await member.leave_guild()
    mention = f"<@{member.user_id}>"
    notice = t(g, "member-left-notice", "fr", member=mention)  # staff read the server's language
    await g.emulator.wait_for(lambda: bot_messages(g, channel)[-1].content == notice, timeout=10)
    line = t(g, "staff-log-member-left", "fr", member=mention, number=1, channel=f"<#{channel.id}>")
    await g.emulator.wait_for(lambda: line in log_lines(g), timeout=10)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN
    assert not any("<@" + str(other.user_id) + ">" in x and "🚪" in x for x in log_lines(g))
