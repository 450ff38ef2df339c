"""Issue 15 end to end: auto-close on inactivity with the real bot against the emulator, the
clock advanced (never slept): a warning in the opener's language then a normal close, a
message or the Keep button cancelling it, a restart in between, and a backlog enabled."""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain import autoclose_messages
from bot.domain.autoclose_messages import keep_open_id, timestamp
from bot.domain.tickets import Ticket, TicketStatus
from bot.runtime import load_runtime
from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from bot.services.autoclose import KIND
from bot.storage import DatabaseTarget, TicketRepository
from bot.storage.timers import TimerRepository
from tests.clocks import FakeClock
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import logged, run
from tests.e2e.tickets_helpers import (
    bot_messages,
    buttons,
    edit_server,
    eventually,
    opened,
    pick,
    start_tickets,
    t,
)
from tests.processes import run as run_process

pytestmark = pytest.mark.e2e

# The example's support (a channel in a category; the opener's close keeps it, staff's deletes
# it) auto-closes: 3 days without the opener's answer, then 24 h of warning.
EXAMPLE = (Path(__file__).resolve().parents[2] / "servers" / "example.yaml").read_text("utf-8")
AUTO_CLOSE = re.search(r"^    auto_close:.*\n(?:      .*\n)+", EXAMPLE, re.MULTILINE)[0]  # type: ignore[index]
TRANSCRIPTS = 444444444444444444


def wall_clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


async def ticket_of(g: Guichet, channel: Channel) -> Ticket:
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    return ticket


def warnings(g: Guichet, channel: Channel, ticket_id: int) -> list[Message]:
    return [
        m
        for m in bot_messages(g, channel)
        if keep_open_id(ticket_id) in [b["custom_id"] for b in buttons(m)]
        or m.content.startswith("✅")
    ]


def warning_text(g: Guichet, ticket: Ticket, locale: str, closes_at: datetime) -> str:
    return t(
        g,
        "autoclose-warning",
        locale,
        member=f"<@{ticket.opener_id}>",
        when=timestamp(closes_at),
        at=timestamp(closes_at, "f"),
        who="member",
    )


async def say(g: Guichet, actor: Actor, channel: Channel, text: str) -> Message:
    """Post as ``actor`` and wait until the bot has heard it (its timer moved on)."""
    message = await actor.say(channel, text)
    ticket = await ticket_of(g, channel)
    timers = TimerRepository(g.db)

    async def heard() -> bool:
        timer = await timers.get(ticket.id, KIND)
        return timer is not None and timer.seen_message_id == message.id

    await eventually(heard, timeout=10)
    return message


async def sweep(g: Guichet) -> int:
    assert g.bot is not None
    return await g.bot.scheduler.run_due()


