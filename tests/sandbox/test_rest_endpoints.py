"""REST endpoints the bot relies on, each checked against Discord's documented behaviour through
a raw client: pins (pin time, `before`/`limit` paging, `has_more`), application command quotas,
guild members and roles, overwrite removal, threads started from a message, and 5xx faults."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.sandbox.command_rules import MAX_COMMANDS
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, Guild

from .conftest import Rest


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Endpoints")


@pytest.fixture
def lobby(emulator: Emulator, guild: Guild) -> Channel:
    return emulator.add_channel(guild.id, "lobby")


async def post(rest: Rest, channel: Channel, content: str) -> str:
    status, message = await rest.call(
        "POST", f"/channels/{channel.id}/messages", {"content": content}
    )
    assert status == 200
    return message["id"]


# --- pins -----------------------------------------------------------------------------------


async def test_pins_are_listed_by_pin_time_with_before_and_limit_paging(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    # Pinning is no Guichet feature: this bot gets Pin Messages for the test.
    emulator.set_bot_permissions(lobby.guild_id, TICKET_BOT_PERMISSIONS | Perm.PIN_MESSAGES)
    first, second, third = [await post(rest, lobby, text) for text in ("one", "two", "three")]
    # Pinned out of message order: the list follows pin time, newest pin first.
    for message_id in (second, third, first):
        status, _ = await rest.call("PUT", f"/channels/{lobby.id}/messages/pins/{message_id}")
        assert status == 204
    pins = f"/channels/{lobby.id}/messages/pins"

    status, page = await rest.call("GET", pins)
    assert status == 200
    assert [item["message"]["id"] for item in page["items"]] == [first, third, second]
    assert page["has_more"] is False
    times = [dt.datetime.fromisoformat(item["pinned_at"]) for item in page["items"]]
    assert times == sorted(times, reverse=True) and len(set(times)) == 3
    # pinned_at is when the pin happened, not an edit time (the messages were never edited).
    assert all(item["message"]["edited_timestamp"] is None for item in page["items"])
    assert all(item["message"]["pinned"] is True for item in page["items"])

    status, head = await rest.call("GET", pins, params={"limit": "2"})
    assert [i["message"]["id"] for i in head["items"]] == [first, third]
    assert head["has_more"] is True
    status, tail = await rest.call(
        "GET", pins, params={"limit": "2", "before": head["items"][-1]["pinned_at"]}
    )
    assert [i["message"]["id"] for i in tail["items"]] == [second]
    assert tail["has_more"] is False
    status, exact = await rest.call("GET", pins, params={"limit": "3"})
    assert len(exact["items"]) == 3 and exact["has_more"] is False

    # Unpinning drops it; pinning again makes it the newest pin.
    assert (await rest.call("DELETE", f"/channels/{lobby.id}/messages/pins/{second}"))[0] == 204
    assert (await rest.call("PUT", f"/channels/{lobby.id}/messages/pins/{second}"))[0] == 204
    _, again = await rest.call("GET", pins)
    assert [i["message"]["id"] for i in again["items"]] == [second, first, third]
    # The older route lists the messages themselves, in the same order.
    status, legacy = await rest.call("GET", f"/channels/{lobby.id}/pins")
    assert (status, [m["id"] for m in legacy]) == (200, [second, first, third])


async def test_pins_page_limit_is_1_to_50(rest: Rest, lobby: Channel) -> None:
    for bad in ("0", "51"):
        status, body = await rest.call(
            "GET", f"/channels/{lobby.id}/messages/pins", params={"limit": bad}
        )
        assert (status, body["code"]) == (400, 50035)
        assert "limit" in body["errors"]


async def test_pins_are_empty_without_read_message_history(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    bot_role = emulator.bot_role(guild.id).id
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS | Perm.PIN_MESSAGES)
    channel = emulator.add_channel(guild.id, "no-history")
    message_id = await post(rest, channel, "pinned")
    assert (await rest.call("PUT", f"/channels/{channel.id}/messages/pins/{message_id}"))[0] == 204
    channel.overwrites[bot_role] = Overwrite(id=bot_role, type=0, deny=Perm.READ_MESSAGE_HISTORY)
    status, page = await rest.call("GET", f"/channels/{channel.id}/messages/pins")
    assert (status, page) == (200, {"items": [], "has_more": False})


# --- application command quotas ---------------------------------------------------------------


def chat_inputs(count: int, prefix: str = "c") -> list[dict]:
    return [{"name": f"{prefix}{i}", "description": "d", "type": 1} for i in range(count)]


def user_commands(count: int) -> list[dict]:
    return [{"name": f"User {i}", "type": 2} for i in range(count)]


async def test_bulk_overwrite_beyond_100_chat_input_commands_is_invalid(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    app = emulator.state.application_id
    assert MAX_COMMANDS[1] == 100
    path = f"/applications/{app}/commands"
    status, stored = await rest.call("PUT", path, chat_inputs(100) + user_commands(15))
    assert (status, len(stored)) == (200, 115)
    status, body = await rest.call("PUT", path, chat_inputs(101))
    assert (status, body["code"]) == (400, 50035)
    status, body = await rest.call("PUT", path, chat_inputs(2) + user_commands(16))
    assert (status, body["code"]) == (400, 50035)
    # A refused overwrite leaves the previous set in place.
    assert len(emulator.state.commands[None]) == 115


async def test_creating_a_command_past_the_quota_is_30032(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    app = emulator.state.application_id
    path = f"/applications/{app}/guilds/{guild.id}/commands"
    assert (await rest.call("PUT", path, chat_inputs(100)))[0] == 200
    status, body = await rest.call("POST", path, {"name": "extra", "description": "d", "type": 1})
    assert (status, body["code"], body["message"]) == (
        400,
        30032,
        "Maximum number of application commands reached",
    )
    # Re-creating an existing name replaces it (200): the count does not grow.
    status, _ = await rest.call("POST", path, {"name": "c0", "description": "new", "type": 1})
    assert status == 200
    # Other types have their own quota, and other scopes are counted apart.
    status, _ = await rest.call("POST", path, {"name": "Report", "type": 3})
    assert status == 201
    status, _ = await rest.call(
        "POST", f"/applications/{app}/commands", {"name": "extra", "description": "d", "type": 1}
    )
    assert status == 201
    assert len(emulator.state.commands[guild.id]) == 101


# --- guild members and roles ------------------------------------------------------------------


async def test_guild_members_list_pages_by_id_and_member_get(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    added = [emulator.add_member(guild.id, name, nick=name.upper()) for name in ("ann", "ben")]
    everyone = sorted(guild.members)
    status, first = await rest.call("GET", f"/guilds/{guild.id}/members")
    assert status == 200 and [m["user"]["id"] for m in first] == [str(everyone[0])]
    status, rest_of = await rest.call(
        "GET", f"/guilds/{guild.id}/members", params={"limit": "1000", "after": str(everyone[0])}
    )
    assert [m["user"]["id"] for m in rest_of] == [str(u) for u in everyone[1:]]
    status, body = await rest.call("GET", f"/guilds/{guild.id}/members", params={"limit": "1001"})
    assert (status, body["code"]) == (400, 50035)

    status, ann = await rest.call("GET", f"/guilds/{guild.id}/members/{added[0].id}")
    assert status == 200
    assert (ann["user"]["username"], ann["nick"], ann["roles"]) == ("ann", "ANN", [])
    status, body = await rest.call("GET", f"/guilds/{guild.id}/members/1234567890123456789")
    assert (status, body["code"]) == (404, 10007)


async def test_listing_members_needs_the_server_members_intent(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    emulator.privileged_intents = 0
    status, body = await rest.call("GET", f"/guilds/{guild.id}/members")
    assert (status, body["code"]) == (403, 50001)


async def test_roles_list_has_everyone_the_bot_role_and_created_roles(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    staff = emulator.add_role(guild.id, "Staff", permissions=Perm.MANAGE_MESSAGES, mentionable=True)
    status, roles = await rest.call("GET", f"/guilds/{guild.id}/roles")
    assert status == 200
    by_id = {r["id"]: r for r in roles}
    assert by_id[str(guild.id)]["name"] == "@everyone"
    bot_role = by_id[str(emulator.bot_role(guild.id).id)]
    assert bot_role["managed"] is True
    assert bot_role["permissions"] == str(int(TICKET_BOT_PERMISSIONS))
    assert by_id[str(staff.id)]["permissions"] == str(int(Perm.MANAGE_MESSAGES))
    assert by_id[str(staff.id)]["mentionable"] is True
    assert bot_role["position"] > by_id[str(staff.id)]["position"]


# --- overwrites -----------------------------------------------------------------------------


async def test_deleting_an_overwrite_restores_the_default(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    member = emulator.add_member(guild.id, "cam")
    bot_role = emulator.bot_role(guild.id).id
    hidden = emulator.add_channel(
        guild.id,
        "hidden",
        overwrites=[
            Overwrite(id=guild.id, type=0, deny=Perm.VIEW_CHANNEL),
            Overwrite(id=bot_role, type=0, allow=Perm.VIEW_CHANNEL),
        ],
    )
    actor = emulator.actor(member.id)
    assert not actor.can_view(hidden)
    status, _ = await rest.call("DELETE", f"/channels/{hidden.id}/permissions/{guild.id}")
    assert status == 204
    assert list(hidden.overwrites) == [bot_role] and actor.can_view(hidden)
    _, channel = await rest.call("GET", f"/channels/{hidden.id}")
    assert [o["id"] for o in channel["permission_overwrites"]] == [str(bot_role)]

    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_ROLES)
    guarded = emulator.add_channel(
        guild.id, "guarded", overwrites=[Overwrite(id=member.id, type=1, allow=Perm.VIEW_CHANNEL)]
    )
    status, body = await rest.call("DELETE", f"/channels/{guarded.id}/permissions/{member.id}")
    assert (status, body["code"]) == (403, 50013)
    assert member.id in guarded.overwrites


# --- threads from a message -----------------------------------------------------------------


async def test_thread_started_from_a_message_shares_its_id(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    message_id = await post(rest, lobby, "let's discuss")
    path = f"/channels/{lobby.id}/messages/{message_id}/threads"
    status, thread = await rest.call("POST", path, {"name": "Discussion"})
    assert status == 201
    assert thread["id"] == message_id
    assert thread["type"] == 11 and thread["parent_id"] == str(lobby.id)
    assert thread["owner_id"] == str(emulator.state.bot_user.id)
    _, message = await rest.call("GET", f"/channels/{lobby.id}/messages/{message_id}")
    assert message["thread"]["id"] == message_id
    status, body = await rest.call("POST", path, {"name": "Again"})
    assert (status, body["code"]) == (400, 160004)
    status, body = await rest.call(
        "POST", f"/channels/{lobby.id}/messages/1234567890123456789/threads", {"name": "x"}
    )
    assert (status, body["code"]) == (404, 10008)


# --- server errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"), [(500, "500: Internal Server Error"), (502, "502: Bad Gateway")]
)
async def test_server_error_faults_answer_with_discords_body(
    emulator: Emulator, rest: Rest, lobby: Channel, status: int, message: str
) -> None:
    emulator.faults.fail("POST", "/channels/{channel_id}/messages", status=status)
    mark = emulator.recorder.mark()
    got, body = await rest.call("POST", f"/channels/{lobby.id}/messages", {"content": "x"})
    assert (got, body) == (status, {"message": message, "code": 0})
    assert emulator.state.messages_in(lobby.id) == {}  # the failed request changed nothing
    got, _ = await rest.call("POST", f"/channels/{lobby.id}/messages", {"content": "x"})
    assert got == 200
    assert [r.status for r in emulator.recorder.since(mark)] == [status, 200]
