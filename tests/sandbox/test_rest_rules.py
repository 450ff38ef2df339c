"""Discord's REST rules as the emulator enforces them on the bot's own requests: error codes and
bodies, permissions, limits, name normalization, paging, uploads and mentions."""

from __future__ import annotations

import pytest

from bot.sandbox.channel_rules import MAX_ACTIVE_THREADS, MAX_PER_CATEGORY, MAX_PER_GUILD
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, ChannelType

from .conftest import Rest


@pytest.fixture
def guild(emulator: Emulator):
    return emulator.add_guild("Rules")


@pytest.fixture
def lobby(emulator: Emulator, guild) -> Channel:
    return emulator.add_channel(guild.id, "lobby")


async def test_requests_without_the_bot_token_get_401(rest: Rest) -> None:
    status, body = await rest.call("GET", "/users/@me", auth=False)
    assert (status, body) == (401, {"message": "401: Unauthorized", "code": 0})


async def test_unknown_channel_and_message_codes(rest: Rest, lobby: Channel) -> None:
    status, body = await rest.call("GET", "/channels/1234567890123456789")
    assert (status, body["code"]) == (404, 10003)
    status, body = await rest.call("GET", f"/channels/{lobby.id}/messages/1234567890123456789")
    assert (status, body["code"], body["message"]) == (404, 10008, "Unknown Message")


async def test_hidden_channel_is_missing_access_and_missing_bits_are_missing_permissions(
    emulator: Emulator, rest: Rest, guild
) -> None:
    bot_role = emulator.bot_role(guild.id)
    hidden = emulator.add_channel(
        guild.id,
        "staff",
        overwrites=[Overwrite(id=bot_role.id, type=0, deny=Perm.VIEW_CHANNEL)],
    )
    status, body = await rest.call("POST", f"/channels/{hidden.id}/messages", {"content": "hi"})
    assert (status, body["code"], body["message"]) == (403, 50001, "Missing Access")

    muted = emulator.add_channel(
        guild.id,
        "announcements",
        overwrites=[Overwrite(id=bot_role.id, type=0, deny=Perm.SEND_MESSAGES)],
    )
    status, body = await rest.call("POST", f"/channels/{muted.id}/messages", {"content": "hi"})
    assert (status, body["code"], body["message"]) == (403, 50013, "Missing Permissions")


async def test_embeds_need_embed_links_where_sending_is_allowed(
    emulator: Emulator, rest: Rest, guild
) -> None:
    bot_role = emulator.bot_role(guild.id)
    # The bot may send here, but a channel overwrite takes Embed Links from it (its role and
    # @everyone both grant it guild-wide).
    plain = emulator.add_channel(
        guild.id,
        "plain-text",
        overwrites=[Overwrite(id=bot_role.id, type=0, deny=Perm.EMBED_LINKS)],
    )
    path = f"/channels/{plain.id}/messages"
    status, sent = await rest.call("POST", path, {"content": "text is fine"})
    assert (status, sent["content"]) == (200, "text is fine")
    status, body = await rest.call("POST", path, {"embeds": [{"title": "no embed links"}]})
    assert (status, body["code"]) == (403, 50013)
    assert [m.content for m in emulator.state.messages_in(plain.id).values()] == ["text is fine"]
    # The same embed goes through where the overwrite is absent.
    lobby = emulator.add_channel(guild.id, "lobby")
    status, _ = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"embeds": [{"title": "embed links"}]}
    )
    assert status == 200


async def test_channel_create_normalizes_text_names_and_applies_inline_overwrites(
    emulator: Emulator, rest: Rest, guild
) -> None:
    member = emulator.add_member(guild.id, "dana")
    other = emulator.add_member(guild.id, "eli")
    category = emulator.add_category(guild.id, "Tickets")
    status, created = await rest.call(
        "POST",
        f"/guilds/{guild.id}/channels",
        {
            "name": "Ticket 42 — Dana's Problem!",
            "type": 0,
            "parent_id": str(category.id),
            "permission_overwrites": [
                {"id": str(guild.id), "type": 0, "allow": "0", "deny": str(int(Perm.VIEW_CHANNEL))},
                {
                    "id": str(member.id),
                    "type": 1,
                    "allow": str(int(Perm.VIEW_CHANNEL)),
                    "deny": "0",
                },
            ],
        },
    )
    assert status == 201
    assert created["name"] == "ticket-42-—-danas-problem"
    assert created["parent_id"] == str(category.id)
    assert emulator.actor(member.id).can_view(int(created["id"]))
    assert not emulator.actor(other.id).can_view(int(created["id"]))
    # Category names keep their case and spaces.
    status, cat = await rest.call(
        "POST", f"/guilds/{guild.id}/channels", {"name": "Closed Tickets", "type": 4}
    )
    assert (status, cat["name"]) == (201, "Closed Tickets")


