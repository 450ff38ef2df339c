"""Message bodies Discord refuses whatever its schema allows: `allowed_mentions` whose `parse`
and explicit lists name the same kind, and components sharing a custom_id."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, Guild

from .conftest import Rest


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Bodies")


@pytest.fixture
def lobby(emulator: Emulator, guild: Guild) -> Channel:
    return emulator.add_channel(guild.id, "lobby")


def button(custom_id: str) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": custom_id, "custom_id": custom_id}


async def post(rest: Rest, lobby: Channel, body: dict[str, Any]) -> tuple[int, Any]:
    return await rest.call("POST", f"/channels/{lobby.id}/messages", body)


async def test_parse_and_a_list_of_the_same_kind_are_exclusive(
    emulator: Emulator, rest: Rest, guild: Guild, lobby: Channel
) -> None:
    member = emulator.add_member(guild.id, "uma")
    role = emulator.add_role(guild.id, "crew", mentionable=True)
    text = f"<@{member.id}> <@&{role.id}>"

    status, body = await post(
        rest,
        lobby,
        {"content": text, "allowed_mentions": {"parse": ["users"], "users": [str(member.id)]}},
    )

    assert (status, body["code"]) == (400, 50035)
    [error] = body["errors"]["allowed_mentions"]["_errors"]
    assert error["code"] == "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE"
    assert emulator.state.messages_in(lobby.id) == {}
    # Different kinds combine; an empty list of the parsed kind is no error (documented).
    for allowed in (
        {"parse": ["users"], "roles": [str(role.id)]},
        {"parse": ["users", "roles"], "users": []},
    ):
        status, sent = await post(rest, lobby, {"content": text, "allowed_mentions": allowed})
        assert status == 200, sent
        assert sent["mention_roles"] == [str(role.id)]


async def test_components_may_not_share_a_custom_id(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    rows = [
        {"type": 1, "components": [button("a"), button("b")]},
        {"type": 1, "components": [button("c"), button("a")]},
    ]
    status, body = await post(rest, lobby, {"content": "pick", "components": rows})

    assert (status, body["code"]) == (400, 50035)
    [error] = body["errors"]["components"]["1"]["components"]["1"]["custom_id"]["_errors"]
    assert error == {
        "code": "COMPONENT_CUSTOM_ID_DUPLICATED",
        "message": "Component custom id cannot be duplicated",
    }
    assert emulator.state.messages_in(lobby.id) == {}
    # Nor may an edit bring a duplicate in.
    status, sent = await post(rest, lobby, {"content": "ok", "components": rows[:1]})
    assert status == 200
    status, body = await rest.call(
        "PATCH", f"/channels/{lobby.id}/messages/{sent['id']}", {"components": rows}
    )
    assert (status, body["code"]) == (400, 50035)


async def test_interaction_messages_parse_only_user_mentions_by_default(
    emulator: Emulator, rest: Rest, guild: Guild, lobby: Channel
) -> None:
    """ "In interactions and webhooks, only user mentions are parsed" without allowed_mentions
    (developers/resources/message.mdx), where a channel message parses everything."""
    app = emulator.state.application_id
    command = {"name": "ping", "description": "Ping", "type": 1}
    assert (await rest.call("PUT", f"/applications/{app}/guilds/{guild.id}/commands", [command]))[
        0
    ] == 200
    member = emulator.add_member(guild.id, "vic")
    role = emulator.add_role(guild.id, "crew", mentionable=True)
    exchange = await emulator.actor(member.id, guild.id).slash("ping", channel=lobby)
    interaction = exchange.interaction
    text = f"<@{member.id}> <@&{role.id}>"

    status, _ = await rest.call(
        "POST",
        f"/interactions/{interaction.id}/{interaction.token}/callback",
        {"type": 4, "data": {"content": text}},
        auth=False,
    )

    assert status == 204
    reply = await exchange.reply()
    assert (reply.mentions, reply.mention_roles) == ([member.id], [])
    _, plain = await post(rest, lobby, {"content": text})
    assert plain["mention_roles"] == [str(role.id)]
