"""Issue 15 end to end: working hours with the real bot against the emulator, the clock set
and advanced (never slept). Out of hours a member's opening goes ahead with a notice, or is
refused, saying in their language when the team is back (Discord timestamps); two time zones
at the same instant; an exception date; a restart; staff opening for a member go ahead."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.autoclose_messages import timestamp
from bot.sandbox.actors import Exchange
from tests.clocks import FakeClock
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import (
    AUTOMATIC,
    NO_PARTNERS_COOLDOWN,
    NO_SUPPORT_COOLDOWN,
    SUPPORT_PANEL,
    click_partnership,
    opened,
    panel,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

# Tuesday 1 December 2026, 18:30 UTC: 19:30 in Paris (closed since 18:00), 13:30 in New York
# (the lunch break, 12:00-14:00).
TUESDAY_EVENING = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
PARIS_WEDNESDAY_9 = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
NEW_YORK_TUESDAY_14 = datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
# Thursday 24 December 2026 (an exception: 09:00-12:00), Friday 25 (closed), then the weekend.
CHRISTMAS_EVE_11 = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)  # 11:00 in Paris
PARIS_MONDAY_28_9 = datetime(2026, 12, 28, 8, 0, tzinfo=UTC)


def hours(zone: str, outside: str) -> str:
    weekday = "09:00-12:00, 14:00-18:00"
    days = "".join(
        f"        {day}: {weekday}\n"
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
    )
    return (
        f"    working_hours:\n      time_zone: {zone}\n      schedule:\n{days}"
        "      exceptions:\n"
        "        - date: 2026-12-24\n          hours: 09:00-12:00\n"
        "        - {date: 2026-12-25}\n"
        f"      outside: {outside}\n"
    )


def support_hours(zone: str, outside: str) -> tuple[str, str]:
    anchor = "    enabled: true\n    topics:\n      billing:\n"
    return (anchor, hours(zone, outside) + anchor)


def partners_hours(zone: str, outside: str) -> tuple[str, str]:
    return ("    transcripts: false\n", "    transcripts: false\n" + hours(zone, outside))


def notice(g: Guichet, locale: str, back: datetime) -> str:
    return t(g, "hours-notice", locale, opens=timestamp(back, "F"), relative=timestamp(back, "R"))


def refused(g: Guichet, locale: str, back: datetime) -> str:
    return t(g, "hours-refused", locale, opens=timestamp(back, "F"), relative=timestamp(back, "R"))


async def started_at(
    start_guichet: StartGuichet,
    workspace: Path,
    moment: datetime,
    *replacements: tuple[str, str],
    **options: bool,
) -> tuple[Guichet, FakeClock]:
    """The bot on the example with ``replacements``, its clock (and Discord's) at ``moment``."""
    clock = FakeClock(moment)
    g = await start_tickets(start_guichet, workspace, *replacements, clock=clock, **options)
    return g, clock


async def created(g: Guichet, exchange: Exchange, locale: str) -> tuple[str, str]:
    """(the answer, "your ticket is open" for the channel it links to)."""
    channel = await opened(g, exchange)
    return await reply_text(exchange), t(g, "tickets-created", locale, channel=f"<#{channel.id}>")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_notice_in_two_time_zones_at_the_same_instant(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, clock = await started_at(
        start_guichet,
        workspace,
        TUESDAY_EVENING,
        support_hours("Europe/Paris", "notice"),
        partners_hours("America/New_York", "notice"),
    )
    member = g.member(locale)

    answer, open_text = await created(g, await pick(g, member, "other"), locale)
    assert answer == open_text + "\n" + notice(g, locale, PARIS_WEDNESDAY_9)
    answer, open_text = await created(g, await click_partnership(g, member), locale)
    assert answer == open_text + "\n" + notice(g, locale, NEW_YORK_TUESDAY_14)

    clock.value = NEW_YORK_TUESDAY_14  # New York is back from lunch; Paris is still closed
    answer, open_text = await created(g, await click_partnership(g, member), locale)
    assert answer == open_text
    answer, open_text = await created(g, await pick(g, member, "other"), locale)
    assert answer == open_text + "\n" + notice(g, locale, PARIS_WEDNESDAY_9)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_refused_out_of_hours_but_staff_may_open_for_a_member(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, _ = await started_at(
        start_guichet, workspace, TUESDAY_EVENING, support_hours("Europe/Paris", "refuse")
    )
    member = g.member(locale)
    mark = g.emulator.recorder.mark()

    exchange = await pick(g, member, "other")
    assert await reply_text(exchange) == refused(g, locale, PARIS_WEDNESDAY_9)
    # A topic with questions: refused before its dialog, not after the member typed answers.
    exchange = await pick(g, member, "billing")
    assert exchange.modal is None
    assert await reply_text(exchange) == refused(g, locale, PARIS_WEDNESDAY_9)
    exchange = await member.slash("ticket", "open", options={"topic": "support:other"})
    assert await reply_text(exchange) == refused(g, member.locale, PARIS_WEDNESDAY_9)
    assert ticket_channels(g) == []
    # What a refusal costs Discord: each interaction's answer, one request (no defer, no
    # channel, no log line).
    callback = "/interactions/{interaction_id}/{interaction_token}/callback"
    assert [r.route for r in g.emulator.recorder.since(mark)] == [callback] * 3

    staff = g.actor(g.server().staff[0].user.id)
    exchange = await staff.slash(
        "ticket", "create", options={"member": member.user_id, "topic": "support:other"}
    )
    channel = await opened(g, exchange)
    assert await reply_text(exchange) == t(
        g,
        "tickets-created-for",
        staff.locale,
        channel=f"<#{channel.id}>",
        member=f"<@{member.user_id}>",
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_an_exception_date_across_a_restart(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """Christmas Eve closes at noon in Paris, Christmas Day is closed, then the weekend: the
    member is sent to Monday 28, before and after the bot restarts."""
    g, clock = await started_at(
        start_guichet, workspace, CHRISTMAS_EVE_11, support_hours("Europe/Paris", "refuse")
    )
    member = g.member(locale)
    answer, open_text = await created(g, await pick(g, member, "other"), locale)
    assert answer == open_text  # 11:00: the exception's hours

    clock.advance(hours=3)  # 14:00 on a Thursday, but not this one
    assert await reply_text(await pick(g, member, "other")) == refused(g, locale, PARIS_MONDAY_28_9)
    await g.restart()
    clock.advance(days=1)  # Christmas Day, 14:00
    assert await reply_text(await pick(g, member, "other")) == refused(g, locale, PARIS_MONDAY_28_9)
    clock.value = PARIS_MONDAY_28_9
    answer, open_text = await created(g, await pick(g, member, "other"), locale)
    assert answer == open_text
    assert len(ticket_channels(g)) == 2


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_request_for_approval_out_of_hours_is_sent_with_the_notice(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, _ = await started_at(
        start_guichet,
        workspace,
        TUESDAY_EVENING,
        NO_SUPPORT_COOLDOWN,
        NO_PARTNERS_COOLDOWN,
        support_hours("Europe/Paris", "notice"),
        defaults=False,  # approval stays manual
    )
    assert AUTOMATIC[0] in g.server_file().read_text(encoding="utf-8")
    member = g.member(locale)
    exchange = await pick(g, member, "other")
    sent = t(g, "approval-sent", locale)
    assert await reply_text(exchange) == sent + "\n" + notice(g, locale, PARIS_WEDNESDAY_9)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_hours_added_by_a_reload_apply_at_the_next_click_and_leave_the_panel_alone(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g, _ = await started_at(start_guichet, workspace, TUESDAY_EVENING)
    member = g.member(locale)
    answer, open_text = await created(g, await pick(g, member, "other"), locale)
    assert answer == open_text  # no working hours: always open
    support_panel = panel(g, SUPPORT_PANEL)
    shown = (support_panel.content, support_panel.embeds, support_panel.components)

    g.edit(g.server_file(), *support_hours("Europe/Paris", "refuse"))
    await logged(g)  # the opening's log line, posted after its answer
    mark = g.emulator.recorder.mark()
    assert g.bot is not None
    await g.bot.reload()
    assert [r for r in g.emulator.recorder.since(mark) if r.method != "GET"] == []
    assert (support_panel.content, support_panel.embeds, support_panel.components) == shown
    assert await reply_text(await pick(g, member, "other")) == refused(g, locale, PARIS_WEDNESDAY_9)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_the_notice_across_new_yorks_spring_change(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """New York moves to summer time on Sunday 8 March 2026: from Saturday, Monday's 09:00 is
    13:00 UTC, no longer 14:00."""
    saturday = datetime(2026, 3, 7, 18, 0, tzinfo=UTC)
    g, _ = await started_at(
        start_guichet, workspace, saturday, support_hours("America/New_York", "notice")
    )
    answer, open_text = await created(g, await pick(g, g.member(locale), "other"), locale)
    monday_9 = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
    assert answer == open_text + "\n" + notice(g, locale, monday_9)