async def test_creating_channels_needs_manage_channels_and_overwrites_need_manage_roles(
    emulator: Emulator, rest: Rest, guild
) -> None:
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_ROLES)
    status, body = await rest.call(
        "POST",
        f"/guilds/{guild.id}/channels",
        {"name": "t", "permission_overwrites": [{"id": str(guild.id), "type": 0, "deny": "1024"}]},
    )
    assert (status, body["code"]) == (403, 50013)
    emulator.set_bot_permissions(guild.id, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_CHANNELS)
    status, body = await rest.call("POST", f"/guilds/{guild.id}/channels", {"name": "t"})
    assert (status, body["code"]) == (403, 50013)


async def test_bot_cannot_grant_permissions_it_lacks(emulator: Emulator, rest: Rest, guild) -> None:
    status, body = await rest.call(
        "POST",
        f"/guilds/{guild.id}/channels",
        {
            "name": "t",
            "permission_overwrites": [
                {"id": str(guild.id), "type": 0, "allow": str(int(Perm.BAN_MEMBERS))}
            ],
        },
    )
    assert (status, body["code"]) == (403, 50013)


async def test_full_category_answers_50035_on_parent_id(
    emulator: Emulator, rest: Rest, guild
) -> None:
    category = emulator.add_category(guild.id, "Tickets")
    for i in range(MAX_PER_CATEGORY):
        emulator.add_channel(guild.id, f"t-{i}", parent_id=category.id)
    status, body = await rest.call(
        "POST", f"/guilds/{guild.id}/channels", {"name": "one-more", "parent_id": str(category.id)}
    )
    assert status == 400
    assert body["code"] == 50035 and body["message"] == "Invalid Form Body"
    [error] = body["errors"]["parent_id"]["_errors"]
    assert error["code"] == "CHANNEL_PARENT_MAX_CHANNELS"
    assert error["message"] == "Maximum number of channels in category reached (50)"
    # Moving a channel into the full category is refused the same way.
    loose = emulator.add_channel(guild.id, "loose")
    status, body = await rest.call(
        "PATCH", f"/channels/{loose.id}", {"parent_id": str(category.id)}
    )
    assert (status, body["code"]) == (400, 50035)


async def test_guild_channel_cap_is_30013(emulator: Emulator, rest: Rest, guild) -> None:
    while len(guild.top_level_channels()) < MAX_PER_GUILD:
        emulator.add_channel(guild.id, "filler")
    status, body = await rest.call("POST", f"/guilds/{guild.id}/channels", {"name": "overflow"})
    assert (status, body["code"]) == (400, 30013)


async def test_active_thread_cap_is_160006(
    emulator: Emulator, rest: Rest, guild, lobby: Channel
) -> None:
    for i in range(MAX_ACTIVE_THREADS):
        emulator.add_channel_object(
            Channel(
                id=emulator.state.ids.next(),
                guild_id=guild.id,
                type=ChannelType.PUBLIC_THREAD,
                name=f"x{i}",
                parent_id=lobby.id,
            )
        )
    status, body = await rest.call(
        "POST", f"/channels/{lobby.id}/threads", {"name": "one more", "type": 12}
    )
    assert (status, body["code"]) == (400, 160006)


