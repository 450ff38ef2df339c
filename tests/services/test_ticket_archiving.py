"""TicketService with an archiver (transcripts), the first message id and a chosen ticket
locale: against real SQLite and the fake Discord port."""

from __future__ import annotations

from typing import Any

import pytest

from bot.config.specs import OnClose, ServerSpec
from bot.domain.access import Actor
from bot.domain.tickets import Ticket
from bot.i18n import Catalog
from bot.services.staff import StaffService
from bot.services.tickets import Done, Opened, Refused, TicketService
from bot.storage import TicketRepository

from .conftest import HANDLER_ROLE, MEMBER, STAFF, FakeClock, make_server
from .fakes import FakePort

OPENER = Actor(MEMBER, name="Zoé")
STAFF_ACTOR = Actor(STAFF, role_ids=frozenset({HANDLER_ROLE}), name="Staff")
ANSWERS = (("order", "FR-2024-0001"),)


class Recorder:
    """An archiver that notes what it was given and whether the channel still existed."""

    def __init__(self, port: FakePort) -> None:
        self.port = port
        self.calls: list[dict[str, Any]] = []

    async def __call__(
        self, server: ServerSpec, ticket: Ticket, *, closed_by: int, reason: str | None
    ) -> None:
        self.calls.append(
            {
                "ticket": ticket,
                "closed_by": closed_by,
                "reason": reason,
                "channel_alive": ticket.channel_id in self.port.channels,
            }
        )


@pytest.fixture
def archiver(port: FakePort) -> Recorder:
    return Recorder(port)


@pytest.fixture
def archiving(
    repo: TicketRepository, port: FakePort, catalog: Catalog, clock: FakeClock, archiver: Recorder
) -> TicketService:
    return TicketService(repo, port, catalog.translate, clock=clock, archiver=archiver)


async def _open(service: TicketService, server: ServerSpec, **kwargs: Any) -> Opened:
    result = await service.open_ticket(
        server,
        "support",
        "billing",
        OPENER,
        locale="en-US",
        request_key="k",
        answers=ANSWERS,
        **kwargs,
    )
    assert isinstance(result, Opened)
    return result


async def test_the_first_message_id_is_recorded_so_staff_edit_it_in_place(
    archiving: TicketService, repo: TicketRepository, port: FakePort, catalog: Catalog
) -> None:
    server = make_server()
    opened = await _open(archiving, server)
    known = await repo.first_message_id(opened.ticket.id)
    assert known is not None

    staff = StaffService(repo, port, catalog.translate)
    claimed = await staff.claim(server, opened.ticket.id, STAFF_ACTOR, locale="fr")

    assert isinstance(claimed, Done)
    [edit] = port.calls_of("edit_message")
    assert edit.args[:2] == (opened.channel_id, known)
    # The card was edited, not posted again: the only new message is the claim notice.
    assert len(port.calls_of("send_message")) == 2


@pytest.mark.parametrize("on_close", [OnClose.KEEP, OnClose.DELETE])
async def test_close_archives_while_the_channel_exists(
    archiving: TicketService, archiver: Recorder, port: FakePort, on_close: OnClose
) -> None:
    server = make_server(on_close=on_close)
    opened = await _open(archiving, server)

    result = await archiving.close(server, opened.ticket.id, OPENER, locale="en-US", reason="ok")

    assert isinstance(result, Done)
    [call] = archiver.calls
    assert call["channel_alive"] and call["closed_by"] == MEMBER and call["reason"] == "ok"
    assert call["ticket"].closed_at is not None
    assert (opened.channel_id in port.channels) is (on_close is OnClose.KEEP)


async def test_a_refused_close_archives_nothing(
    archiving: TicketService, archiver: Recorder
) -> None:
    server = make_server(require_reason=True)
    opened = await _open(archiving, server)
    stranger = Actor(MEMBER + 1, name="Other")

    assert isinstance(
        await archiving.close(server, opened.ticket.id, stranger, locale="fr"), Refused
    )
    assert isinstance(await archiving.close(server, opened.ticket.id, OPENER, locale="fr"), Refused)
    assert archiver.calls == []
    await archiving.close(server, opened.ticket.id, OPENER, locale="fr", reason="done")
    assert isinstance(await archiving.close(server, opened.ticket.id, OPENER, locale="fr"), Refused)
    assert len(archiver.calls) == 1  # closing twice archives once


async def test_delete_archives_an_open_ticket_not_a_closed_one(
    archiving: TicketService, archiver: Recorder, repo: TicketRepository
) -> None:
    server = make_server()
    first = await _open(archiving, server)
    await archiving.delete(server, first.ticket.id, STAFF_ACTOR, locale="fr")
    assert [c["ticket"].id for c in archiver.calls] == [first.ticket.id]
    assert archiver.calls[0]["channel_alive"]

    second = await archiving.open_ticket(
        server, "support", "billing", OPENER, locale="fr", request_key="k2", answers=ANSWERS
    )
    assert isinstance(second, Opened)
    await archiving.close(server, second.ticket.id, OPENER, locale="fr")
    await archiving.delete(server, second.ticket.id, STAFF_ACTOR, locale="fr")
    assert [c["ticket"].id for c in archiver.calls] == [first.ticket.id, second.ticket.id]


async def test_a_failing_archiver_does_not_stop_the_close(
    repo: TicketRepository, port: FakePort, catalog: Catalog, clock: FakeClock
) -> None:
    async def broken(server: ServerSpec, ticket: Ticket, **_: Any) -> None:
        raise RuntimeError("disk full")

    service = TicketService(repo, port, catalog.translate, clock=clock, archiver=broken)
    server = make_server()
    opened = await _open(service, server)
    result = await service.close(server, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(result, Done) and result.complete


@pytest.mark.parametrize(("ticket_locale", "expected"), [(None, "fr"), ("en-US", "en-US")])
async def test_staff_opening_for_a_member_may_choose_the_tickets_locale(
    archiving: TicketService, ticket_locale: str | None, expected: str
) -> None:
    opened = await _open(
        archiving, make_server(), opened_by=STAFF_ACTOR, ticket_locale=ticket_locale
    )
    assert opened.ticket.locale == expected
