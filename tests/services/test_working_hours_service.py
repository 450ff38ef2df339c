"""WorkingHoursService alone, on the real catalog and a fake clock: which hook speaks in which
mode, and the texts for a team that has no return planned (a spec validation would refuse,
built here by hand), in both locales."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.access import Actor
from bot.domain.autoclose_messages import timestamp
from bot.domain.ticket_messages import OutgoingMessage
from bot.domain.working_hours import DatedHours, Outside, TimeRange, WorkingHours
from bot.i18n import Catalog
from bot.services.working_hours import REFUSED, WorkingHoursService

from .conftest import MEMBER, FakeClock, make_server

NINE_TO_FIVE = (TimeRange(9 * 60, 17 * 60),)
WEEKDAYS = WorkingHours("UTC", (NINE_TO_FIVE,) * 5 + ((), ()))
MEMBER_ACTOR = Actor(user_id=MEMBER, role_ids=frozenset())
ANSWER = OutgoingMessage(content="Ticket: <#1>", ephemeral=True)


def service(catalog: Catalog, at: datetime) -> WorkingHoursService:
    clock = FakeClock()
    clock.value = at
    return WorkingHoursService(catalog.translate, clock=clock)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_each_mode_speaks_through_its_own_hook(catalog: Catalog, locale: str) -> None:
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    when = {"opens": timestamp(monday, "F"), "relative": timestamp(monday, "R")}
    notice = make_server(working_hours=WEEKDAYS)
    refuse = make_server(working_hours=WorkingHours("UTC", WEEKDAYS.week, (), Outside.REFUSE))
    hours = service(catalog, saturday)

    [system] = notice.systems[:1]
    assert await hours.opening_refusal(notice, system, MEMBER_ACTOR, locale=locale) is None
    told = hours.with_notice(notice, system, ANSWER, locale=locale)
    text = catalog.translate("hours-notice", locale, **when)
    assert told == OutgoingMessage(content=f"Ticket: <#1>\n{text}", ephemeral=True)

    [system] = refuse.systems[:1]
    refused = await hours.opening_refusal(refuse, system, MEMBER_ACTOR, locale=locale)
    assert refused is not None and refused.reason == REFUSED
    assert refused.reply.content == catalog.translate("hours-refused", locale, **when)
    assert refused.reply.ephemeral

    in_hours = service(catalog, monday)
    assert await in_hours.opening_refusal(refuse, system, MEMBER_ACTOR, locale=locale) is None
    assert in_hours.with_notice(notice, notice.systems[0], ANSWER, locale=locale) == ANSWER
    always = make_server()  # no working_hours: always open
    assert hours.with_notice(always, always.systems[0], ANSWER, locale=locale) == ANSWER


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_no_return_planned(catalog: Catalog, locale: str) -> None:
    """Only a past exception had hours: the texts say no return is planned."""
    once = DatedHours(date(2026, 1, 5), date(2026, 1, 5), NINE_TO_FIVE)
    closed = WorkingHours("UTC", ((),) * 7, (once,))
    hours = service(catalog, datetime(2026, 12, 5, tzinfo=UTC))
    server = make_server(working_hours=closed)
    told = hours.with_notice(server, server.systems[0], ANSWER, locale=locale)
    assert told.content == "Ticket: <#1>\n" + catalog.translate("hours-notice-no-return", locale)
    server = make_server(working_hours=WorkingHours("UTC", ((),) * 7, (once,), Outside.REFUSE))
    refused = await hours.opening_refusal(server, server.systems[0], MEMBER_ACTOR, locale=locale)
    assert refused is not None
    assert refused.reply.content == catalog.translate("hours-refused-no-return", locale)