async def test_message_limits_come_back_as_field_errors(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    status, body = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"content": "x" * 2001}
    )
    assert (status, body["code"]) == (400, 50035)
    assert "content" in body["errors"]

    row = {
        "type": 1,
        "components": [
            {"type": 2, "style": 1, "label": str(i), "custom_id": f"b{i}"} for i in range(6)
        ],
    }
    status, body = await rest.call("POST", f"/channels/{lobby.id}/messages", {"components": [row]})
    assert (status, body["code"]) == (400, 50035)
    assert "components" in body["errors"]

    status, body = await rest.call("POST", f"/channels/{lobby.id}/messages", {})
    assert (status, body["code"]) == (400, 50006)
    # These bodies break Discord's schema too: recorded as violations, cleared here on purpose.
    if emulator.validator is not None:
        assert emulator.take_violations()


async def test_rules_without_openapi_validation(
    rest: Rest, emulator: Emulator, lobby: Channel
) -> None:
    """The emulator's own checks hold even when the OpenAPI file is not available."""
    emulator.validator = None
    long_label = {
        "type": 1,
        "components": [{"type": 2, "style": 1, "label": "x" * 81, "custom_id": "a"}],
    }
    status, body = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"components": [long_label]}
    )
    assert body["errors"]["components"]["0"]["components"]["0"]["label"]["_errors"][0]["code"] == (
        "BASE_TYPE_MAX_LENGTH"
    )
    embeds = [{"title": "t" * 256, "description": "d" * 4096}, {"description": "d" * 4096}]
    status, body = await rest.call("POST", f"/channels/{lobby.id}/messages", {"embeds": embeds})
    assert body["errors"]["embeds"]["_errors"][0]["code"] == "MAX_EMBED_SIZE_EXCEEDED"
    status, body = await rest.call(
        "POST",
        f"/channels/{lobby.id}/messages",
        {
            "components": [
                {
                    "type": 1,
                    "components": [{"type": 2, "style": 1, "label": "a", "custom_id": "c" * 101}],
                }
            ]
        },
    )
    assert status == 400


