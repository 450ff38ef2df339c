"""Manual approval against a real SQLite database and the in-memory fake of the Discord port."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.config.specs import Approval
from bot.domain.access import Actor
from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import ApprovalStatus, Refusal
from bot.i18n import Catalog
from bot.services.approvals import ApprovalService, Decided, Requested
from bot.services.event_log import EventLog
from bot.services.port import PortErrorKind
from bot.services.tickets import Refused, TicketService
from bot.storage import ApprovalRepository, Database, TicketRepository

from .conftest import HANDLER_ROLE, MEMBER, STAFF, make_server
from .fakes import FakeChannel, FakePort

RECEPTION = 666000000000000001
LOG_CHANNEL = 777000000000000001
SERVER = replace(
    make_server(approval=Approval.MANUAL, reception=RECEPTION), log_channel=LOG_CHANNEL
)
MEMBER_ACTOR = Actor(MEMBER, name="Zoé")
HANDLER = Actor(STAFF, role_ids=frozenset({HANDLER_ROLE}))
SECOND_HANDLER = Actor(STAFF + 1, role_ids=frozenset({HANDLER_ROLE}))
ANSWERS = (("order", "FR-1 @everyone"), ("details", ""))


@pytest.fixture
def approvals_repo(db: Database) -> ApprovalRepository:
    return ApprovalRepository(db)


@pytest.fixture
def approvals(
    approvals_repo: ApprovalRepository, service: TicketService, port: FakePort, catalog: Catalog
) -> ApprovalService:
    for channel_id in (RECEPTION, LOG_CHANNEL):
        port.channels[channel_id] = FakeChannel(channel_id, "staff", None, thread=False)
    log = EventLog(port, catalog.translate)
    return ApprovalService(approvals_repo, service, port, catalog.translate, event_log=log)


async def ask(approvals: ApprovalService, *, key: str = "req-1", locale: str = "en-US"):
    return await approvals.request(
        SERVER,
        "support",
        "billing",
        MEMBER_ACTOR,
        locale=locale,
        request_key=key,
        reason="Charged twice",
        answers=ANSWERS,
    )


async def test_request_posts_to_reception_in_the_server_locale(
    approvals: ApprovalService, port: FakePort, approvals_repo: ApprovalRepository
) -> None:
    result = await ask(approvals)

    assert isinstance(result, Requested)
    assert result.reply.ephemeral
    assert result.reply.content == (
        "Your request was sent. The team will review it and you'll hear back soon."
    )
    (posted,) = port.channels[RECEPTION].messages
    embed = posted.embeds[0]
    assert embed.title == "Demande de ticket · Facturation"  # the server speaks French
    assert embed.description == f"<@{MEMBER}> souhaite ouvrir un ticket."
    values = {f.name: f.value for f in embed.fields}
    assert values["Motif"] == "> Charged twice"
    assert values["Numéro de commande"] == "> FR\\-1 \\@everyone"
    assert [b.custom_id for b in posted.buttons] == [
        encode(Action.ACCEPT, result.request.id),
        encode(Action.REFUSE, result.request.id),
    ]
    assert posted.allowed_mentions.users == () and posted.allowed_mentions.roles == ()
    stored = await approvals_repo.get(result.request.id)
    assert stored is not None and stored.status is ApprovalStatus.PENDING
    assert stored.reception_message_id is not None
    assert stored.answers == (("order", "FR-1 @everyone"),)


async def test_same_request_key_posts_once(approvals: ApprovalService, port: FakePort) -> None:
    first = await ask(approvals)
    second = await ask(approvals)

    assert isinstance(first, Requested) and isinstance(second, Requested)
    assert second.existing and second.request.id == first.request.id
    assert len(port.channels[RECEPTION].messages) == 1


async def test_one_pending_request_per_member(
    approvals: ApprovalService, port: FakePort, approvals_repo: ApprovalRepository
) -> None:
    await ask(approvals, key="a")

    second = await ask(approvals, key="b", locale="fr")

    assert isinstance(second, Refused) and second.reason == "already-pending"
    assert second.reply.content == (
        "Vous avez déjà une demande en attente. Merci d’attendre la réponse de l’équipe."
    )
    assert len(port.channels[RECEPTION].messages) == 1
    assert len(await approvals_repo.list_pending(SERVER.guild)) == 1


async def test_reception_failure_leaves_nothing_pending(
    approvals: ApprovalService, port: FakePort, approvals_repo: ApprovalRepository
) -> None:
    port.fail("send_message", PortErrorKind.MISSING_PERMISSIONS)

    failed = await ask(approvals, key="a")
    retried = await ask(approvals, key="b")

    assert isinstance(failed, Refused)
    assert failed.reply.content == "Requests can't be sent right now. Please try again later."
    assert isinstance(retried, Requested)
    assert [r.id for r in await approvals_repo.list_pending(SERVER.guild)] == [retried.request.id]


async def test_accept_opens_the_ticket_in_the_members_language(
    approvals: ApprovalService, port: FakePort, repo: TicketRepository
) -> None:
    asked = await ask(approvals)  # the member speaks English, the server French
    assert isinstance(asked, Requested)

    result = await approvals.accept(SERVER, asked.request.id, HANDLER, locale="fr")

    assert isinstance(result, Decided) and result.ticket is not None
    ticket = result.ticket
    assert ticket.opener_id == MEMBER and ticket.opened_by_id == STAFF
    assert ticket.locale == "en-US"
    assert ticket.reason == "Charged twice"
    assert result.request.status is ApprovalStatus.ACCEPTED
    assert result.request.ticket_id == ticket.id
    assert result.reply.content == (
        f"Demande acceptée\u00a0: <#{ticket.channel_id}> est ouvert pour <@{MEMBER}>."
    )
    assert ticket.channel_id is not None
    first = port.channels[ticket.channel_id].messages[0]
    assert first.embeds[0].title == "Ticket #1 · Billing"  # English, the member's
    # The reception message now shows the decision, without buttons.
    edit = port.calls_of("edit_message")[-1]
    assert edit.args[:2] == (RECEPTION, asked.request.reception_message_id)
    assert edit.args[2].buttons == ()
    assert edit.args[2].embeds[0].description == (
        f"Acceptée par <@{STAFF}>\u00a0: <#{ticket.channel_id}>"
    )
    log_line = port.channels[LOG_CHANNEL].messages[-1]
    assert log_line.content == (
        f"✅ <@{STAFF}> a accepté la demande de <@{MEMBER}> (Facturation)\u00a0: ticket nº 1"
    )
    assert (await repo.get(ticket.id)) is not None


async def test_refuse_tells_the_member_by_dm_in_their_language(
    approvals: ApprovalService, port: FakePort
) -> None:
    asked = await ask(approvals, locale="fr")
    assert isinstance(asked, Requested)

    result = await approvals.refuse(
        SERVER, asked.request.id, HANDLER, locale="en-US", reason="Please use **email** @here"
    )

    assert isinstance(result, Decided) and result.member_notified
    assert result.request.status is ApprovalStatus.REFUSED
    assert result.reply.content == f"Request refused. <@{MEMBER}> was told by direct message."
    (dm,) = port.dms[MEMBER]
    assert dm.embeds[0].title == "Votre demande de ticket a été refusée"
    assert (
        dm.embeds[0].description
        == "L’équipe a refusé votre demande concernant «\u00a0Facturation\u00a0»."
    )
    assert dm.embeds[0].fields[0].value == "> Please use \\*\\*email\\*\\* \\@here"
    edit = port.calls_of("edit_message")[-1]
    assert edit.args[2].buttons == ()
    assert edit.args[2].embeds[0].description == f"Refusée par <@{STAFF}>."
    line = port.channels[LOG_CHANNEL].messages[-1]
    assert line.content == (
        f"✖️ <@{STAFF}> a refusé la demande de <@{MEMBER}> (Facturation)"
        "\u00a0: «\u00a0Please use \\*\\*email\\*\\* \\@here\u00a0»"
    )
    assert line.allowed_mentions.users == () and line.allowed_mentions.roles == ()
    assert not port.calls_of("create_text_channel")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en-US",
            (
                f"Request refused, but I couldn't tell <@{MEMBER}>: "
                "they don't accept direct messages from me."
            ),
        ),
        (
            "fr",
            (
                f"Demande refusée, mais je n’ai pas pu prévenir <@{MEMBER}>\u00a0: "
                "ses messages privés me sont fermés."
            ),
        ),
    ],
)
async def test_refuse_with_dms_closed_still_refuses_and_says_so(
    approvals: ApprovalService, port: FakePort, locale: str, expected: str
) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)
    port.dm_closed.add(MEMBER)

    result = await approvals.refuse(SERVER, asked.request.id, HANDLER, locale=locale)

    assert isinstance(result, Decided)
    assert not result.member_notified
    assert result.request.status is ApprovalStatus.REFUSED
    assert result.reply.content == expected


async def test_a_decided_request_cannot_be_decided_again(approvals: ApprovalService) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)
    await approvals.accept(SERVER, asked.request.id, HANDLER, locale="en-US")

    again = await approvals.refuse(SERVER, asked.request.id, SECOND_HANDLER, locale="fr")
    twice = await approvals.accept(SERVER, asked.request.id, SECOND_HANDLER, locale="en-US")

    assert isinstance(again, Refused) and again.reason == Refusal.ALREADY_DECIDED
    assert again.reply.content == f"<@{STAFF}> a déjà accepté cette demande."
    assert isinstance(twice, Refused)
    assert twice.reply.content == f"<@{STAFF}> already accepted this request."


async def test_two_staff_clicking_at_once_open_one_ticket(
    approvals: ApprovalService, port: FakePort
) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)

    results = await asyncio.gather(
        approvals.accept(SERVER, asked.request.id, HANDLER, locale="en-US"),
        approvals.refuse(SERVER, asked.request.id, SECOND_HANDLER, locale="en-US"),
    )

    decided = [r for r in results if isinstance(r, Decided)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(decided) == 1 and len(refused) == 1
    assert refused[0].reason == Refusal.ALREADY_DECIDED
    assert "already" in (refused[0].reply.content or "")
    opened = len(port.calls_of("create_text_channel"))
    assert opened == (1 if decided[0].ticket is not None else 0)


async def test_member_who_left_cannot_be_accepted(
    approvals: ApprovalService, port: FakePort, approvals_repo: ApprovalRepository
) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)
    port.departed.add(MEMBER)

    result = await approvals.accept(SERVER, asked.request.id, HANDLER, locale="fr")

    assert isinstance(result, Refused) and result.reason == "member-left"
    assert result.reply.content == (
        f"<@{MEMBER}> a quitté le serveur\u00a0: aucun ticket ne peut être ouvert. "
        "La demande est close."
    )
    assert not port.calls_of("create_text_channel")
    stored = await approvals_repo.get(asked.request.id)
    assert stored is not None and stored.status is ApprovalStatus.REFUSED
    edit = port.calls_of("edit_message")[-1]
    assert edit.args[2].buttons == ()
    assert "a quitté le serveur" in (edit.args[2].embeds[0].description or "")


async def test_accept_can_be_retried_when_discord_refused_the_channel(
    approvals: ApprovalService, port: FakePort
) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)
    port.fail("create_text_channel", PortErrorKind.CATEGORY_FULL)

    failed = await approvals.accept(SERVER, asked.request.id, HANDLER, locale="en-US")
    other = await approvals.accept(SERVER, asked.request.id, SECOND_HANDLER, locale="en-US")
    retried = await approvals.accept(SERVER, asked.request.id, HANDLER, locale="en-US")

    assert isinstance(failed, Refused) and failed.reason == "category_full"
    assert isinstance(other, Refused) and other.reason == Refusal.ALREADY_DECIDED
    assert isinstance(retried, Decided) and retried.ticket is not None
    assert len(port.calls_of("create_text_channel")) == 2  # the failed one, then the ticket


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_only_staff_decide(approvals: ApprovalService, locale: str) -> None:
    asked = await ask(approvals)
    assert isinstance(asked, Requested)
    for decide in (approvals.accept, approvals.refuse):
        result = await decide(SERVER, asked.request.id, MEMBER_ACTOR, locale=locale)
        assert isinstance(result, Refused) and result.reason == "not-allowed"
    expected = {
        "en-US": "Only the support team can do that.",
        "fr": "Seule l’équipe d’assistance peut faire cela.",
    }
    assert result.reply.content == expected[locale]


async def test_unknown_request(approvals: ApprovalService) -> None:
    result = await approvals.accept(SERVER, 999, HANDLER, locale="en-US")
    assert isinstance(result, Refused)
    assert result.reply.content == "This request doesn't exist anymore."


async def test_request_on_an_automatic_system_is_refused(approvals: ApprovalService) -> None:
    result = await approvals.request(
        make_server(), "support", "billing", MEMBER_ACTOR, locale="en-US", request_key="x"
    )
    assert isinstance(result, Refused) and result.reason == "not-manual"


# --- the member's limits (as for a direct opening) -----------------------------------------


async def _open_directly(service: TicketService, server=SERVER, key: str = "direct") -> object:
    return await service.open_ticket(
        server, "support", "billing", MEMBER_ACTOR, locale="en-US", request_key=key
    )


async def test_request_over_the_limit_gets_the_direct_opening_answer(
    approvals: ApprovalService, service: TicketService, port: FakePort
) -> None:
    opened = await _open_directly(service)  # max_open_per_member: 1
    result = await ask(approvals)

    assert isinstance(result, Refused) and result.reason == Refusal.TOO_MANY_OPEN
    assert result.reply.content == (
        f"You already have an open ticket: <#{opened.channel_id}>. "  # type: ignore[attr-defined]
        "Close it before opening another."
    )
    assert port.channels[RECEPTION].messages == []


async def test_request_during_the_cooldown_says_when(
    approvals: ApprovalService, service: TicketService, port: FakePort, clock
) -> None:
    server = replace(
        SERVER,
        systems=tuple(
            replace(s, cooldown_seconds=600, max_open_per_member=5) if s.id == "support" else s
            for s in SERVER.systems
        ),
    )
    await _open_directly(service, server)
    clock.advance(seconds=60)
    result = await approvals.request(
        server, "support", "billing", MEMBER_ACTOR, locale="fr", request_key="r"
    )
    assert isinstance(result, Refused) and result.reason == Refusal.COOLDOWN
    when = int(clock().timestamp()) + 540
    assert (result.reply.content or "").endswith(f"en ouvrir un autre <t:{when}:R>.")
    assert port.channels[RECEPTION].messages == []


async def test_accept_never_takes_the_member_past_the_maximum(
    approvals: ApprovalService,
    service: TicketService,
    port: FakePort,
    approvals_repo: ApprovalRepository,
) -> None:
    requested = await ask(approvals)
    assert isinstance(requested, Requested)
    # Meanwhile staff opened a ticket for the member (max_open_per_member: 1).
    opened = await service.open_ticket(
        SERVER,
        "support",
        "billing",
        MEMBER_ACTOR,
        locale="fr",
        request_key="x",
        opened_by=HANDLER,
    )

    refused = await approvals.accept(SERVER, requested.request.id, HANDLER, locale="en-US")

    assert isinstance(refused, Refused) and refused.reason == Refusal.TOO_MANY_OPEN
    assert refused.reply.content == (
        f"<@{MEMBER}> already has an open ticket (<#{opened.channel_id}>). "  # type: ignore[attr-defined]
        "The request stays pending: accept it once they've closed one."
    )
    stored = await approvals_repo.get(requested.request.id)
    assert stored is not None and stored.status is ApprovalStatus.PENDING
    assert len(port.calls_of("create_text_channel")) == 1
