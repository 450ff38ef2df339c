"""Issue 16 end to end: /ticket stats [period] [member]: counts, median times (to the first
claim, to the close) and per-handler figures, over the systems the viewer handles, written
by Babel in the viewer's language; members may not see them."""

from __future__ import annotations

from pathlib import Path

import babel.dates
import pytest

from bot.i18n.dates import babel_locale
from bot.sandbox.actors import Actor
from bot.sandbox.state import Message
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import answered, cast, fields, run, stored, ticket_for
from tests.e2e.tickets_helpers import close_by_command, eventually, start_tickets, t

pytestmark = pytest.mark.e2e


async def _stats(actor: Actor, locale: str, **options: object) -> Message:
    exchange = await actor.slash(
        "ticket", "stats", options=options, channel=777777777777777777, locale=locale
    )
    return await answered(exchange)


def _duration(seconds: float, locale: str) -> str:
    return babel.dates.format_timedelta(seconds, threshold=1.5, locale=babel_locale(locale))


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_figures_in_the_viewer_s_language(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    first = await ticket_for(g, people)
    await ticket_for(g, people, people.other)
    await run(people.handler, first, "claim", locale)
    ticket = await stored(g, first)
    await close_by_command(people.handler, first, "done", locale=locale)
    repo = TicketRepository(g.db)

    async def closed() -> object:
        found = await repo.get(ticket.id)
        return found if found is not None and found.closed_at is not None else None

    done = await eventually(closed)
    [claim] = [e for e in await repo.list_events(ticket.id) if e.kind.value == "claimed"]

    shown = await _stats(people.staff, locale)
    embed = shown.embeds[0]
    period = t(g, "cmd-ticket-stats-choice-week", locale)
    assert embed["title"] == t(g, "stats-title", locale, period=period)
    got = fields(shown)
    assert got[t(g, "stats-opened", locale)] == "2"
    assert got[t(g, "stats-closed", locale)] == "1"
    assert got[t(g, "stats-still-open", locale)] == "1"
    to_claim = (claim.at - ticket.created_at).total_seconds()
    assert got[t(g, "stats-first-claim", locale)] == _duration(to_claim, locale)
    to_close = (done.closed_at - ticket.created_at).total_seconds()
    assert got[t(g, "stats-resolution", locale)] == _duration(to_close, locale)
    line = t(
        g,
        "stats-handler-line",
        locale,
        member=f"<@{people.handler.user_id}>",
        closed=1,
        median=_duration(to_close, locale),
    )
    assert got[t(g, "stats-handlers", locale)] == line

    mine = fields(await _stats(people.owner, locale, member=people.handler.user_id, period="all"))
    assert mine[t(g, "stats-opened", locale)] == "1"  # only the one they handled
    today = fields(await _stats(people.owner, locale, period="day"))
    assert today[t(g, "stats-opened", locale)] == "2"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_may_not_see_the_figures(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g: Guichet = await start_tickets(start_guichet, workspace)
    people = cast(g)
    await ticket_for(g, people)
    for member in (people.opener, people.other):
        refused = await _stats(member, locale)
        assert refused.content == t(g, "tickets-staff-only", locale) and not refused.embeds
    empty = fields(await _stats(people.handler, locale, period="all"))
    assert empty[t(g, "stats-resolution", locale)] == t(g, "stats-none", locale)
