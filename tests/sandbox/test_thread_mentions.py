"""Mentions in a thread add people to it, private threads included.

Discord's threads announcement: private threads "only appear for someone if they're added
manually, or are @mentioned within the Thread itself". Mentioning a role adds its members, for
roles of at most 100 members (library reports: DisCatSharp issue 11, pycord issue 1033); an edit
that adds a mention adds people without pinging them (LilyBot issue 194, discord-needle issue
107). Only members who can view the parent channel can join, and only mentions that actually
resolve (allowed_mentions, role mentionable or MENTION_EVERYONE) count. The additions arrive as
one THREAD_MEMBERS_UPDATE (developer docs, "Threads": it "will include all users who were added
to or removed from a thread by an action").

Whether a *bot's* role mention adds the role's members is undocumented and reported not to: the
emulator adds nobody for it unless told otherwise (`bot_role_mentions_add_thread_members`), and
the tests of the role rule below send as the bot with that switch on (`honoured`).
"""

from __future__ import annotations

import aiohttp
import pytest

from bot.sandbox.gateway import Intents
from bot.sandbox.messaging import MAX_ROLE_MEMBERS_ADDED_BY_MENTION
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, Guild, Role

from .conftest import Rest
from .test_gateway import DEFAULT, identify


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Mentions")


@pytest.fixture
def lobby(emulator: Emulator, guild: Guild) -> Channel:
    return emulator.add_channel(guild.id, "lobby")


@pytest.fixture
def support(emulator: Emulator, guild: Guild) -> Role:
    return emulator.add_role(guild.id, "Support", mentionable=True)


@pytest.fixture
def honoured(emulator: Emulator) -> Emulator:
    """Bots' role mentions add members, as a client honouring them would have it."""
    emulator.bot_role_mentions_add_thread_members = True
    return emulator


async def private_thread(rest: Rest, lobby: Channel) -> int:
    status, thread = await rest.call(
        "POST", f"/channels/{lobby.id}/threads", {"name": "ticket", "type": 12}
    )
    assert status == 201
    return int(thread["id"])


async def send(rest: Rest, channel_id: int, content: str, **body: object) -> dict:
    status, message = await rest.call(
        "POST", f"/channels/{channel_id}/messages", {"content": content, **body}
    )
    assert status == 200, message
    return message


def members_of(emulator: Emulator, thread_id: int) -> set[int]:
    return set(emulator.state.channels[thread_id].thread_members)


