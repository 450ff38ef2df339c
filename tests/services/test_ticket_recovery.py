"""Nothing half-made stays: a cancelled opening undoes itself, an opening left by a process
that is gone is recovered at the next start (its channel deleted, or looked for when its id
never came back), and a channel Discord would not delete waits in the clean-up queue."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.domain.access import Actor, OverwriteSpec, TargetType
from bot.domain.tickets import Ticket
from bot.services.cleanup import backoff
from bot.services.port import PortErrorKind
from bot.services.tickets import Refused, TicketService
from bot.storage import NewTicket, OpeningRepository, ProcessRepository, TicketRepository

from .conftest import CATEGORY, GUILD, MEMBER, FakeClock, make_server
from .fakes import FakePort

SERVER = make_server()


class CancelledPort(FakePort):
    """The shutdown deadline passes (the task is cancelled) while the first message is sent."""

    async def send_message(self, channel_id, message):  # type: ignore[no-untyped-def]
        self._record("send_message", channel_id, message)
        raise asyncio.CancelledError


async def _open(service: TicketService, key: str = "interaction-1") -> object:
    return await service.open_ticket(
        SERVER, "support", "billing", Actor(MEMBER, name="Zoé"), locale="fr", request_key=key
    )


async def test_cancellation_runs_the_undo(
    repo: TicketRepository, catalog, clock: FakeClock
) -> None:
    port = CancelledPort()
    service = TicketService(repo, port, catalog.translate, clock=clock)

    with pytest.raises(asyncio.CancelledError):
        await _open(service)

    assert port.channels == {}
    assert [c.method for c in port.calls][-1] == "delete_channel"
    assert await repo.count_open(GUILD, "support", MEMBER) == 0
    assert await service.cleanups.pending() == []


async def _crashed_opening(
    repo: TicketRepository,
) -> tuple[Ticket, Callable[[TicketService], Awaitable[None]]]:
    """A pending opening of a process that died, and how the next start recovers it."""
    processes = ProcessRepository(repo.db)
    crashed = await processes.start("main")
    new = NewTicket(
        GUILD, "support", "billing", MEMBER, SERVER.systems[0].style, "fr", "k", owner=crashed
    )
    ticket = (await repo.reserve(new)).ticket

    async def restart(service: TicketService) -> None:
        service.owner = await processes.start("main")
        assert await service.recover_abandoned() == 1
        assert await service.cleanups.run_due({GUILD}) == 1

    return ticket, restart


async def test_a_crash_mid_opening_is_recovered_at_the_next_start(
    repo: TicketRepository, catalog, clock: FakeClock
) -> None:
    """The process died with the channel made and named in the row; the next start of
    the same slot deletes it at once."""
    port = FakePort()
    ticket, restart = await _crashed_opening(repo)
    channel = await port.create_text_channel(GUILD, "billing-1", CATEGORY, [], None)
    await repo.attach_channel(ticket.id, channel)

    await restart(TicketService(repo, port, catalog.translate, clock=clock))

    assert port.channels == {}
    assert await repo.get(ticket.id) is None


async def test_a_channel_whose_id_never_came_back_is_found_and_deleted(
    repo: TicketRepository, catalog, clock: FakeClock
) -> None:
    port = FakePort()
    ticket, restart = await _crashed_opening(repo)
    await OpeningRepository(repo.db).asking(ticket.id, "billing-1", CATEGORY)
    mine = [OverwriteSpec(MEMBER, TargetType.MEMBER, allow=1)]
    made = await port.create_text_channel(GUILD, "billing-1", CATEGORY, mine, None)
    someone_elses = await port.create_text_channel(GUILD, "billing-1", CATEGORY, [], None)

    await restart(TicketService(repo, port, catalog.translate, clock=clock))

    assert made not in port.channels and someone_elses in port.channels


async def test_a_refused_delete_waits_in_the_queue_and_never_blocks_the_member(
    repo: TicketRepository, catalog, clock: FakeClock
) -> None:
    """The first message fails, then so does the undo's delete (Discord 5xx): the channel is
    remembered and deleted later, and the member may open again at once."""
    port = FakePort()
    port.fail("send_message", PortErrorKind.SERVER_ERROR)
    port.fail("delete_channel", PortErrorKind.SERVER_ERROR, times=2)
    service = TicketService(repo, port, catalog.translate, clock=clock)

    assert isinstance(await _open(service), Refused)
    [orphan] = port.channels
    [queued] = await service.cleanups.pending(GUILD)
    assert queued.channel_id == orphan
    assert await repo.count_open(GUILD, "support", MEMBER) == 0
    opened = await _open(service, "interaction-2")
    assert not isinstance(opened, Refused)

    assert await service.cleanups.run_due({GUILD}) == 0  # not due yet, then refused again
    clock.advance(seconds=1)
    assert await service.cleanups.run_due({GUILD}) == 0
    [retried] = await service.cleanups.pending(GUILD)
    assert retried.attempts == 1 and retried.last_error == "server_error"
    clock.advance(seconds=backoff(0).total_seconds())
    assert await service.cleanups.run_due({GUILD}) == 1
    assert orphan not in port.channels
    assert await service.cleanups.pending() == []


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