async def open_quiet_ticket(g: Guichet, locale: str) -> tuple[Channel, Ticket]:
    member = g.member(locale)
    channel = await opened(g, await pick(g, member, "other"))
    return channel, await ticket_of(g, channel)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_warned_in_the_openers_language_then_closed_across_a_restart(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    channel, ticket = await open_quiet_ticket(g, locale)
    await say(g, g.member(locale), channel, "Anyone there?")  # the clock starts from here

    clock.advance(days=2, hours=23)
    await sweep(g)
    assert warnings(g, channel, ticket.id) == []  # not quiet long enough yet

    clock.advance(hours=1, seconds=1)
    await sweep(g)
    [warning] = warnings(g, channel, ticket.id)
    closes_at = clock() + timedelta(hours=24)
    assert warning.content == warning_text(g, ticket, locale, closes_at)
    assert warning.mentions == [ticket.opener_id]  # the opener is pinged, nobody else
    await sweep(g)
    assert len(warnings(g, channel, ticket.id)) == 1  # a second sweep posts nothing more

    await g.restart()  # the warning's timer lives in the database
    clock.advance(hours=23)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN

    clock.advance(hours=1, seconds=1)
    await sweep(g)
    closed = await ticket_of(g, channel)
    assert closed.status is TicketStatus.CLOSED
    assert closed.close_reason == t(g, "autoclose-reason", locale)
    assert closed.closed_by == g.bot.user.id  # type: ignore[union-attr]
    # As a staff close: transcript, log line (the server speaks French), channel deleted.
    closed_line = t(g, "staff-log-closed", "fr", number=1, actor=f"<@{closed.closed_by}>")
    lines = await logged(g)  # queued lines, posted after the close
    assert any(line.startswith(closed_line) for line in lines), lines
    assert bot_messages(g, TRANSCRIPTS)
    assert closed.is_deleted and channel.id not in g.emulator.state.channels
    assert await TimerRepository(g.db).get(ticket.id, KIND) is None


async def warned(g: Guichet, clock: FakeClock, channel: Channel, ticket: Ticket) -> Message:
    """Three quiet days later: the warning."""
    clock.advance(days=3, seconds=1)
    await sweep(g)
    [warning] = warnings(g, channel, ticket.id)
    return warning


async def started(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> tuple[Guichet, FakeClock, Channel, Ticket]:
    """The bot on the example (support auto-closes) and a quiet ticket of a ``locale`` member."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    channel, ticket = await open_quiet_ticket(g, locale)
    return g, clock, channel, ticket


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_an_answer_cancels_the_warning_and_the_watch_starts_again(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, channel, ticket = await started(start_guichet, workspace, locale)
    warning = await warned(g, clock, channel, ticket)

    await say(g, g.member(locale), channel, "Still here!")
    edited = t(g, "autoclose-cancelled", locale, member=f"<@{ticket.opener_id}>")
    await g.emulator.wait_for(lambda: warning.content == edited, timeout=10)
    assert warning.components == []  # no button left to click

    clock.advance(days=1, hours=1)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN
    clock.advance(days=2)  # three quiet days after the answer: warned again
    await sweep(g)
    assert len([w for w in warnings(g, channel, ticket.id) if w.components]) == 1


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_keep_it_open_button_and_staff_messages_that_do_not_count(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, channel, ticket = await started(start_guichet, workspace, locale)
    # Only the opener's messages count by default: a handler's reply keeps nothing open.
    await g.actor(g.server().staff[0].user.id).say(channel, "Any news?")
    warning = await warned(g, clock, channel, ticket)
    member = g.member(locale)
    clicked = await member.click(warning, keep_open_id(ticket.id), locale=locale)
    await clicked.response()
    assert warning.content == t(g, "autoclose-cancelled", locale, member=f"<@{member.user_id}>")
    clock.advance(days=1, seconds=1)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_an_answer_while_the_bot_was_down_is_seen_at_restart(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock, channel, ticket = await started(start_guichet, workspace, locale)
    warning = await warned(g, clock, channel, ticket)
    await g.stop()
    await g.member(locale).say(channel, "Sorry, I was away")  # nobody hears it
    clock.advance(days=1, seconds=1)
    await g.start()  # the start-up sweep reads the messages after the warning first
    assert (await ticket_of(g, channel)).status is TicketStatus.OPEN
    assert warning.content == t(g, "autoclose-cancelled", locale, member=f"<@{ticket.opener_id}>")


async def test_on_hold_tickets_are_spared(start_guichet: StartGuichet, workspace: Path) -> None:
    g, clock, channel, ticket = await started(start_guichet, workspace, "fr")
    handler = g.actor(g.server().staff[0].user.id)
    await run(handler, channel, "status", "fr", value="on_hold")  # waiting for the member
    clock.advance(days=10)
    await sweep(g)
    assert warnings(g, channel, ticket.id) == []
    await run(handler, channel, "status", "fr", value="open")
    clock.advance(days=3, seconds=1)  # on hold until now: watched from the last sweep
    await sweep(g)
    assert len(warnings(g, channel, ticket.id)) == 1


def plan(g: Guichet, target: DatabaseTarget, lang: str) -> str:
    """``guichet plan`` as an admin runs it before merging: its own process, no token."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    env |= {
        "GUICHET_DATABASE": target.location,
        "GUICHET_SERVERS": str(g.servers_dir),
        "GUICHET_LOCALES": str(g.locales_dir),
        "LANG": lang,
    }
    done = run_process([sys.executable, "-m", "bot.cli", "plan"], cwd=g.root, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(("locale", "lang"), [("en-US", "C"), ("fr", "fr_FR.UTF-8")])
async def test_enabling_it_on_a_backlog_warns_first_and_closes_after_the_full_period(
    start_guichet: StartGuichet,
    workspace: Path,
    database_target: DatabaseTarget,
    locale: str,
    lang: str,
) -> None:
    # Eleven days ago, so that `guichet plan` (its own process, on the wall clock) sees the
    # same ages as the bot.
    clock = FakeClock(datetime.now(UTC) - timedelta(days=11))
    g = await start_tickets(start_guichet, workspace, (AUTO_CLOSE, ""), clock=clock)
    old, old_ticket = await open_quiet_ticket(g, locale)
    clock.advance(days=10)  # quiet for ten days before auto-close existed
    recent, recent_ticket = await open_quiet_ticket(g, "fr" if locale == "en-US" else "en-US")
    clock.advance(days=1)
    await g.stop()
    edit_server(workspace, ("    transcripts: true\n", "    transcripts: true\n" + AUTO_CLOSE))
    said = t(
        g,
        "plan-autoclose-backlog",
        locale,
        file="example",
        system="support",
        count=1,
        warning="1d",
    )
    assert said in plan(g, database_target, lang)  # one of the two is overdue

    g.runtime = load_runtime(g.servers_dir, g.locales_dir, strict_catalog=True)
    await g.start()  # arms the backlog, then sweeps: the overdue one is warned, none closed
    assert len(warnings(g, old, old_ticket.id)) == 1
    assert warnings(g, recent, recent_ticket.id) == []  # watched from its opening
    assert said not in plan(g, database_target, lang)  # nothing left to arm

    clock.advance(hours=23, minutes=59)
    await sweep(g)
    assert (await ticket_of(g, old)).status is TicketStatus.OPEN
    clock.advance(minutes=2)
    await sweep(g)
    assert (await ticket_of(g, old)).status is TicketStatus.CLOSED
    assert warnings(g, recent, recent_ticket.id) == []
    clock.advance(days=1)  # three days after its opening
    await sweep(g)
    assert len(warnings(g, recent, recent_ticket.id)) == 1


async def test_a_warning_posted_by_a_crashed_attempt_is_adopted_not_doubled(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """The process died between posting the warning and recording it: the timer comes back
    once its claim lapses, finds the warning among the messages it reads, and adopts it."""
    g, clock, channel, ticket = await started(start_guichet, workspace, "en-US")
    assert g.bot is not None
    timers = TimerRepository(g.db)
    clock.advance(days=3, seconds=1)
    [taken] = await timers.take_due(hold=timedelta(seconds=60))  # the attempt that dies
    server = g.runtime.servers[0]
    spec = server.system("support").auto_close  # type: ignore[union-attr]
    assert spec is not None
    closes_at = clock() + timedelta(hours=24)
    warning = autoclose_messages.warning(g.bot._translate, server, ticket, spec, closes_at)
    await g.bot.ticket_port.send_message(ticket.channel_id or 0, warning)  # then it dies
    await g.restart()
    clock.advance(seconds=61)  # the claim lapses
    await sweep(g)
    [posted] = warnings(g, channel, ticket.id)  # one warning, not two
    stored = await timers.get(ticket.id, KIND)
    assert stored is not None and (stored.stage, stored.message_id) == ("warned", posted.id)
    assert taken.version < stored.version
    clock.advance(hours=24)
    await sweep(g)
    assert (await ticket_of(g, channel)).status is TicketStatus.CLOSED