async def test_a_bots_role_mention_adds_nobody_a_members_does(
    emulator: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    ana = emulator.add_member(guild.id, "ana", roles=[support.id])
    eve = emulator.add_member(guild.id, "eve")
    thread_id = await private_thread(rest, lobby)
    bot_id = emulator.state.bot_user.id

    pinged = await send(rest, thread_id, f"<@&{support.id}> <@{eve.id}> a new ticket")

    assert pinged["mention_roles"] == [str(support.id)]  # the role is pinged...
    assert members_of(emulator, thread_id) == {bot_id, eve.id}  # ...its members not added
    await emulator.actor(eve.id).say(thread_id, f"<@&{support.id}> help?")
    assert members_of(emulator, thread_id) == {bot_id, eve.id, ana.id}


async def test_role_mention_adds_role_members_who_see_the_parent(
    honoured: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    emulator = honoured
    ana, ben, cid = (
        emulator.add_member(guild.id, name, roles=[support.id]) for name in ("ana", "ben", "cid")
    )
    outsider = emulator.add_member(guild.id, "dee")
    # cid holds the role but cannot view the parent channel.
    lobby.overwrites[cid.id] = Overwrite(id=cid.id, type=1, deny=Perm.VIEW_CHANNEL)
    thread_id = await private_thread(rest, lobby)
    assert not emulator.actor(ana.id).can_view(thread_id)

    async with aiohttp.ClientSession() as session:
        conn, _ = await identify(session, emulator, DEFAULT | Intents.GUILD_MEMBERS)
        await conn.until("GUILD_CREATE")
        message = await send(
            rest,
            thread_id,
            f"<@&{support.id}> a new ticket",
            allowed_mentions={"roles": [str(support.id)]},
        )
        assert message["mention_roles"] == [str(support.id)]
        frames = await conn.frames_until("MESSAGE_CREATE")

    bot_id = emulator.state.bot_user.id
    assert members_of(emulator, thread_id) == {bot_id, ana.id, ben.id}
    assert emulator.actor(ana.id).can_view(thread_id) and emulator.actor(ben.id).can_view(thread_id)
    assert not emulator.actor(cid.id).can_view(thread_id)
    assert not emulator.actor(outsider.id).can_view(thread_id)
    [update] = [f for f in frames if f.get("t") == "THREAD_MEMBERS_UPDATE"]
    assert update["d"]["id"] == str(thread_id) and update["d"]["member_count"] == 3
    assert sorted(m["user_id"] for m in update["d"]["added_members"]) == sorted(
        [str(ana.id), str(ben.id)]
    )
    assert all(m["member"]["user"]["id"] == m["user_id"] for m in update["d"]["added_members"])


async def test_mentions_that_do_not_ping_add_nobody(
    honoured: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    emulator = honoured
    # A server that took Mention @everyone from @everyone (a new server's default grants it).
    guild.roles[guild.id].permissions &= ~Perm.MENTION_EVERYONE
    ana = emulator.add_member(guild.id, "ana", roles=[support.id])
    quiet = emulator.add_role(guild.id, "Quiet")  # not mentionable
    ben = emulator.add_member(guild.id, "ben", roles=[quiet.id])
    thread_id = await private_thread(rest, lobby)
    bot_id = emulator.state.bot_user.id

    await send(rest, thread_id, f"<@&{support.id}> <@{ana.id}>", allowed_mentions={"parse": []})
    await send(rest, thread_id, f"<@&{quiet.id}>")  # the bot may not ping a closed role
    assert members_of(emulator, thread_id) == {bot_id}

    # With Mention @everyone the bot may ping any role, and then its members join.
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS | Perm.MENTION_EVERYONE)
    await send(rest, thread_id, f"<@&{quiet.id}>")
    assert members_of(emulator, thread_id) == {bot_id, ben.id}


async def test_user_mention_adds_that_user_if_they_see_the_parent(
    emulator: Emulator, rest: Rest, guild: Guild, lobby: Channel
) -> None:
    eve = emulator.add_member(guild.id, "eve")
    fox = emulator.add_member(guild.id, "fox")
    lobby.overwrites[fox.id] = Overwrite(id=fox.id, type=1, deny=Perm.VIEW_CHANNEL)
    thread_id = await private_thread(rest, lobby)
    await send(rest, thread_id, f"<@{eve.id}> <@{fox.id}> welcome")
    assert members_of(emulator, thread_id) == {emulator.state.bot_user.id, eve.id}
    # A member of the thread brings someone else in the same way.
    gus = emulator.add_member(guild.id, "gus")
    await emulator.actor(eve.id).say(thread_id, f"<@{gus.id}> can you help?")
    assert gus.id in members_of(emulator, thread_id)
    assert emulator.actor(gus.id).can_view(thread_id)


async def test_an_edit_that_adds_a_mention_adds_the_member(
    honoured: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    emulator = honoured
    ana = emulator.add_member(guild.id, "ana", roles=[support.id])
    thread_id = await private_thread(rest, lobby)
    message = await send(rest, thread_id, "handlers will join")
    assert members_of(emulator, thread_id) == {emulator.state.bot_user.id}
    status, _ = await rest.call(
        "PATCH",
        f"/channels/{thread_id}/messages/{message['id']}",
        {"content": f"<@&{support.id}>", "allowed_mentions": {"parse": ["roles"]}},
    )
    assert status == 200
    assert ana.id in members_of(emulator, thread_id)


async def test_role_mention_adds_nobody_when_the_role_is_too_large(
    honoured: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    emulator = honoured
    crowd = emulator.add_role(guild.id, "Everyone-ish", mentionable=True)
    for i in range(MAX_ROLE_MEMBERS_ADDED_BY_MENTION + 1):
        emulator.add_member(guild.id, f"m{i}", roles=[crowd.id])
    few = [emulator.add_member(guild.id, f"s{i}", roles=[support.id]) for i in range(2)]
    thread_id = await private_thread(rest, lobby)
    await send(rest, thread_id, f"<@&{crowd.id}> <@&{support.id}>")
    assert members_of(emulator, thread_id) == {emulator.state.bot_user.id, *(m.id for m in few)}


async def test_mentions_outside_threads_change_no_membership(
    honoured: Emulator, rest: Rest, guild: Guild, lobby: Channel, support: Role
) -> None:
    emulator = honoured
    emulator.add_member(guild.id, "ana", roles=[support.id])
    thread_id = await private_thread(rest, lobby)
    message = await send(rest, lobby.id, f"<@&{support.id}>")
    assert message["mention_roles"] == [str(support.id)]
    assert members_of(emulator, thread_id) == {emulator.state.bot_user.id}
