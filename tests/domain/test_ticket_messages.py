"""Rendering of ticket messages with the real catalog (locales/), in en-US and fr."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.specs import QuestionSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain import ticket_lifecycle as lifecycle
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import Ticket
from bot.i18n import Catalog

REPO = Path(__file__).resolve().parents[2]
GUILD = 123456789012345678
HANDLER = 888888888888888888
OPENER = 111111111111111111
STAFF = 333333333333333333

TOPIC = TopicSpec(
    id="billing",
    label="topic-billing",
    welcome="topic-billing-welcome",
    questions=(
        QuestionSpec(id="order", label="q-order"),
        QuestionSpec(id="details", label="q-details", required=False),
    ),
)
SYSTEM = SystemSpec(
    id="support",
    style=Style.CHANNEL,
    topics=(TOPIC,),
    category=1,
    handlers=(HANDLER,),
    mention_handlers=True,
)
SERVER = ServerSpec(
    name="example",
    source=REPO / "servers" / "example.yaml",
    guild=GUILD,
    locale="fr",
    systems=(SYSTEM,),
    staff_roles=(222,),
)
TICKET = Ticket(
    id=42,
    guild_id=GUILD,
    number=12345,
    system_id="support",
    topic_id="billing",
    opener_id=OPENER,
    style=Style.CHANNEL,
    locale="en-US",
    request_key="k",
    created_at=datetime(2025, 1, 1, tzinfo=UTC),
    reason="Charged **twice** @everyone <@&222>",
    answers=(("order", "FR-1"), ("details", "line one\n# not a heading")),
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(REPO / "locales", strict=True)


def test_first_message_in_english(catalog: Catalog) -> None:
    message = lifecycle.first_message(catalog.translate, SERVER, SYSTEM, TOPIC, TICKET)

    embed = message.embeds[0]
    assert embed.title == "Ticket #12345 · Billing"
    assert embed.description == (
        "Thanks for reaching out about billing. A member of staff will be with you shortly."
    )
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Opened by"] == f"<@{OPENER}>"
    assert fields["Reason"] == r"> Charged \*\*twice\*\* \@everyone \<\@&222\>"
    assert fields["Order number"] == r"> FR\-1"
    assert fields["Anything else we should know?"] == "> line one\n> \\# not a heading"
    assert message.content == f"Welcome <@{OPENER}>! <@&{HANDLER}> will be with you shortly."
    assert [b.custom_id for b in message.buttons] == [
        encode(Action.CLOSE, 42),
        encode(Action.CLAIM, 42),
    ]
    assert [b.label for b in message.buttons] == ["Close", "Claim"]
    assert not message.silent


def test_first_message_in_french(catalog: Catalog) -> None:
    ticket = replace(TICKET, locale="fr", opened_by_id=STAFF)
    message = lifecycle.first_message(catalog.translate, SERVER, SYSTEM, TOPIC, ticket)

    embed = message.embeds[0]
    assert embed.title == "Ticket nº 12345 · Facturation"
    assert embed.description is not None
    assert embed.description.endswith(f"<@{STAFF}> a ouvert ce ticket pour vous.")
    assert [f.name for f in embed.fields] == [
        "Ouvert par",
        "Motif",
        "Numéro de commande",
        "Autre chose à nous dire ?",  # the server file's own typography
    ]
    assert [b.label for b in message.buttons] == ["Fermer", "Prendre en charge"]


def test_only_the_opener_and_handler_roles_may_be_pinged(catalog: Catalog) -> None:
    message = lifecycle.first_message(catalog.translate, SERVER, SYSTEM, TOPIC, TICKET)
    assert message.allowed_mentions.users == (OPENER,)
    assert message.allowed_mentions.roles == (HANDLER,)  # not 222 from the reason
    payload = message.to_payload()["allowed_mentions"]
    assert payload == {
        "parse": [],
        "users": [str(OPENER)],
        "roles": [str(HANDLER)],
        "replied_user": False,
    }

    quiet = lifecycle.first_message(
        catalog.translate, SERVER, replace(SYSTEM, mention_handlers=False), TOPIC, TICKET
    )
    assert quiet.allowed_mentions.roles == ()
    assert f"<@&{HANDLER}>" not in (quiet.content or "")


def test_answers_are_truncated_to_embed_limits(catalog: Catalog) -> None:
    long = "x" * 5000
    ticket = replace(TICKET, reason=long, answers=(("order", long), ("details", "*" * 3000)))
    topic = replace(TOPIC, welcome=None)
    message = lifecycle.first_message(catalog.translate, SERVER, SYSTEM, topic, ticket)

    embed = message.embeds[0]
    assert embed.total_length <= tm.MAX_EMBED_TOTAL
    for embed_field in embed.fields:
        assert len(embed_field.value) <= tm.MAX_FIELD_VALUE
    answers = embed.fields[1:]
    assert all(f.value.endswith(tm.ELLIPSIS) for f in answers)
    assert answers[2].value.startswith("> \\*\\*")  # the escapes survive the cut


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 17, 100, 1024])
@pytest.mark.parametrize("text", ["", "plain", "a\nb\n\nc" * 50, "\\*_~`|>#" * 300])
def test_quote_never_exceeds_its_limit(text: str, limit: int) -> None:
    quoted = tm.quote_user_text(text, limit)
    assert len(quoted) <= limit
    assert quoted.startswith(">"[:limit])


def test_escape_markdown_shows_text_literally() -> None:
    assert tm.escape_markdown("[link](http://x) `code` <@1>") == (
        r"\[link\]\(http\://x\) \`code\` \<\@1\>"
    )


def test_closed_message_with_reopen_and_delete(catalog: Catalog) -> None:
    message = lifecycle.closed_message(
        catalog.translate, SERVER, TICKET, closed_by=STAFF, reason="done", reopenable=True
    )
    embed = message.embeds[0]
    assert embed.title == "Ticket #12345 closed"
    assert embed.description == f"Closed by <@{STAFF}>."
    assert embed.fields[0].value == "> done"
    assert [b.custom_id for b in message.buttons] == [
        encode(Action.REOPEN, 42),
        encode(Action.DELETE, 42),
    ]
    assert message.allowed_mentions == tm.NO_MENTIONS
    plain = lifecycle.closed_message(
        catalog.translate, SERVER, TICKET, closed_by=STAFF, reason=None, reopenable=False
    )
    assert plain.rows == ()
    assert plain.embeds[0].fields == ()


def test_close_prompt_in_french(catalog: Catalog) -> None:
    prompt = lifecycle.close_prompt(catalog.translate, "fr", SERVER, SYSTEM, TICKET)
    assert prompt.ephemeral
    assert prompt.content == "Fermer le ticket nº 12345\u00a0?"
    assert [b.label for b in prompt.buttons] == ["Fermer le ticket", "Fermer avec un motif"]


def test_replies_are_ephemeral_and_localized(catalog: Catalog) -> None:
    when = tm.relative_time(datetime(2025, 1, 1, 12, 0, tzinfo=UTC))
    assert when == "<t:1735732800:R>"
    english = tm.reply(catalog.translate, "en-US", SERVER, "tickets-cooldown", when=when)
    french = tm.reply(catalog.translate, "fr", SERVER, "tickets-cooldown", when=when)
    assert english.ephemeral and french.ephemeral
    assert english.content == f"You've just opened a ticket. You can open another one {when}."
    assert (
        french.content == f"Vous venez d’ouvrir un ticket. Vous pourrez en ouvrir un autre {when}."
    )
    # A Discord locale the bot does not ship falls back to the server's (fr).
    assert tm.reply(catalog.translate, "de", SERVER, "tickets-cooldown", when=when) == french


def test_payload_flags() -> None:
    message = tm.OutgoingMessage(content="x", ephemeral=True, silent=True)
    assert message.to_payload()["flags"] == tm.FLAG_EPHEMERAL | tm.FLAG_SUPPRESS_NOTIFICATIONS
    assert "flags" not in tm.OutgoingMessage(content="x").to_payload()
