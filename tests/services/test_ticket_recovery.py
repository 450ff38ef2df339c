"""A crash between channel creation and activation leaves no orphan channel: the pending row
names its channel, and ``recover_pending`` deletes both."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.access import Actor
from bot.domain.tickets import CreationState
from bot.services.tickets import TicketService
from bot.storage import TicketRepository

from .conftest import MEMBER, FakeClock, make_server
from .fakes import FakePort

SERVER = make_server()


class CrashingPort(FakePort):
    """The process dies (here: the task is cancelled) while the first message is sent."""

    async def send_message(self, channel_id, message):  # type: ignore[no-untyped-def]
        self._record("send_message", channel_id, message)
        raise asyncio.CancelledError


async def test_crash_after_channel_creation_is_cleaned_at_next_start(
    repo: TicketRepository, catalog, clock: FakeClock
) -> None:
    crashing = CrashingPort()
    service = TicketService(repo, crashing, catalog.translate, clock=clock)
    with pytest.raises(asyncio.CancelledError):
        await service.open_ticket(
            SERVER,
            "support",
            "billing",
            Actor(MEMBER, name="Zoé"),
            locale="fr",
            request_key="interaction-1",
        )
    [channel_id] = crashing.channels
    [pending] = await repo.list_pending(clock.advance(minutes=5))
    assert pending.creation is CreationState.PENDING
    assert pending.channel_id == channel_id

    # The next start: a port with the same Discord state, the crash is over.
    restarted = FakePort()
    restarted.channels = crashing.channels
    recovery = TicketService(repo, restarted, catalog.translate, clock=clock)
    assert await recovery.recover_pending() == 1

    assert restarted.channels == {}
    assert [c.args for c in restarted.calls_of("delete_channel")] == [(channel_id,)]
    assert await repo.get(pending.id) is None


async def test_channel_deleted_by_hand_frees_the_member(
    service: TicketService, repo: TicketRepository
) -> None:
    opened = await service.open_ticket(
        SERVER, "support", "billing", Actor(MEMBER), locale="fr", request_key="k1"
    )
    ticket = opened.ticket  # type: ignore[union-attr]
    assert await repo.count_open(ticket.guild_id, "support", MEMBER) == 1

    gone = await service.on_channel_deleted(ticket.channel_id)  # type: ignore[arg-type]

    assert gone is not None and gone.is_deleted
    assert await repo.count_open(ticket.guild_id, "support", MEMBER) == 0
    assert await service.on_channel_deleted(ticket.channel_id) is None  # type: ignore[arg-type]
