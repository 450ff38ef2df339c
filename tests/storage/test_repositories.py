"""Panels, command sync, approvals, transcripts and cooldowns."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from bot.config.specs import Style
from bot.domain.records import CommandSyncRecord, PanelRecord
from bot.domain.tickets import ApprovalStatus, EventKind, Refusal, TicketError
from bot.reconcile.port import PanelStore
from bot.storage import (
    ApprovalRepository,
    CommandSyncRepository,
    CooldownRepository,
    Database,
    NewApproval,
    NewTicket,
    PanelRepository,
    TicketRepository,
    TranscriptRepository,
)

if TYPE_CHECKING:
    from conftest import FakeClock


async def test_panels(db: Database) -> None:
    panels: PanelStore = PanelRepository(db)  # the reconciler's port, statically checked
    a = PanelRecord(1, "support", 10, 100, "h1")
    b = PanelRecord(1, "applications", 11, 101, "h2")
    c = PanelRecord(2, "support", 20, 200, "h3")
    for record in (a, b, c):
        await panels.upsert(record)
    assert await panels.list_for_guild(1) == [b, a]
    assert await panels.list_all() == [b, a, c]
    moved = PanelRecord(1, "support", 12, 102, "h4")
    await panels.upsert(moved)
    assert await panels.list_for_guild(1) == [b, moved]
    await panels.delete(1, "support")
    await panels.delete(1, "support")
    assert await panels.list_for_guild(1) == [b]


async def test_command_sync(db: Database) -> None:
    syncs = CommandSyncRepository(db)
    assert await syncs.get("global") is None
    await syncs.put(CommandSyncRecord("global", "abc"))
    await syncs.put(CommandSyncRecord("123", "def"))
    await syncs.put(CommandSyncRecord("global", "xyz"))
    assert await syncs.get("global") == CommandSyncRecord("global", "xyz")
    assert await syncs.get("123") == CommandSyncRecord("123", "def")


REQUEST = NewApproval(
    guild_id=1,
    system_id="applications",
    topic_id="staff",
    member_id=50,
    locale="en-US",
    request_key="i-1",
    reason="I want to help",
    answers=(("age", "20"),),
)


async def test_approval_lifecycle(db: Database, clock: FakeClock) -> None:
    approvals = ApprovalRepository(db)
    request, created = await approvals.create(REQUEST)
    assert created and request.status is ApprovalStatus.PENDING
    assert request.answers == (("age", "20"),)
    again, created = await approvals.create(REQUEST)
    assert not created and again == request
    other, _ = await approvals.create(
        NewApproval(1, "applications", "staff", 51, "fr", request_key="i-2")
    )

    await approvals.set_message(request.id, 9000)
    assert (await approvals.get_by_message(9000)).id == request.id
    assert [r.id for r in await approvals.list_pending(1)] == [request.id, other.id]
    assert await approvals.count_pending_for_member(1, "applications", 50) == 1

    clock.advance(minutes=3)
    accepted = await approvals.accept(request.id, 7)
    assert accepted.status is ApprovalStatus.ACCEPTED
    assert (accepted.decided_by, accepted.decided_at) == (7, clock.value)
    with pytest.raises(TicketError) as caught:
        await approvals.refuse(request.id, 8, "too late")
    assert caught.value.code is Refusal.ALREADY_DECIDED
    assert caught.value.details == {"status": "accepted", "decided_by": 7}

    refused = await approvals.refuse(other.id, 8, "not now")
    assert (refused.status, refused.refuse_reason) == (ApprovalStatus.REFUSED, "not now")
    assert await approvals.list_pending(1) == []

    ticket = await TicketRepository(db).reserve(
        NewTicket(1, "applications", "staff", 50, Style.THREAD, "en-US", "approval:1")
    )
    await approvals.set_ticket(request.id, ticket.ticket.id)
    assert (await approvals.get(request.id)).ticket_id == ticket.ticket.id
    with pytest.raises(TicketError) as caught:
        await approvals.accept(9999, 7)
    assert caught.value.code is Refusal.NOT_FOUND


async def test_two_staff_deciding_at_once(db: Database) -> None:
    approvals = ApprovalRepository(db)
    request, _ = await approvals.create(REQUEST)
    results = await asyncio.gather(
        approvals.accept(request.id, 1), approvals.refuse(request.id, 2), return_exceptions=True
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1


async def test_transcripts(db: Database) -> None:
    tickets = TicketRepository(db)
    ticket = (
        await tickets.reserve(NewTicket(1, "support", "bug", 50, Style.CHANNEL, "fr", "k"))
    ).ticket
    transcripts = TranscriptRepository(db)
    first = await transcripts.add(
        ticket.id, html="<p>été</p>", text="été", message_count=3, actor_id=7
    )
    second = await transcripts.add(
        ticket.id, html="<p>2</p>", text="2", message_count=5, actor_id=7
    )
    await transcripts.set_posted(first.id, channel_message_id=42, attachment_url="https://x/y")
    stored = await transcripts.get(first.id)
    assert (stored.html, stored.message_count, stored.channel_message_id) == ("<p>été</p>", 3, 42)
    assert await transcripts.latest_for_ticket(ticket.id) == second
    assert [t.id for t in await transcripts.list_for_ticket(ticket.id)] == [first.id, second.id]
    events = [e for e in await tickets.list_events(ticket.id) if e.kind is EventKind.TRANSCRIPT]
    assert [e.data for e in events] == [{"transcript_id": first.id}, {"transcript_id": second.id}]


async def test_cooldowns(db: Database, clock: FakeClock) -> None:
    cooldowns = CooldownRepository(db)
    assert await cooldowns.last_opened(1, "support", 50) is None
    await cooldowns.touch(1, "support", 50, clock.value)
    await cooldowns.touch(1, "support", 51, clock.value - timedelta(days=2))
    later = clock.advance(minutes=5)
    await cooldowns.touch(1, "support", 50, later)
    assert await cooldowns.last_opened(1, "support", 50) == later
    assert await cooldowns.last_opened(1, "other", 50) is None
    assert await cooldowns.purge_before(later - timedelta(days=1)) == 1
    assert await cooldowns.last_opened(1, "support", 51) is None
    assert await cooldowns.clear(1, "support", 50)
    assert await cooldowns.last_opened(1, "support", 50) is None


async def test_panel_content_round_trips_and_may_be_absent(db):
    from bot.domain.records import PanelRecord
    from bot.storage import PanelRepository

    repo = PanelRepository(db)
    await repo.upsert(PanelRecord(1, "a", 2, 3, "h1", content='{"embeds":[]}'))
    await repo.upsert(PanelRecord(1, "b", 2, 4, "h2"))
    records = {r.panel_id: r for r in await repo.list_for_guild(1)}
    assert records["a"].content == '{"embeds":[]}'
    assert records["b"].content is None
