"""Rendering of staff messages with the real catalog (locales/), in en-US and fr."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config.specs import QuestionSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain import approval_messages as am
from bot.domain import staff_messages as sm
from bot.domain import ticket_list as tl
from bot.domain.approval_messages import Decision
from bot.domain.custom_ids import Action, encode
from bot.domain.staff_messages import TicketDetails
from bot.domain.ticket_list import ListQuery
from bot.domain.tickets import (
    ApprovalRequest,
    EventKind,
    Note,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from bot.i18n import Catalog

REPO = Path(__file__).resolve().parents[2]
GUILD = 123456789012345678
HANDLER = 888888888888888888
OPENER = 111111111111111111
STAFF = 333333333333333333
AT = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

TOPIC = TopicSpec(
    id="billing",
    label="topic-billing",
    welcome="topic-billing-welcome",
    questions=(QuestionSpec(id="order", label="q-order"),),
)
SYSTEM = SystemSpec(
    id="support", style=Style.CHANNEL, topics=(TOPIC,), category=1, handlers=(HANDLER,)
)
SERVER = ServerSpec(
    name="example",
    source=REPO / "servers" / "example.yaml",
    guild=GUILD,
    locale="fr",
    systems=(SYSTEM,),
)
TICKET = Ticket(
    id=42,
    guild_id=GUILD,
    number=7,
    system_id="support",
    topic_id="billing",
    opener_id=OPENER,
    style=Style.CHANNEL,
    locale="en-US",
    request_key="k",
    created_at=AT,
    channel_id=5,
)


@pytest.fixture(scope="module")
def translate():
    return Catalog.load(REPO / "locales", strict=True).translate


# --- the list's custom_ids -----------------------------------------------------------------

QUERIES = [
    ListQuery(),
    ListQuery(page=3),
    ListQuery(statuses=frozenset({TicketStatus.OPEN, TicketStatus.ON_HOLD})),
    ListQuery(priorities=frozenset(Priority), topic_id="billing", member_id=OPENER, page=12),
    # The longest possible: every letter, the largest snowflake, a 32-character topic id.
    ListQuery(
        statuses=frozenset(TicketStatus),
        priorities=frozenset(Priority),
        topic_id="t" + "-" * 30 + "z",
        member_id=2**64 - 1,
        page=99_999,
    ),
]


@pytest.mark.parametrize("query", QUERIES)
def test_page_custom_ids_round_trip_within_100_characters(query: ListQuery) -> None:
    custom_id = tl.encode_page(query)
    assert len(custom_id) <= 100
    assert custom_id.startswith("guichet:page:")
    assert tl.decode_page(custom_id) == query


@pytest.mark.parametrize(
    "custom_id",
    [
        "guichet:page:1:-:-:-",  # a part missing
        "guichet:page:x:-:-:-:-",  # page not a number
        "guichet:page:0:q:-:-:-",  # no status "q"
        "guichet:page:0:-:-:!!:-",  # not base 36
        encode(Action.CLOSE, 1),
        "someone-else:page:0:-:-:-:-",
    ],
)
def test_decode_page_refuses_what_it_did_not_make(custom_id: str) -> None:
    assert tl.decode_page(custom_id) is None


def test_list_numbers_are_localized_and_buttons_carry_the_filter(translate) -> None:
    query = ListQuery(statuses=frozenset({TicketStatus.OPEN}), page=1)
    tickets = [replace(TICKET, id=i, number=1000 + i) for i in range(10)]

    en = tl.ticket_list(translate, "en-US", SERVER, tickets, query=query, total=1234)
    fr = tl.ticket_list(translate, "fr", SERVER, tickets, query=query, total=1234)

    assert en.embeds[0].footer == "Page 2 of 124 · 1,234 tickets"
    assert re.fullmatch(r"Page 2 sur 124 · 1\s234 tickets", fr.embeds[0].footer or "")
    first_line = (en.embeds[0].description or "").splitlines()[0]
    assert first_line == (
        f"**#1000** <#5> · Billing · Open · Normal · <@{OPENER}> · 3/1/25, 12:00\u202fPM"
    )
    assert (fr.embeds[0].description or "").splitlines()[0].endswith("01/03/2025 12:00")
    previous, following = en.buttons
    assert tl.decode_page(previous.custom_id) == replace(query, page=0)
    assert tl.decode_page(following.custom_id) == replace(query, page=2)
    assert (previous.label, following.label) == ("Previous", "Next")
    assert [b.label for b in fr.buttons] == ["Précédent", "Suivant"]


# --- the first message with its state ------------------------------------------------------


def test_card_puts_the_state_after_the_opener_and_stays_within_limits(translate) -> None:
    ticket = replace(
        TICKET,
        locale="fr",
        claimed_by=STAFF,
        status=TicketStatus.IN_PROGRESS,
        priority=Priority.HIGH,
        reason="r" * 3000,
        answers=(("order", "o" * 3000),),
    )

    card = sm.ticket_card(translate, SERVER, SYSTEM, TOPIC, ticket)

    embed = card.embeds[0]
    names = [f.name for f in embed.fields]
    assert names[:4] == ["Ouvert par", "Statut", "Priorité", "Pris en charge par"]
    values = {f.name: f.value for f in embed.fields}
    assert values["Statut"] == "En cours"
    assert values["Priorité"] == "Haute"
    assert values["Pris en charge par"] == f"<@{STAFF}>"
    assert embed.total_length <= 6000
    assert [b.custom_id for b in card.buttons] == [
        encode(Action.CLOSE, 42),
        encode(Action.UNCLAIM, 42),
    ]
    assert card.buttons[1].label == "Libérer"
    assert card.allowed_mentions.users == () and card.allowed_mentions.roles == ()


def test_unclaimed_card_keeps_the_claim_button(translate) -> None:
    card = sm.ticket_card(translate, SERVER, SYSTEM, TOPIC, TICKET)
    values = {f.name: f.value for f in card.embeds[0].fields}
    assert values["Handled by"] == "Nobody yet"
    assert encode(Action.CLAIM, 42) in {b.custom_id for b in card.buttons}


# --- info ----------------------------------------------------------------------------------


def _events(count: int) -> tuple[TicketEvent, ...]:
    created = TicketEvent(1, 42, AT, OPENER, EventKind.CREATED, {"number": 7})
    changes = tuple(
        TicketEvent(
            i + 2,
            42,
            AT + timedelta(minutes=i),
            STAFF,
            EventKind.PRIORITY,
            {"from": "normal", "to": "high"} if i % 2 == 0 else {"from": "high", "to": "normal"},
        )
        for i in range(count)
    )
    return (created, *changes)


def test_info_history_keeps_the_latest_entries_that_fit(translate) -> None:
    details = TicketDetails(TICKET, members=(), events=_events(200), notes=())

    message = sm.ticket_info(translate, "en-US", SERVER, details)

    history = next(f.value for f in message.embeds[0].fields if f.name == "History")
    assert len(history) <= 1024
    first, *rest = history.splitlines()
    assert re.fullmatch(r"… \d+ earlier entries", first)
    assert rest[-1].endswith(f"<@{STAFF}> changed the priority from High to Normal")
    assert message.embeds[0].total_length <= 6000


def test_info_dates_follow_the_viewer_and_notes_are_quoted(translate) -> None:
    closed = replace(TICKET, status=TicketStatus.CLOSED, closed_at=AT + timedelta(days=1))
    notes = tuple(Note(i, 42, STAFF, AT, f"note {i} " + "n" * 900) for i in range(8))
    details = TicketDetails(closed, members=(999,), events=_events(1), notes=notes)

    en = sm.ticket_info(translate, "en-US", SERVER, details).embeds[0]
    fr = sm.ticket_info(translate, "fr", SERVER, details).embeds[0]

    en_fields = {f.name: f.value for f in en.fields}
    fr_fields = {f.name: f.value for f in fr.fields}
    assert en_fields["Created"] == "March 1, 2025, 12:00:00\u202fPM UTC"
    assert en_fields["Closed"].startswith("March 2, 2025")
    assert fr_fields["Créé le"].startswith("1 mars 2025")
    assert fr_fields["Statut"] == "Fermé"
    assert en.title == "Ticket #7 · Billing"
    assert en.total_length <= 6000 and fr.total_length <= 6000
    shown = [f for f in en.fields if f.value.startswith(f"By <@{STAFF}>")]
    assert shown and shown[0].value.splitlines()[1].startswith("> note 7")  # latest first


# --- approval and log ----------------------------------------------------------------------

REQUEST = ApprovalRequest(
    id=3,
    guild_id=GUILD,
    system_id="support",
    topic_id="billing",
    member_id=OPENER,
    locale="en-US",
    request_key="r",
    created_at=AT,
    reason="Help",
    answers=(("order", "A-1"), ("gone", "from a removed question")),
    refuse_reason="Not <@&1> here",
)


@pytest.mark.parametrize(
    ("decision", "description", "buttons"),
    [
        (Decision.PENDING, f"<@{OPENER}> souhaite ouvrir un ticket.", 2),
        (Decision.ACCEPTED, f"Acceptée par <@{STAFF}>\u00a0: <#9>", 0),
        (Decision.REFUSED, f"Refusée par <@{STAFF}>.", 0),
        (
            Decision.MEMBER_LEFT,
            f"<@{OPENER}> a quitté le serveur avant le traitement de la demande.",
            0,
        ),
    ],
)
def test_reception_message_states(
    translate, decision: Decision, description: str, buttons: int
) -> None:
    message = am.reception_message(
        translate, SERVER, REQUEST, decision=decision, staff_id=STAFF, channel_id=9
    )
    embed = message.embeds[0]
    assert embed.description == description
    assert len(message.buttons) == buttons
    names = [f.name for f in embed.fields]
    assert "Numéro de commande" in names and "gone" in names
    assert ("Motif du refus" in names) is (decision is Decision.REFUSED)
    assert message.allowed_mentions.to_payload()["parse"] == []


def test_refused_dm_speaks_the_members_language(translate) -> None:
    dm = am.refused_dm(translate, SERVER, REQUEST)
    assert dm.embeds[0].title == "Your ticket request was refused"
    assert dm.embeds[0].description == "The team refused your request about “Billing”."
    assert dm.embeds[0].fields[0].value == "> Not \\<\\@&1\\> here"
