"""Interaction rules as Discord applies them: one answer (40060), the 3-second deadline (10062),
a modal only as the first answer, follow-ups through the webhook, ephemeral visibility, token
lifetime; driven by an actor and raw REST calls."""

from __future__ import annotations

import asyncio

import pytest

from bot.sandbox.actors import Actor, Exchange
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel

from .conftest import Rest

COMMANDS = [
    {
        "name": "ticket",
        "description": "Tickets",
        "name_localizations": {"fr": "ticket"},
        "options": [
            {
                "type": 1,
                "name": "open",
                "description": "Open",
                "options": [
                    {"type": 3, "name": "topic", "description": "Topic", "required": True},
                    {"type": 6, "name": "for", "description": "For someone"},
                ],
            }
        ],
    }
]
MODAL = {
    "custom_id": "form",
    "title": "Form",
    "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "why", "label": "Why", "style": 1}]}
    ],
}


@pytest.fixture
async def setup(emulator: Emulator, rest: Rest) -> tuple[Channel, Actor, Actor]:
    guild = emulator.add_guild("Interactions", locale="fr")
    lobby = emulator.add_channel(guild.id, "lobby")
    status, _ = await rest.call(
        "PUT", f"/applications/{emulator.state.application_id}/guilds/{guild.id}/commands", COMMANDS
    )
    assert status == 200
    alice = emulator.actor(emulator.add_member(guild.id, "alice", locale="fr").id)
    bob = emulator.actor(emulator.add_member(guild.id, "bob").id)
    return lobby, alice, bob


async def callback(rest: Rest, exchange: Exchange, body: dict) -> tuple[int, dict | None]:
    i = exchange.interaction
    return await rest.call(
        "POST",
        f"/interactions/{i.id}/{i.token}/callback",
        body,
        auth=False,
        params={"with_response": "true"},
    )


async def test_slash_command_payload_carries_options_locale_and_resolved_member(
    setup, emulator: Emulator
) -> None:
    lobby, alice, bob = setup
    exchange = await alice.slash(
        "ticket", "open", options={"topic": "billing", "for": bob.user_id}, channel=lobby
    )
    data = exchange.interaction.data
    assert data["name"] == "ticket" and data["guild_id"] == str(lobby.guild_id)
    [sub] = data["options"]
    assert sub["name"] == "open" and sub["type"] == 1
    assert {o["name"]: o["value"] for o in sub["options"]} == {
        "topic": "billing",
        "for": str(bob.user_id),
    }
    assert str(bob.user_id) in data["resolved"]["members"]
    assert exchange.interaction.locale == "fr"
    with pytest.raises(Exception, match="required option"):
        await alice.slash("ticket", "open", options={}, channel=lobby)


async def test_only_one_answer_then_40060(setup, rest: Rest) -> None:
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    status, body = await callback(rest, exchange, {"type": 4, "data": {"content": "first"}})
    assert status == 200
    assert body["interaction"]["id"] == str(exchange.interaction.id)
    assert body["resource"]["type"] == 4 and body["resource"]["message"]["content"] == "first"
    status, body = await callback(rest, exchange, {"type": 4, "data": {"content": "second"}})
    assert (status, body["code"], body["message"]) == (
        400,
        40060,
        "Interaction has already been acknowledged.",
    )


async def test_answer_after_the_deadline_is_unknown_interaction(
    setup, rest: Rest, emulator: Emulator
) -> None:
    lobby, alice, _ = setup
    emulator.interaction_deadline = 0.05
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    await asyncio.sleep(0.1)
    status, body = await callback(rest, exchange, {"type": 5})
    assert (status, body["code"], body["message"]) == (404, 10062, "Unknown interaction")


async def test_modal_must_be_the_first_answer(setup, rest: Rest) -> None:
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    assert (await callback(rest, exchange, {"type": 5}))[0] == 200
    status, body = await callback(rest, exchange, {"type": 9, "data": MODAL})
    assert (status, body["code"]) == (400, 40060)

    first = await alice.slash("ticket", "open", options={"topic": "b"}, channel=lobby)
    assert (await callback(rest, first, {"type": 9, "data": MODAL}))[0] == 200
    submitted = await alice.submit_modal(first, {"why": "because"})
    assert submitted.interaction.data["components"][0]["components"][0]["value"] == "because"
    # A modal cannot answer a modal submission.
    status, body = await callback(rest, submitted, {"type": 9, "data": MODAL})
    assert (status, body["code"]) == (400, 50035)