@pytest.mark.skipif(
    __import__("bot.sandbox.openapi", fromlist=["find_spec"]).find_spec() is None,
    reason="Discord's openapi.json is not available",
)
async def test_openapi_rejects_a_malformed_body_and_records_it(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    status, body = await rest.call(
        "POST", f"/channels/{lobby.id}/messages", {"content": 42, "tts": "yes"}
    )
    assert (status, body["code"], body["message"]) == (400, 50035, "Invalid Form Body")
    assert "content" in body["errors"]
    [violation] = emulator.take_violations()
    assert violation.method == "POST" and violation.path == f"/channels/{lobby.id}/messages"
    assert emulator.state.messages_in(lobby.id) == {}


async def test_allowed_mentions_decide_who_is_pinged(
    emulator: Emulator, rest: Rest, guild, lobby: Channel
) -> None:
    member = emulator.add_member(guild.id, "fay")
    role = emulator.add_role(guild.id, "staff", mentionable=True)
    text = f"@everyone <@{member.id}> <@&{role.id}> hello"
    status, quiet = await rest.call(
        "POST",
        f"/channels/{lobby.id}/messages",
        {"content": text, "allowed_mentions": {"parse": []}},
    )
    assert status == 200
    assert (quiet["mentions"], quiet["mention_roles"], quiet["mention_everyone"]) == ([], [], False)

    status, users_only = await rest.call(
        "POST",
        f"/channels/{lobby.id}/messages",
        {"content": text, "allowed_mentions": {"users": [str(member.id)]}},
    )
    assert [u["id"] for u in users_only["mentions"]] == [str(member.id)]
    assert users_only["mention_roles"] == [] and users_only["mention_everyone"] is False

    # Without allowed_mentions everything written pings; @everyone needs MENTION_EVERYONE,
    # which a new server's @everyone holds...
    status, loud = await rest.call("POST", f"/channels/{lobby.id}/messages", {"content": text})
    assert [u["id"] for u in loud["mentions"]] == [str(member.id)]
    assert loud["mention_roles"] == [str(role.id)]
    assert loud["mention_everyone"] is True
    # ...until the server takes it away.
    guild.roles[guild.id].permissions &= ~Perm.MENTION_EVERYONE
    status, tame = await rest.call("POST", f"/channels/{lobby.id}/messages", {"content": text})
    assert tame["mention_everyone"] is False and tame["mention_roles"] == [str(role.id)]


async def test_message_paging_newest_first(
    emulator: Emulator, rest: Rest, guild, lobby: Channel
) -> None:
    # Seven messages by a member: the bot may post only 5 per 5 s in one channel.
    talker = emulator.actor(emulator.add_member(guild.id, "talker").id, guild.id)
    ids = [str((await talker.say(lobby, f"m{i}")).id) for i in range(7)]
    _, page = await rest.call("GET", f"/channels/{lobby.id}/messages", params={"limit": "3"})
    assert [m["id"] for m in page] == ids[:-4:-1]
    _, before = await rest.call(
        "GET", f"/channels/{lobby.id}/messages", params={"limit": "2", "before": ids[4]}
    )
    assert [m["id"] for m in before] == [ids[3], ids[2]]
    _, after = await rest.call(
        "GET", f"/channels/{lobby.id}/messages", params={"limit": "2", "after": ids[1]}
    )
    assert [m["id"] for m in after] == [ids[3], ids[2]]
    _, around = await rest.call(
        "GET", f"/channels/{lobby.id}/messages", params={"limit": "3", "around": ids[3]}
    )
    assert [m["id"] for m in around] == [ids[4], ids[3], ids[2]]


async def test_multipart_upload_is_stored_and_served(
    emulator: Emulator, rest: Rest, lobby: Channel
) -> None:
    status, sent = await rest.call(
        "POST",
        f"/channels/{lobby.id}/messages",
        {
            "content": "transcript",
            "attachments": [{"id": 0, "filename": "t.txt", "description": "log"}],
        },
        files={"files[0]": ("t.txt", b"hello transcript")},
    )
    assert status == 200
    [attachment] = sent["attachments"]
    assert (attachment["filename"], attachment["size"], attachment["description"]) == (
        "t.txt",
        16,
        "log",
    )
    async with rest.session.get(attachment["url"]) as response:
        assert await response.read() == b"hello transcript"
    emulator.state.guilds[lobby.guild_id].roles[lobby.guild_id].permissions &= ~Perm.ATTACH_FILES
    emulator.set_bot_permissions(lobby.guild_id, TICKET_BOT_PERMISSIONS & ~Perm.ATTACH_FILES)
    status, body = await rest.call(
        "POST",
        f"/channels/{lobby.id}/messages",
        {"content": "x"},
        files={"files[0]": ("a.txt", b"a")},
    )
    assert (status, body["code"]) == (403, 50013)


async def test_private_thread_and_its_members(
    emulator: Emulator, rest: Rest, guild, lobby: Channel
) -> None:
    member = emulator.add_member(guild.id, "gus")
    bystander = emulator.add_member(guild.id, "hal")
    status, thread = await rest.call(
        "POST",
        f"/channels/{lobby.id}/threads",
        {"name": "ticket-1", "type": 12, "invitable": False, "auto_archive_duration": 10080},
    )
    assert status == 201
    assert thread["type"] == 12 and thread["thread_metadata"]["invitable"] is False
    thread_id = int(thread["id"])
    assert not emulator.actor(member.id).can_view(thread_id)
    status, _ = await rest.call("PUT", f"/channels/{thread_id}/thread-members/{member.id}")
    assert status == 204
    assert emulator.actor(member.id).can_view(thread_id)
    assert not emulator.actor(bystander.id).can_view(thread_id)
    _, members = await rest.call("GET", f"/channels/{thread_id}/thread-members")
    assert {m["user_id"] for m in members} == {str(member.id), str(emulator.state.bot_user.id)}
    status, locked = await rest.call(
        "PATCH", f"/channels/{thread_id}", {"archived": True, "locked": True}
    )
    assert locked["thread_metadata"] == {
        **locked["thread_metadata"],
        "archived": True,
        "locked": True,
    }
    status, body = await rest.call("PUT", f"/channels/{thread_id}/thread-members/{bystander.id}")
    assert (status, body["code"]) == (400, 50083)


async def test_deleting_a_channel_then_using_it_is_unknown(rest: Rest, lobby: Channel) -> None:
    status, deleted = await rest.call("DELETE", f"/channels/{lobby.id}")
    assert (status, deleted["id"]) == (200, str(lobby.id))
    status, body = await rest.call("POST", f"/channels/{lobby.id}/messages", {"content": "x"})
    assert (status, body["code"]) == (404, 10003)
