"""StaffService against a real SQLite database and the in-memory fake of the Discord port."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest

from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain.access import Actor
from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_list import ListQuery, decode_page
from bot.domain.ticket_messages import OutgoingMessage
from bot.domain.tickets import EventKind, Priority, Refusal, TicketStatus
from bot.i18n import Catalog
from bot.services.event_log import EventLog
from bot.services.port import PortErrorKind
from bot.services.staff import Shown, StaffService
from bot.services.tickets import Done, Opened, Refused, TicketService
from bot.storage import TicketRepository

from .conftest import (
    GUILD,
    HANDLER_ROLE,
    MEMBER,
    OTHER_MEMBER,
    STAFF,
    STAFF_ROLE,
    make_server,
)
from .fakes import BOT_ID, FakeChannel, FakePort

LOG_CHANNEL = 777000000000000001
SERVER = replace(make_server(max_open_per_member=0), log_channel=LOG_CHANNEL)
HIDING = replace(make_server(max_open_per_member=0, claim_hides=True), log_channel=LOG_CHANNEL)

OPENER = Actor(MEMBER, name="Zoé")
OTHER = Actor(OTHER_MEMBER)
HANDLER = Actor(STAFF, role_ids=frozenset({HANDLER_ROLE}))
SECOND_HANDLER = Actor(STAFF + 1, role_ids=frozenset({HANDLER_ROLE}))
ADMIN = Actor(444444444444444444, is_admin=True)
OWNER = Actor(555555555555555555, is_owner=True)
# The server's staff role, but the support system names its own handlers.
STAFF_ROLE_ONLY = Actor(666666666666666666, role_ids=frozenset({STAFF_ROLE}))

STAFF_ONLY = {
    "en-US": "Only the support team can do that.",
    "fr": "Seule l’équipe d’assistance peut faire cela.",
}


@pytest.fixture
def staff(repo: TicketRepository, port: FakePort, catalog: Catalog) -> StaffService:
    port.channels[LOG_CHANNEL] = FakeChannel(LOG_CHANNEL, "log", None, thread=False)
    return StaffService(repo, port, catalog.translate, event_log=EventLog(port, catalog.translate))


async def open_ticket(
    service: TicketService,
    *,
    key: str = "k1",
    server: ServerSpec = SERVER,
    system: str = "support",
    topic: str = "billing",
    opener: Actor = OPENER,
    locale: str = "en-US",
) -> Opened:
    result = await service.open_ticket(
        server, system, topic, opener, locale=locale, request_key=key, reason="Refund"
    )
    assert isinstance(result, Opened), result
    return result


def cards(port: FakePort, channel_id: int) -> list[OutgoingMessage]:
    """Every version of the first message the channel got (sent or edited), oldest first."""
    found = []
    for call in port.calls:
        if call.method == "send_message" and call.args[0] == channel_id:
            message = call.args[1]
        elif call.method == "edit_message" and call.args[0] == channel_id:
            message = call.args[2]
        else:
            continue
        if any(b.custom_id.startswith("guichet:close:") for b in message.buttons):
            found.append(message)
    return found


def fields_of(message: OutgoingMessage) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def log_lines(port: FakePort) -> list[OutgoingMessage]:
    return port.channels[LOG_CHANNEL].messages


# --- claim / unclaim -----------------------------------------------------------------------


async def test_claim_marks_the_ticket_and_shows_it_in_the_first_message(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)

    result = await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="fr")

    assert isinstance(result, Done) and result.complete
    assert result.reply.ephemeral
    assert result.reply.content == "Vous prenez en charge le ticket nº 1."
    stored = await repo.get(opened.ticket.id)
    assert stored is not None
    assert stored.claimed_by == STAFF
    assert stored.status is TicketStatus.IN_PROGRESS
    card = cards(port, opened.channel_id)[-1]
    fields = fields_of(card)  # the ticket speaks its opener's language: en-US
    assert fields["Status"] == "In progress"
    assert fields["Handled by"] == f"<@{STAFF}>"
    assert fields["Priority"] == "Normal"
    ids = {b.custom_id for b in card.buttons}
    assert ids == {encode(Action.CLOSE, stored.id), encode(Action.UNCLAIM, stored.id)}
    assert card.allowed_mentions.users == () and card.allowed_mentions.roles == ()
    # The member hears about it in the ticket, without a ping.
    notices = [m for m in port.channels[opened.channel_id].messages if not m.embeds]
    assert notices[-1].content == f"<@{STAFF}> is now handling this ticket."
    assert notices[-1].allowed_mentions.users == ()


async def test_card_is_edited_in_place_once_its_id_is_known(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)
    await repo.set_first_message(opened.ticket.id, 4242)
    sent_before = len(port.calls_of("send_message"))

    await staff.set_priority(SERVER, opened.ticket.id, HANDLER, Priority.HIGH, locale="en-US")

    edit = port.calls_of("edit_message")[-1]
    assert edit.args[:2] == (opened.channel_id, 4242)
    assert fields_of(edit.args[2])["Priority"] == "High"
    assert len(port.calls_of("send_message")) == sent_before + 1  # only the log line


async def test_unknown_first_message_gets_a_fresh_card_then_edits_it(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)
    tid = opened.ticket.id

    await staff.set_status(SERVER, tid, HANDLER, TicketStatus.ON_HOLD, locale="en-US")
    remembered = await repo.first_message_id(tid)
    assert remembered is not None
    await staff.set_priority(SERVER, tid, HANDLER, Priority.URGENT, locale="en-US")

    edit = port.calls_of("edit_message")[-1]
    assert edit.args[1] == remembered
    assert fields_of(edit.args[2])["Status"] == "On hold"
    assert fields_of(edit.args[2])["Priority"] == "Urgent"


async def test_claim_hides_replaces_handler_roles_with_the_claimer(
    service: TicketService, staff: StaffService, port: FakePort
) -> None:
    opened = await open_ticket(service, server=HIDING)
    channel = port.channels[opened.channel_id]
    assert HANDLER_ROLE in channel.overwrites

    result = await staff.claim(HIDING, opened.ticket.id, HANDLER, locale="en-US")

    assert isinstance(result, Done) and result.complete
    assert HANDLER_ROLE not in channel.overwrites
    assert channel.overwrites[STAFF] == (access.HANDLER_ALLOW, 0)
    assert channel.overwrites[MEMBER][0] & access.VIEW_CHANNEL  # the member still sees it
    assert channel.overwrites[GUILD] == (0, access.VIEW_CHANNEL)
    # One change for the port (one request where Discord allows it); the claimer's
    # overwrite comes first, so done one by one they never lose the channel.
    [change] = port.calls_of("change_overwrites")
    _, put, remove = change.args
    assert [o.target_id for o in put] == [STAFF] and remove == [HANDLER_ROLE]
    assert not port.calls_of("set_member_overwrite") and not port.calls_of("delete_overwrite")

    released = await staff.unclaim(HIDING, opened.ticket.id, ADMIN, locale="en-US")

    assert isinstance(released, Done) and released.complete
    assert channel.overwrites[HANDLER_ROLE] == (access.HANDLER_ALLOW, 0)
    assert STAFF not in channel.overwrites
    assert released.ticket.claimed_by is None
    assert released.ticket.status is TicketStatus.OPEN
    assert released.reply.content == "Ticket #1 is no longer claimed."


async def test_claim_hides_in_a_thread_removes_the_other_members(
    service: TicketService, staff: StaffService, port: FakePort
) -> None:
    """A private thread is seen by its members: claiming leaves the claimer, the opener,
    added members and the bot; releasing mentions the handler roles again, silently (which
    is how Discord adds their members to a private thread)."""
    hiding = replace(
        HIDING,
        systems=tuple(replace(s, claim_hides=True) for s in HIDING.systems),
    )
    opened = await open_ticket(service, server=hiding, system="partners", topic="partnership")
    thread = port.channels[opened.channel_id]
    claimer = Actor(STAFF, role_ids=frozenset({STAFF_ROLE}))
    colleague, guest = STAFF + 1, OTHER_MEMBER
    thread.members |= {colleague}  # joined through the first message's role mention
    await staff.add_member(hiding, opened.ticket.id, claimer, guest, locale="en-US")

    result = await staff.claim(hiding, opened.ticket.id, claimer, locale="en-US")

    assert isinstance(result, Done) and result.complete
    assert thread.members == {BOT_ID, MEMBER, STAFF, guest}
    assert [c.args[1] for c in port.calls_of("remove_thread_member")] == [colleague]
    assert not port.calls_of("delete_overwrite")

    released = await staff.unclaim(hiding, opened.ticket.id, claimer, locale="fr")

    assert isinstance(released, Done) and released.complete
    back = thread.messages[-1]  # in the ticket's language (the opener's), not the actor's
    assert back.content == f"<@&{STAFF_ROLE}> can see this ticket again."
    assert back.allowed_mentions.roles == (STAFF_ROLE,) and back.silent


async def test_claim_hides_in_a_thread_says_when_members_cannot_be_listed(
    service: TicketService, staff: StaffService, port: FakePort
) -> None:
    """Without the Server Members intent Discord refuses the thread member list: the claim
    stands, and staff hear the thread could not be updated."""
    hiding = replace(HIDING, systems=tuple(replace(s, claim_hides=True) for s in HIDING.systems))
    opened = await open_ticket(service, server=hiding, system="partners", topic="partnership")
    port.fail("list_thread_members", PortErrorKind.MISSING_ACCESS)
    claimer = Actor(STAFF, role_ids=frozenset({STAFF_ROLE}))

    result = await staff.claim(hiding, opened.ticket.id, claimer, locale="en-US")

    assert isinstance(result, Done) and not result.complete
    assert result.ticket.claimed_by == STAFF


async def test_claim_without_claim_hides_leaves_overwrites_alone(
    service: TicketService, staff: StaffService, port: FakePort
) -> None:
    opened = await open_ticket(service)
    before = dict(port.channels[opened.channel_id].overwrites)

    await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="en-US")

    assert port.channels[opened.channel_id].overwrites == before


async def test_claim_taken_by_someone_else_is_refused_in_the_actors_language(
    service: TicketService, staff: StaffService
) -> None:
    opened = await open_ticket(service)
    await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="en-US")

    again = await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="en-US")
    other = await staff.claim(SERVER, opened.ticket.id, SECOND_HANDLER, locale="fr")

    assert isinstance(again, Refused) and again.reason == Refusal.ALREADY_CLAIMED
    assert again.reply.content == "You're already handling this ticket."
    assert isinstance(other, Refused) and other.reason == Refusal.CLAIMED_BY_OTHER
    assert other.reply.content == f"<@{STAFF}> s’occupe déjà de ce ticket. Libérez-le d’abord."


async def test_unclaim_of_an_unclaimed_ticket_is_refused(
    service: TicketService, staff: StaffService
) -> None:
    opened = await open_ticket(service)
    result = await staff.unclaim(SERVER, opened.ticket.id, HANDLER, locale="fr")
    assert isinstance(result, Refused) and result.reason == Refusal.NOT_CLAIMED
    assert result.reply.content == "Personne ne s’occupe de ce ticket."


async def test_claim_refused_on_a_closed_ticket(
    service: TicketService, staff: StaffService
) -> None:
    opened = await open_ticket(service)
    await service.close(SERVER, opened.ticket.id, HANDLER, locale="en-US")
    result = await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="en-US")
    assert isinstance(result, Refused) and result.reason == Refusal.CLOSED


# --- people --------------------------------------------------------------------------------


async def test_add_and_remove_a_member_in_a_channel_ticket(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)
    channel = port.channels[opened.channel_id]

    added = await staff.add_member(SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="fr")

    assert isinstance(added, Done)
    assert added.reply.content == f"<@{OTHER_MEMBER}> a été ajouté au ticket nº 1."
    assert channel.overwrites[OTHER_MEMBER] == (access.OPENER_ALLOW, 0)
    assert [m.user_id for m in await repo.list_members(opened.ticket.id)] == [OTHER_MEMBER]

    twice = await staff.add_member(SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="en-US")
    assert isinstance(twice, Refused)
    assert twice.reply.content == f"<@{OTHER_MEMBER}> is already in this ticket."

    removed = await staff.remove_member(
        SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="en-US"
    )

    assert isinstance(removed, Done)
    assert OTHER_MEMBER not in channel.overwrites
    assert await repo.list_members(opened.ticket.id) == []
    kinds = [e.kind for e in await repo.list_events(opened.ticket.id)]
    assert kinds[-2:] == [EventKind.MEMBER_ADDED, EventKind.MEMBER_REMOVED]


async def test_add_and_remove_a_member_in_a_thread_ticket(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service, system="partners", topic="partnership")
    # partners has no handlers of its own: the server's staff roles handle it.
    staff_member = Actor(STAFF, role_ids=frozenset({STAFF_ROLE}))
    thread = port.channels[opened.channel_id]

    await staff.add_member(SERVER, opened.ticket.id, staff_member, OTHER_MEMBER, locale="en-US")
    assert OTHER_MEMBER in thread.members
    assert not port.calls_of("set_member_overwrite")

    await staff.remove_member(SERVER, opened.ticket.id, staff_member, OTHER_MEMBER, locale="en-US")
    assert OTHER_MEMBER not in thread.members
    assert await repo.list_members(opened.ticket.id) == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", f"<@{MEMBER}> opened this ticket, so they can't be removed from it."),
        ("fr", f"<@{MEMBER}> a ouvert ce ticket et ne peut donc pas en être retiré."),
    ],
)
async def test_the_opener_can_never_be_removed(
    service: TicketService, staff: StaffService, port: FakePort, locale: str, expected: str
) -> None:
    opened = await open_ticket(service)

    result = await staff.remove_member(SERVER, opened.ticket.id, ADMIN, MEMBER, locale=locale)

    assert isinstance(result, Refused)
    assert result.reply.content == expected
    assert MEMBER in port.channels[opened.channel_id].overwrites


async def test_removing_someone_not_in_the_ticket_is_refused(
    service: TicketService, staff: StaffService
) -> None:
    opened = await open_ticket(service)
    result = await staff.remove_member(
        SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="en-US"
    )
    assert isinstance(result, Refused)
    assert result.reply.content == f"<@{OTHER_MEMBER}> isn't a member of this ticket."


async def test_add_member_stores_nothing_when_discord_refuses(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)
    port.fail("set_member_overwrite", PortErrorKind.MISSING_PERMISSIONS)

    result = await staff.add_member(SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="en-US")

    assert isinstance(result, Refused) and result.reason == "missing_permissions"
    assert "check my permissions" in (result.reply.content or "")
    assert await repo.list_members(opened.ticket.id) == []


async def test_adding_to_a_closed_ticket_is_refused(
    service: TicketService, staff: StaffService
) -> None:
    opened = await open_ticket(service)
    await service.close(SERVER, opened.ticket.id, HANDLER, locale="en-US")
    result = await staff.add_member(SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="fr")
    assert isinstance(result, Refused)
    assert result.reply.content == "Ce ticket est déjà fermé."


# --- status and priority -------------------------------------------------------------------


async def test_status_change_is_stored_shown_and_logged_in_the_server_locale(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service, locale="fr")

    result = await staff.set_status(
        SERVER, opened.ticket.id, HANDLER, TicketStatus.ON_HOLD, locale="en-US"
    )

    assert isinstance(result, Done)
    assert result.reply.content == "Ticket #1 is now: On hold."
    assert (await repo.get(opened.ticket.id)).status is TicketStatus.ON_HOLD  # type: ignore[union-attr]
    assert fields_of(cards(port, opened.channel_id)[-1])["Statut"] == "En attente"
    event = (await repo.list_events(opened.ticket.id))[-1]
    assert (event.kind, event.data) == (EventKind.STATUS, {"from": "open", "to": "on_hold"})
    line = log_lines(port)[-1]
    assert line.content == f"🔁 Ticket nº 1\u00a0: statut Ouvert → En attente par <@{STAFF}>"
    assert line.allowed_mentions.to_payload() == {
        "parse": [],
        "users": [],
        "roles": [],
        "replied_user": False,
    }


async def test_status_refusals(service: TicketService, staff: StaffService) -> None:
    opened = await open_ticket(service)
    tid = opened.ticket.id

    closing = await staff.set_status(SERVER, tid, HANDLER, TicketStatus.CLOSED, locale="en-US")
    same = await staff.set_status(SERVER, tid, HANDLER, TicketStatus.OPEN, locale="fr")

    assert isinstance(closing, Refused)
    assert closing.reply.content == "To close a ticket, use its Close button."
    assert isinstance(same, Refused) and same.reason == Refusal.UNCHANGED
    assert same.reply.content == "Le ticket nº 1 est déjà\u00a0: Ouvert."


async def test_priority_change(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)

    result = await staff.set_priority(SERVER, opened.ticket.id, OWNER, Priority.URGENT, locale="fr")
    same = await staff.set_priority(
        SERVER, opened.ticket.id, OWNER, Priority.URGENT, locale="en-US"
    )

    assert isinstance(result, Done)
    assert result.reply.content == "Le ticket nº 1 a maintenant la priorité\u00a0: Urgente."
    assert fields_of(cards(port, opened.channel_id)[-1])["Priority"] == "Urgent"
    assert isinstance(same, Refused)
    assert same.reply.content == "Ticket #1 already has priority: Urgent."
    assert (await repo.get(opened.ticket.id)).priority is Priority.URGENT  # type: ignore[union-attr]


# --- notes and info ------------------------------------------------------------------------


async def test_notes_are_stored_never_posted_and_shown_in_info(
    service: TicketService, staff: StaffService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await open_ticket(service)
    secret = "Customer is @everyone's favourite <@&1> — check **refund** history"
    calls_before = len(port.calls)

    saved = await staff.note(SERVER, opened.ticket.id, HANDLER, f"  {secret}  ", locale="en-US")

    assert isinstance(saved, Done)
    assert saved.reply.content == "Note saved on ticket #1. Only staff can see it."
    assert port.calls[calls_before:] == []  # nothing sent anywhere
    assert [n.text for n in await repo.list_notes(opened.ticket.id)] == [secret]

    info = await staff.info(SERVER, opened.ticket.id, HANDLER, locale="en-US")
    assert isinstance(info, Shown) and info.reply.ephemeral
    notes = [f for f in info.reply.embeds[0].fields if f.value.startswith(f"By <@{STAFF}>")]
    assert len(notes) == 1
    assert "\\@everyone" in notes[0].value and "\\*\\*refund\\*\\*" in notes[0].value


async def test_empty_note_is_refused(service: TicketService, staff: StaffService) -> None:
    opened = await open_ticket(service)
    result = await staff.note(SERVER, opened.ticket.id, HANDLER, "   ", locale="fr")
    assert isinstance(result, Refused)
    assert result.reply.content == "La note est vide."


@pytest.mark.parametrize(
    ("locale", "created", "status_line"),
    [
        ("en-US", "March 1, 2025", f"<@{STAFF}> changed the status from Open to On hold"),
        ("fr", "1 mars 2025", f"<@{STAFF}> a changé le statut de Ouvert à En attente"),
    ],
)
async def test_info_shows_state_dates_history_in_the_viewers_locale(
    service: TicketService,
    staff: StaffService,
    locale: str,
    created: str,
    status_line: str,
) -> None:
    opened = await open_ticket(service)
    tid = opened.ticket.id
    await staff.add_member(SERVER, tid, HANDLER, OTHER_MEMBER, locale="en-US")
    await staff.set_status(SERVER, tid, HANDLER, TicketStatus.ON_HOLD, locale="en-US")
    await staff.claim(SERVER, tid, HANDLER, locale="en-US")
    await service.close(SERVER, tid, HANDLER, locale="en-US", reason="Done")

    info = await staff.info(SERVER, tid, ADMIN, locale=locale)

    assert isinstance(info, Shown)
    embed = info.reply.embeds[0]
    values = [f.value for f in embed.fields]
    assert f"<@{MEMBER}>" in values
    assert f"<@{OTHER_MEMBER}>" in values
    assert sum(created in v for v in values) == 2  # created and closed
    history = next(v for v in values if status_line in v)
    assert history.index(status_line) > 0
    assert embed.total_length <= 6000


# --- the list ------------------------------------------------------------------------------


async def test_list_pages_through_tickets_with_buttons_that_round_trip(
    service: TicketService, staff: StaffService
) -> None:
    for n in range(23):
        await open_ticket(service, key=f"k{n}", opener=Actor(MEMBER + n))

    first = await staff.list_tickets(SERVER, HANDLER, ListQuery(), locale="en-US")

    assert isinstance(first, Shown) and first.reply.ephemeral
    embed = first.reply.embeds[0]
    assert (embed.description or "").count("\n") == 9  # ten lines
    assert (embed.description or "").startswith("**#23**")
    assert embed.footer == "Page 1 of 3 · 23 tickets"
    (next_button,) = first.reply.buttons
    assert len(next_button.custom_id) <= 100
    assert decode_page(next_button.custom_id) == ListQuery(page=1)

    last = await staff.turn_page(SERVER, HANDLER, "guichet:page:2:-:-:-:-", locale="fr")
    assert isinstance(last, Shown)
    assert last.reply.embeds[0].footer == "Page 3 sur 3 · 23 tickets"
    assert (last.reply.embeds[0].description or "").count("\n") == 2
    (previous,) = last.reply.buttons
    assert decode_page(previous.custom_id) == ListQuery(page=1)


async def test_list_filters_and_clamps_the_page(
    service: TicketService, staff: StaffService
) -> None:
    ids = [
        (await open_ticket(service, key=f"k{n}", opener=Actor(MEMBER + n))).ticket.id
        for n in range(4)
    ]
    await staff.set_status(SERVER, ids[1], HANDLER, TicketStatus.ON_HOLD, locale="en-US")
    await staff.set_priority(SERVER, ids[1], HANDLER, Priority.HIGH, locale="en-US")
    await staff.set_priority(SERVER, ids[2], HANDLER, Priority.HIGH, locale="en-US")

    query = ListQuery(
        statuses=frozenset({TicketStatus.ON_HOLD}),
        priorities=frozenset({Priority.HIGH}),
        page=7,  # beyond the end: the last page is shown
    )
    result = await staff.list_tickets(SERVER, HANDLER, query, locale="en-US")

    assert isinstance(result, Shown)
    assert result.reply.embeds[0].footer == "Page 1 of 1 · one ticket"
    assert (result.reply.embeds[0].description or "").startswith("**#2**")
    by_member = await staff.list_tickets(
        SERVER, HANDLER, ListQuery(member_id=MEMBER + 3), locale="en-US"
    )
    assert isinstance(by_member, Shown)
    assert (by_member.reply.embeds[0].description or "").startswith("**#4**")
    nothing = await staff.list_tickets(SERVER, HANDLER, ListQuery(topic_id="nope"), locale="fr")
    assert isinstance(nothing, Shown)
    assert nothing.reply.embeds[0].description == "Aucun ticket ne correspond à ces filtres."


async def test_list_shows_only_the_systems_the_actor_handles(
    service: TicketService, staff: StaffService
) -> None:
    await open_ticket(service, key="a")  # support: handled by HANDLER_ROLE
    await open_ticket(service, key="b", system="partners", topic="partnership")  # staff roles

    mine = await staff.list_tickets(SERVER, STAFF_ROLE_ONLY, ListQuery(), locale="en-US")
    everything = await staff.list_tickets(SERVER, ADMIN, ListQuery(), locale="en-US")

    assert isinstance(mine, Shown) and isinstance(everything, Shown)
    assert mine.reply.embeds[0].footer == "Page 1 of 1 · one ticket"
    assert (mine.reply.embeds[0].description or "").startswith("**#2**")
    assert everything.reply.embeds[0].footer == "Page 1 of 1 · 2 tickets"


# --- who may do what -----------------------------------------------------------------------

Action_ = Callable[[StaffService, int, Actor, str], Awaitable[object]]
ACTIONS: dict[str, Action_] = {
    "claim": lambda s, t, a, loc: s.claim(SERVER, t, a, locale=loc),
    "unclaim": lambda s, t, a, loc: s.unclaim(SERVER, t, a, locale=loc),
    "add": lambda s, t, a, loc: s.add_member(SERVER, t, a, 999999999999999991, locale=loc),
    "remove": lambda s, t, a, loc: s.remove_member(SERVER, t, a, OTHER_MEMBER, locale=loc),
    "status": lambda s, t, a, loc: s.set_status(SERVER, t, a, TicketStatus.ON_HOLD, locale=loc),
    "priority": lambda s, t, a, loc: s.set_priority(SERVER, t, a, Priority.LOW, locale=loc),
    "note": lambda s, t, a, loc: s.note(SERVER, t, a, "hello", locale=loc),
    "info": lambda s, t, a, loc: s.info(SERVER, t, a, locale=loc),
    "list": lambda s, t, a, loc: s.list_tickets(SERVER, a, ListQuery(), locale=loc),
}
ALLOWED = {"handler": HANDLER, "admin": ADMIN, "owner": OWNER}
REFUSED = {"opener": OPENER, "other member": OTHER, "staff role of another system": STAFF_ROLE_ONLY}


async def _prepared(service: TicketService, staff: StaffService) -> int:
    opened = await open_ticket(service)
    await staff.add_member(SERVER, opened.ticket.id, HANDLER, OTHER_MEMBER, locale="en-US")
    await staff.claim(SERVER, opened.ticket.id, SECOND_HANDLER, locale="en-US")
    return opened.ticket.id


# Staff of another system may list (they see their own system's tickets: tested above).
REFUSED_CASES = [
    (action, who)
    for action in sorted(ACTIONS)
    for who in sorted(REFUSED)
    if (action, who) != ("list", "staff role of another system")
]


@pytest.mark.parametrize(("action", "who"), REFUSED_CASES)
@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_non_staff_are_refused_in_their_language(
    service: TicketService,
    staff: StaffService,
    repo: TicketRepository,
    action: str,
    who: str,
    locale: str,
) -> None:
    tid = await _prepared(service, staff)
    events_before = await repo.list_events(tid)

    result = await ACTIONS[action](staff, tid, REFUSED[who], locale)

    assert isinstance(result, Refused)
    assert result.reason == "not-allowed"
    assert result.reply.ephemeral
    assert result.reply.content == STAFF_ONLY[locale]
    assert await repo.list_events(tid) == events_before


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("who", sorted(ALLOWED))
async def test_staff_are_allowed(
    service: TicketService, staff: StaffService, action: str, who: str
) -> None:
    tid = await _prepared(service, staff)
    if action == "claim":  # someone else holds it: release it first
        await staff.unclaim(SERVER, tid, ADMIN, locale="en-US")

    result = await ACTIONS[action](staff, tid, ALLOWED[who], "en-US")

    assert isinstance(result, Done | Shown), result


async def test_log_lines_never_break_an_action(
    service: TicketService, staff: StaffService, port: FakePort
) -> None:
    opened = await open_ticket(service)
    del port.channels[LOG_CHANNEL]  # the log channel was deleted

    result = await staff.claim(SERVER, opened.ticket.id, HANDLER, locale="en-US")

    assert isinstance(result, Done) and result.complete


async def test_unknown_ticket(staff: StaffService) -> None:
    result = await staff.claim(SERVER, 12345, HANDLER, locale="en-US")
    assert isinstance(result, Refused) and result.reason == Refusal.NOT_FOUND
    assert result.reply.content == "This ticket doesn't exist anymore."


async def test_the_bot_cannot_be_added(service: TicketService, staff: StaffService) -> None:
    opened = await open_ticket(service)
    result = await staff.add_member(SERVER, opened.ticket.id, HANDLER, BOT_ID, locale="en-US")
    assert isinstance(result, Refused) and result.reason == "bot"