async def test_followups_and_original_through_the_webhook(
    setup, rest: Rest, emulator: Emulator
) -> None:
    lobby, alice, bob = setup
    app = emulator.state.application_id
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    token = exchange.interaction.token
    status, body = await rest.call(
        "POST",
        f"/webhooks/{app}/{token}",
        {"content": "too early"},
        auth=False,
        params={"wait": "true"},
    )
    assert (status, body["code"]) == (404, 10015)

    assert (await callback(rest, exchange, {"type": 5, "data": {"flags": 64}}))[0] == 200
    assert exchange.original is not None and exchange.original.flags & 128  # thinking
    status, edited = await rest.call(
        "PATCH", f"/webhooks/{app}/{token}/messages/@original", {"content": "done"}, auth=False
    )
    assert status == 200 and edited["content"] == "done" and edited["flags"] == 64
    reply = await exchange.reply()
    assert reply.content == "done" and reply.visible_to == alice.user_id

    status, followup = await rest.call(
        "POST",
        f"/webhooks/{app}/{token}",
        {"content": "more", "flags": 64},
        auth=False,
        params={"wait": "true"},
    )
    assert status == 200
    [seen] = await exchange.wait_followups(1)
    assert seen.id == int(followup["id"]) and seen.ephemeral
    # Ephemeral answers: only the interaction's user sees them; the bot cannot read them back.
    assert {m.id for m in exchange.messages} <= {m.id for m in alice.messages(lobby)}
    assert not {m.id for m in exchange.messages} & {m.id for m in bob.messages(lobby)}
    status, body = await rest.call("GET", f"/channels/{lobby.id}/messages/{followup['id']}")
    assert (status, body["code"]) == (404, 10008)
    status, _ = await rest.call(
        "DELETE", f"/webhooks/{app}/{token}/messages/{followup['id']}", auth=False
    )
    assert status == 204


async def test_first_followup_after_thinking_replaces_the_loading_message(
    setup, rest: Rest, emulator: Emulator
) -> None:
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    await callback(rest, exchange, {"type": 5})
    app = emulator.state.application_id
    _, sent = await rest.call(
        "POST",
        f"/webhooks/{app}/{exchange.interaction.token}",
        {"content": "ready"},
        auth=False,
        params={"wait": "1"},
    )
    assert int(sent["id"]) == exchange.interaction.original_message_id
    assert (await exchange.reply()).content == "ready"


async def test_interaction_token_expires(setup, rest: Rest, emulator: Emulator) -> None:
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    await callback(rest, exchange, {"type": 4, "data": {"content": "hi"}})
    emulator.token_lifetime = 0.0
    status, body = await rest.call(
        "PATCH",
        f"/webhooks/{emulator.state.application_id}/{exchange.interaction.token}/messages/@original",
        {"content": "late"},
        auth=False,
    )
    assert (status, body["code"]) == (401, 50027)


async def test_components_update_the_clicked_message(setup, rest: Rest, emulator: Emulator) -> None:
    lobby, alice, _ = setup
    components = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 1, "label": "Claim", "custom_id": "claim"}],
        },
        {
            "type": 1,
            "components": [
                {
                    "type": 3,
                    "custom_id": "pick",
                    "options": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}],
                }
            ],
        },
    ]
    _, panel = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"content": "panel", "components": components}
    )
    message = emulator.state.find_message(lobby.id, int(panel["id"]))
    click = await alice.click(message, "claim")
    # The row got id 1 and the button id 2, as Discord numbers components without one.
    assert click.interaction.data == {"custom_id": "claim", "component_type": 2, "id": 2}
    status, body = await callback(
        rest, click, {"type": 7, "data": {"content": "claimed", "components": []}}
    )
    assert status == 200 and body["resource"]["message"]["content"] == "claimed"
    assert message.content == "claimed" and message.components == []

    _, panel = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"content": "panel", "components": components}
    )
    choice = await alice.select(int(panel["id"]), "pick", ["b"], channel=lobby)
    assert choice.interaction.data["values"] == ["b"]
    with pytest.raises(Exception, match="not options"):
        await alice.select(int(panel["id"]), "pick", ["z"], channel=lobby)
    assert (await callback(rest, choice, {"type": 6}))[0] == 200


async def test_original_response_can_be_read_back_and_deleted(
    setup, rest: Rest, emulator: Emulator
) -> None:
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    original = f"/webhooks/{emulator.state.application_id}/{exchange.interaction.token}"
    original += "/messages/@original"
    assert (await callback(rest, exchange, {"type": 4, "data": {"content": "hello"}}))[0] == 200

    status, read = await rest.call("GET", original, auth=False)
    assert status == 200
    assert read["id"] == str(exchange.interaction.original_message_id)
    assert read["content"] == "hello" and read["interaction_metadata"]["user"]["id"] == str(
        alice.user_id
    )
    assert read["webhook_id"] == str(emulator.state.application_id)

    status, _ = await rest.call("DELETE", original, auth=False)
    assert status == 204
    assert int(read["id"]) not in [m.id for m in alice.messages(lobby)]
    status, body = await rest.call("GET", original, auth=False)
    assert (status, body["code"]) == (404, 10008)
    status, body = await rest.call("DELETE", original, auth=False)
    assert (status, body["code"]) == (404, 10008)


async def test_pong_only_answers_a_ping(setup, rest: Rest) -> None:
    """PONG (type 1) acknowledges a PING, which Discord sends only to an HTTP interactions
    endpoint, never over the Gateway: as the answer to a command it is an invalid type, and the
    interaction stays unanswered."""
    lobby, alice, _ = setup
    exchange = await alice.slash("ticket", "open", options={"topic": "a"}, channel=lobby)
    status, body = await callback(rest, exchange, {"type": 1})
    assert (status, body["code"]) == (400, 50035)
    assert "type" in body["errors"]
    assert exchange.callback_type is None
    status, _ = await callback(rest, exchange, {"type": 4, "data": {"content": "real answer"}})
    assert status == 200
