"""The dashboard's reads on both engines: filters, each sort with its keyset pages (every
ticket once, in order, however deep), counts per status, and transcript search with its
highlighted passage, limited to the guild and the visible systems."""

from __future__ import annotations

from dataclasses import replace

from bot.config.specs import Style
from bot.domain.ticket_browse import BrowseFilter, Cursor, Sort, search_terms, split_marked
from bot.domain.tickets import Priority, TicketStatus
from bot.storage import Database, TicketRepository, TranscriptRepository
from bot.storage.ticket_browse import TicketBrowser
from bot.storage.tickets import NewTicket
from tests.storage.conftest import FakeClock

GUILD = 10
PRIORITIES = [Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT]


async def _seed(db: Database, clock: FakeClock) -> TicketRepository:
    repo = TicketRepository(db)
    for i in range(23):
        new = NewTicket(
            guild_id=GUILD if i != 22 else 11,
            system_id="support" if i % 3 else "partners",
            topic_id="billing",
            opener_id=100 + i % 4,
            style=Style.CHANNEL,
            locale="en-US",
            request_key=f"k{i}",
            priority=PRIORITIES[i % 4],
        )
        ticket = (await repo.reserve(new)).ticket
        await repo.activate(ticket.id, 1000 + i)
        clock.advance(hours=1)
        if i % 5 == 0:
            await repo.close(ticket.id, 1, reason=None)
        elif i % 5 == 1:
            await repo.claim(ticket.id, 7)
    return repo


async def _walk(browser: TicketBrowser, filters: BrowseFilter, sort: Sort) -> list[int]:
    seen: list[int] = []
    after: Cursor | None = None
    while True:
        page = await browser.page(GUILD, filters, sort=sort, after=after, limit=4)
        seen += [t.number for t in page.tickets]
        if page.next_cursor is None:
            return seen
        after = Cursor.decode(page.next_cursor.encode())


async def test_sorts_page_through_everything_once(db: Database, clock: FakeClock) -> None:
    repo = await _seed(db, clock)
    browser = TicketBrowser(db)
    everything = BrowseFilter()
    assert await _walk(browser, everything, Sort.NEWEST) == list(range(22, 0, -1))
    assert await _walk(browser, everything, Sort.OLDEST) == list(range(1, 23))
    by_priority = await _walk(browser, everything, Sort.PRIORITY)
    tickets = {t.number: t for t in await repo.find(GUILD, limit=100)}
    ranks = [PRIORITIES.index(tickets[n].priority) for n in by_priority]
    assert sorted(by_priority) == list(range(1, 23)) and ranks == sorted(ranks, reverse=True)
    closed = await _walk(browser, everything, Sort.CLOSED)
    assert closed == sorted((n for n, t in tickets.items() if t.closed_at), reverse=True)


async def test_filters_and_counts(db: Database, clock: FakeClock) -> None:
    await _seed(db, clock)
    browser = TicketBrowser(db)
    page = await browser.page(GUILD, BrowseFilter(statuses=frozenset({TicketStatus.CLOSED})))
    assert {t.status for t in page.tickets} == {TicketStatus.CLOSED}
    # Counts ignore the status filter (they are the tabs), not the others.
    assert page.counts[TicketStatus.CLOSED] == len(page.tickets) == 5
    assert page.total == 22
    mine = await browser.page(GUILD, BrowseFilter(claimed_by=7))
    assert mine.tickets and {t.claimed_by for t in mine.tickets} == {7}
    nobody = await browser.page(GUILD, BrowseFilter(claimed_by=0))
    assert len(nobody.tickets) + len(mine.tickets) == 22
    partners = BrowseFilter(visible_systems=frozenset({"partners"}))
    seen = await browser.page(GUILD, partners)
    assert {t.system_id for t in seen.tickets} == {"partners"} and seen.total == 8
    first = min(t.created_at for t in seen.tickets)
    since = replace(partners, opened_from=first.replace(microsecond=0), opener_id=100)
    assert {t.opener_id for t in (await browser.page(GUILD, since)).tickets} == {100}


async def test_search_highlights_within_access(db: Database, clock: FakeClock) -> None:
    repo = await _seed(db, clock)
    transcripts = TranscriptRepository(db)
    tickets = await repo.find(GUILD, limit=100)
    by_system = {t.system_id: t for t in tickets}
    text = "Member: my invoice <b>was</b> charged twice\nStaff: refund sent"
    await transcripts.add(by_system["support"].id, html="<p>", text=text, message_count=2,
                          actor_id=1)  # fmt: skip
    await transcripts.add(by_system["partners"].id, html="<p>", text="another invoice",
                          message_count=1, actor_id=1)  # fmt: skip
    elsewhere = await repo.find(11, limit=1)
    await transcripts.add(elsewhere[0].id, html="<p>", text="invoice elsewhere",
                          message_count=1, actor_id=1)  # fmt: skip
    browser = TicketBrowser(db)
    hits = await browser.search(GUILD, search_terms("INVOICE charg"))
    assert [h.ticket.id for h in hits] == [by_system["support"].id]
    marked = [piece for piece, is_mark in hits[0].passage if is_mark]
    assert [m.lower() for m in marked] == ["invoice", "charged"]
    assert "was" in "".join(piece for piece, _ in hits[0].passage)  # PostgreSQL drops tags
    both = await browser.search(GUILD, ["invoice"])
    assert len(both) == 2  # not the other guild's
    only = await browser.search(GUILD, ["invoice"], visible_systems=frozenset({"partners"}))
    assert [h.ticket.system_id for h in only] == ["partners"]
    # Operators of either engine are only words here.
    assert await browser.search(GUILD, search_terms('" OR * NEAR( -')) == []
    assert await browser.search(GUILD, search_terms("NOT invoice")) == []


def test_marked_passages_split_safely() -> None:
    assert split_marked("a \ue000b\ue001 c") == (("a ", False), ("b", True), (" c", False))
    assert split_marked("\ue001x\ue000y") == (("x", False), ("y", True))


async def test_search_pages_newest_first(db: Database, clock: FakeClock) -> None:
    repo = await _seed(db, clock)
    transcripts = TranscriptRepository(db)
    [ticket] = await repo.find(GUILD, limit=1)
    made = [
        (await transcripts.add(ticket.id, html="", text=f"refund {i}", message_count=1,
                               actor_id=1)).id
        for i in range(45)
    ]  # fmt: skip
    browser = TicketBrowser(db)
    seen: list[int] = []
    before = None
    while True:
        page = await browser.search(GUILD, ["refund"], before_transcript=before)
        if not page:
            break
        seen += [h.transcript_id for h in page]
        before = page[-1].transcript_id
    assert seen == sorted(made, reverse=True)
