"""Issue 15 end to end: ``/ticket close-request [reason] [delay]`` by staff, answered by the
opener (Close it, Keep it open) or by nobody (the delay runs out, across a restart), in en-US
and fr; members may not ask, and only the opener may answer. The clock is advanced."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import Ticket, TicketStatus
from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from tests.clocks import FakeClock
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import log_lines, run
from tests.e2e.test_autoclose import sweep, ticket_of, wall_clock
from tests.e2e.tickets_helpers import (
    bot_messages,
    buttons,
    eventually,
    opened,
    pick,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e


def accept_id(ticket_id: int) -> str:
    return encode(Action.CLOSE_ACCEPT, ticket_id)


def keep_id(ticket_id: int) -> str:
    return encode(Action.CLOSE_REFUSE, ticket_id)


async def asked(g: Guichet, channel: Channel, locale: str, **options: str) -> tuple[str, Message]:
    """A handler runs the command (in ``locale``): their ephemeral answer, and the prompt."""
    handler = g.actor(g.server().staff[0].user.id)
    told = await run(handler, channel, "close-request", locale, **options)
    [prompt] = [
        m
        for m in bot_messages(g, channel)
        if any(b["custom_id"].startswith("guichet:close-accept:") for b in buttons(m))
    ]
    return told.content, prompt


async def ticket_for(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> tuple[Guichet, FakeClock, Actor, Channel, Ticket]:
    """The bot on the example, its clock, and a support ticket of a ``locale`` member."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    return g, clock, member, channel, await ticket_of(g, channel)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_accepted_by_the_opener_closes_with_the_staff_reason(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, member, channel, ticket = await ticket_for(start_guichet, workspace, locale)
    staff_id = g.server().staff[0].user.id

    told, prompt = await asked(g, channel, locale, reason="Refund sent", delay="2h")
    closes_at = clock() + timedelta(hours=2)
    when = f"<t:{int(closes_at.timestamp())}:R>"
    assert told == t(g, "close-request-posted", locale, member=f"<@{member.user_id}>", when=when)
    assert prompt.content == t(
        g,
        "close-request-prompt-reason",
        locale,
        member=f"<@{member.user_id}>",
        staff=f"<@{staff_id}>",
        reason="Refund sent",
        when=when,
    )
    assert prompt.mentions == [member.user_id]
    # Only the opener answers: the handler's click is refused, nothing changes.
    handler = g.actor(staff_id)
    refused = await handler.click(prompt, accept_id(ticket.id), locale=locale)
    assert (await refused.reply()).content == t(
        g, "close-request-not-opener", locale, member=f"<@{member.user_id}>"
    )

    await (await member.click(prompt, accept_id(ticket.id), locale=locale)).response()
    assert prompt.content == t(g, "close-request-accepted", locale, member=f"<@{member.user_id}>")
    assert prompt.components == []

    async def closed_now() -> Ticket | None:  # the close follows the answer to the click
        found = await ticket_of(g, channel)
        return found if found.status is TicketStatus.CLOSED else None

    closed = await eventually(closed_now, timeout=10)
    assert closed.close_reason == "Refund sent"
    assert closed.closed_by == member.user_id and not closed.is_deleted  # kept, as theirs
    logged = t(g, "staff-log-closed", "fr", number=1, actor=f"<@{member.user_id}>")
    await g.emulator.wait_for(
        lambda: any(line.startswith(logged) for line in log_lines(g)), timeout=10
    )
    clock.advance(hours=3)
    await sweep(g)  # nothing left to fire
    assert (await ticket_of(g, channel)).status is TicketStatus.CLOSED


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_kept_open_by_the_opener_then_the_delay_passes(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, member, channel, ticket = await ticket_for(start_guichet, workspace, locale)
    _, prompt = await asked(g, channel, locale)

    await (await member.click(prompt, keep_id(ticket.id), locale=locale)).response()
    assert prompt.content == t(g, "close-request-kept", locale, member=f"<@{member.user_id}>")
    assert prompt.components == []  # answered once: nothing left to click
    clock.advance(days=2)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_no_answer_closes_it_when_the_delay_runs_out_across_a_restart(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, _, channel, ticket = await ticket_for(start_guichet, workspace, locale)
    await asked(g, channel, locale, delay="12h")

    await g.restart()
    clock.advance(hours=11, minutes=59)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN
    clock.advance(minutes=2)
    await sweep(g)
    closed = await ticket_of(g, channel)
    assert closed.status is TicketStatus.CLOSED
    assert closed.close_reason == t(g, "close-request-expired-reason", locale)
    assert closed.closed_by == g.bot.user.id  # type: ignore[union-attr]
    # As a staff close of this delete-if-admin system: the channel is gone, the prompt with it.
    assert closed.is_deleted and channel.id not in g.emulator.state.channels
    assert ticket.id == closed.id


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_may_not_ask_and_a_bad_delay_is_explained(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, clock=wall_clock())
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    refused = await run(member, channel, "close-request", locale)
    assert refused.content == t(g, "close-request-staff-only", locale)
    handler = g.actor(g.server().staff[0].user.id)
    bad = await run(handler, channel, "close-request", locale, delay="soon")
    assert bad.content == t(g, "close-request-bad-delay", locale, delay="soon")
    too_long = await run(handler, channel, "close-request", locale, delay="90d")
    assert too_long.content == t(g, "close-request-bad-delay", locale, delay="90d")
    assert [m for m in bot_messages(g, channel) if "close-accept" in str(m.components)] == []
