"""The Gateway protocol over a raw websocket: HELLO, IDENTIFY, READY and GUILD_CREATE, intents
(Message Content redaction, GUILD_MEMBERS gating), RESUME replaying missed events, refusals, and
the THREAD_* and GUILD_ROLE_* events (developer docs, "Gateway Events")."""

from __future__ import annotations

import aiohttp
import pytest

from bot.sandbox.gateway import Intents
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, ChannelType

from .conftest import Rest
from .gateway_client import DEFAULT, connect, identify


@pytest.fixture
async def session():
    async with aiohttp.ClientSession() as s:
        yield s


async def test_identify_ready_and_guild_create(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    channel = emulator.add_channel(guild.id, "general")
    emulator.add_member(guild.id, "ann")
    conn, ready = await identify(session, emulator)
    d = ready["d"]
    assert ready["s"] == 1
    assert d["user"]["id"] == str(emulator.state.bot_user.id)
    assert d["guilds"] == [{"id": str(guild.id), "unavailable": True}]
    assert d["resume_gateway_url"] == emulator.gateway_url and d["session_id"]
    create = await conn.until("GUILD_CREATE")
    assert create["d"]["id"] == str(guild.id)
    assert [c["id"] for c in create["d"]["channels"]] == [str(channel.id)]
    # Without GUILD_MEMBERS only the bot's own member is sent.
    assert [m["user"]["id"] for m in create["d"]["members"]] == [str(emulator.state.bot_user.id)]
    await conn.send(1, 2)
    assert (await conn.receive())["op"] == 11


MEMBER_EVENTS = {"GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE"}


async def test_member_list_and_events_need_guild_members(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    helper = emulator.add_role(guild.id, "helper")
    with_members, _ = await identify(session, emulator, DEFAULT | Intents.GUILD_MEMBERS)
    plain, _ = await identify(session, emulator)
    create = await with_members.until("GUILD_CREATE")
    assert len(create["d"]["members"]) == 2  # owner and bot
    await plain.until("GUILD_CREATE")

    member = emulator.add_member(guild.id, "new")
    member.roles.append(helper.id)
    emulator.member_updated(guild, member)
    await emulator.actor(member.id).leave_guild()
    emulator.add_channel(guild.id, "marker")  # a GUILDS event after them, which both receive

    seen = await with_members.frames_until("CHANNEL_CREATE", "marker")
    member_frames = [f for f in seen if f.get("t") in MEMBER_EVENTS]
    assert [f["t"] for f in member_frames] == [
        "GUILD_MEMBER_ADD",
        "GUILD_MEMBER_UPDATE",
        "GUILD_MEMBER_REMOVE",
    ]
    assert {f["d"]["user"]["username"] for f in member_frames} == {"new"}
    assert member_frames[1]["d"]["roles"] == [str(helper.id)]
    skipped = await plain.frames_until("CHANNEL_CREATE", "marker")
    assert [f["t"] for f in skipped if f.get("t") in MEMBER_EVENTS] == []
    assert skipped[-1]["d"]["name"] == "marker"


async def test_message_content_is_redacted_without_the_intent(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    channel = emulator.add_channel(guild.id, "general")
    member = emulator.add_member(guild.id, "ann")
    without, _ = await identify(session, emulator)
    with_content, _ = await identify(session, emulator, DEFAULT | Intents.MESSAGE_CONTENT)
    ann = emulator.actor(member.id)
    await ann.say(channel, "secret text")
    await ann.say(channel, f"<@{emulator.state.bot_user.id}> ping")
    redacted = await without.until("MESSAGE_CREATE")
    assert redacted["d"]["content"] == ""
    mentioned = await without.until("MESSAGE_CREATE")
    assert mentioned["d"]["content"].endswith("ping")  # mentioning the bot exempts the message
    full = await with_content.until("MESSAGE_CREATE")
    assert full["d"]["content"] == "secret text"
    assert full["d"]["member"]["roles"] == []


async def test_resume_replays_missed_events_in_order(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    conn, ready = await identify(session, emulator)
    create = await conn.until("GUILD_CREATE")
    session_id = ready["d"]["session_id"]
    await conn.ws.close(code=4000)  # not 1000/1001, which end the session (docs)
    await emulator.wait_for(
        lambda: not any(s.connection for s in emulator.gateway.sessions.values())
    )
    emulator.add_channel(guild.id, "missed-one")
    emulator.add_channel(guild.id, "missed-two")

    again = await connect(session, emulator)
    await again.send(6, {"token": emulator.token, "session_id": session_id, "seq": create["s"]})
    first, second = await again.until("CHANNEL_CREATE"), await again.until("CHANNEL_CREATE")
    assert (first["d"]["name"], second["d"]["name"]) == ("missed-one", "missed-two")
    assert second["s"] == first["s"] + 1 == create["s"] + 2
    resumed = await again.until("RESUMED")
    assert resumed["s"] == second["s"] + 1
    assert emulator.gateway.resumes == 1


async def test_unknown_session_is_invalidated(emulator: Emulator, session) -> None:
    conn = await connect(session, emulator)
    await conn.send(6, {"token": emulator.token, "session_id": "nope", "seq": 3})
    frame = await conn.receive()
    assert (frame["op"], frame["d"]) == (9, False)


async def test_bad_token_and_disallowed_intents_close_the_socket(
    emulator: Emulator, session
) -> None:
    conn = await connect(session, emulator)
    await conn.send(2, {"token": "wrong", "intents": 1, "properties": {}})
    assert await conn.closed() == 4004

    emulator.privileged_intents = 0
    conn = await connect(session, emulator)
    await conn.send(
        2, {"token": emulator.token, "intents": int(Intents.MESSAGE_CONTENT), "properties": {}}
    )
    assert await conn.closed() == 4014


async def test_request_guild_members_answers_one_chunk(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    emulator.add_member(guild.id, "zoe")
    conn, _ = await identify(session, emulator, DEFAULT | Intents.GUILD_MEMBERS)
    await conn.send(8, {"guild_id": str(guild.id), "query": "", "limit": 0, "nonce": "n1"})
    chunk = await conn.until("GUILD_MEMBERS_CHUNK")
    assert chunk["d"]["nonce"] == "n1" and len(chunk["d"]["members"]) == 3


async def test_messages_in_channels_the_bot_cannot_see_are_not_sent(
    emulator: Emulator, session
) -> None:

    guild = emulator.add_guild("G")
    bot_role = emulator.bot_role(guild.id)
    hidden = emulator.add_channel(
        guild.id, "hidden", overwrites=[Overwrite(id=bot_role.id, type=0, deny=Perm.VIEW_CHANNEL)]
    )
    visible = emulator.add_channel(guild.id, "visible")
    member = emulator.actor(emulator.add_member(guild.id, "ivy").id)
    conn, _ = await identify(session, emulator, DEFAULT | Intents.MESSAGE_CONTENT)
    await member.say(hidden, "private")
    await member.say(visible, "public")
    frame = await conn.until("MESSAGE_CREATE")
    assert frame["d"]["content"] == "public"


async def test_thread_lifecycle_events(emulator: Emulator, session, rest: Rest) -> None:
    guild = emulator.add_guild("G")
    lobby = emulator.add_channel(guild.id, "lobby")
    conn, _ = await identify(session, emulator)
    await conn.until("GUILD_CREATE")

    status, thread = await rest.call(
        "POST", f"/channels/{lobby.id}/threads", {"name": "Ticket 7", "type": 12}
    )
    assert status == 201
    created = await conn.until("THREAD_CREATE")
    assert created["d"]["id"] == thread["id"] and created["d"]["type"] == 12
    assert created["d"]["parent_id"] == str(lobby.id)
    assert created["d"]["newly_created"] is True
    assert created["d"]["member"]["user_id"] == str(emulator.state.bot_user.id)

    status, _ = await rest.call(
        "PATCH", f"/channels/{thread['id']}", {"name": "ticket-7-closed", "archived": True}
    )
    assert status == 200
    updated = await conn.until("THREAD_UPDATE")
    assert updated["d"]["name"] == "ticket-7-closed"
    assert updated["d"]["thread_metadata"]["archived"] is True

    status, _ = await rest.call("DELETE", f"/channels/{thread['id']}")
    assert status == 200
    deleted = await conn.until("THREAD_DELETE")
    assert deleted["d"] == {
        "id": thread["id"],
        "guild_id": str(guild.id),
        "parent_id": str(lobby.id),
        "type": 12,
    }


async def test_private_thread_events_skip_a_bot_that_cannot_see_it(
    emulator: Emulator, session
) -> None:
    guild = emulator.add_guild("G")
    emulator.set_bot_permissions(guild.id, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
    lobby = emulator.add_channel(guild.id, "lobby")
    owner = emulator.add_member(guild.id, "opener")
    conn, _ = await identify(session, emulator)
    await conn.until("GUILD_CREATE")
    hidden = Channel(
        id=emulator.state.ids.next(),
        guild_id=guild.id,
        type=ChannelType.PRIVATE_THREAD,
        name="members-only",
        parent_id=lobby.id,
        owner_id=owner.id,
    )
    emulator.add_channel_object(hidden)  # the bot is no member and lacks MANAGE_THREADS
    emulator.add_thread_member(hidden, emulator.state.bot_user.id)  # now it can see it
    seen = await conn.frames_until("THREAD_CREATE")
    assert [f["t"] for f in seen if f.get("t") == "THREAD_CREATE"] == ["THREAD_CREATE"]
    assert seen[-1]["d"]["id"] == str(hidden.id) and "newly_created" not in seen[-1]["d"]
    members = await conn.until("THREAD_MEMBERS_UPDATE")
    assert [m["user_id"] for m in members["d"]["added_members"]] == [
        str(emulator.state.bot_user.id)
    ]


async def test_role_events(emulator: Emulator, session) -> None:
    guild = emulator.add_guild("G")
    member = emulator.add_member(guild.id, "ann")
    conn, _ = await identify(session, emulator)
    await conn.until("GUILD_CREATE")

    role = emulator.add_role(guild.id, "Support", permissions=1024, mentionable=True)
    created = await conn.until("GUILD_ROLE_CREATE")
    assert created["d"]["guild_id"] == str(guild.id)
    assert created["d"]["role"]["id"] == str(role.id)
    assert created["d"]["role"]["permissions"] == "1024"
    assert created["d"]["role"]["mentionable"] is True

    emulator.set_bot_permissions(guild.id, Perm.VIEW_CHANNEL)
    updated = await conn.until("GUILD_ROLE_UPDATE")
    assert updated["d"]["role"]["id"] == str(emulator.bot_role(guild.id).id)
    assert updated["d"]["role"]["permissions"] == "1024"

    member.roles.append(role.id)
    emulator.role_deleted(guild, role.id)
    deleted = await conn.until("GUILD_ROLE_DELETE")
    assert deleted["d"] == {"guild_id": str(guild.id), "role_id": str(role.id)}
    assert role.id not in guild.roles and member.roles == []
