"""Discord's word filter for channel and thread names, on demand: `faults.refuse_names` makes
create and rename answer 400 / 50035 with INVALID_COMMUNITY_PROPERTY_NAME under `name`."""

from __future__ import annotations

import discord
import pytest

from bot.discord_app.http_errors import port_error
from bot.domain.port_errors import PortErrorKind
from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator
from bot.sandbox.state import ChannelType, Guild

from .conftest import Rest

REFUSED = {
    "message": "Invalid Form Body",
    "code": 50035,
    "errors": {
        "name": {
            "_errors": [
                {
                    "code": "INVALID_COMMUNITY_PROPERTY_NAME",
                    "message": "Contains words not allowed for servers in Server Discovery.",
                }
            ]
        }
    },
}
CREATE = "/guilds/{guild_id}/channels"


@pytest.fixture
def guild(emulator: Emulator) -> Guild:
    return emulator.add_guild("Filter")


def _names(guild: Guild) -> list[str]:
    return sorted(c.name for c in guild.channels.values())


async def test_refused_name_is_a_form_error_and_creates_nothing(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    refusal = emulator.faults.refuse_names("badword")
    path = f"/guilds/{guild.id}/channels"
    before = _names(guild)

    # Case-insensitive, anywhere in the name; and it does not tire (Discord's filter does not).
    for name in ("BadWord lounge", "ticket-badword"):
        assert await rest.call("POST", path, {"name": name, "type": 0}) == (400, REFUSED)
    assert _names(guild) == before
    assert refusal.refused == ["BadWord lounge", "ticket-badword"]

    status, created = await rest.call("POST", path, {"name": "Good Words", "type": 0})
    assert (status, created["name"]) == (201, "good-words")
    statuses = [r.status for r in emulator.recorder.filter(method="POST", route=CREATE)]
    assert statuses == [400, 400, 201]

    emulator.faults.clear()
    assert (await rest.call("POST", path, {"name": "badword", "type": 0}))[0] == 201


async def test_times_limits_a_refusal_and_names_match_as_discord_stores_them(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    # A predicate sees the name as sent and as stored: "Ticket 1488" is kept as "ticket-1488".
    emulator.faults.refuse_names(lambda name: name == "ticket-1488", times=1)
    path = f"/guilds/{guild.id}/channels"
    assert (await rest.call("POST", path, {"name": "Ticket 1488", "type": 0}))[0] == 400
    assert emulator.faults.name_refusals() == []
    assert (await rest.call("POST", path, {"name": "Ticket 1488", "type": 0}))[0] == 201
    with pytest.raises(ValueError, match="at least 1"):
        emulator.faults.refuse_names("x", times=0)


async def test_threads_and_renames_are_filtered_too(
    emulator: Emulator, rest: Rest, guild: Guild
) -> None:
    lobby = emulator.add_channel(guild.id, "lobby")
    emulator.faults.refuse_names(r"\bforbidden\b")
    threads = f"/channels/{lobby.id}/threads"
    body = {"name": "Forbidden talk", "type": ChannelType.PRIVATE_THREAD}
    assert await rest.call("POST", threads, body) == (400, REFUSED)
    assert [c for c in guild.channels.values() if c.is_thread] == []

    status, thread = await rest.call("POST", threads, {**body, "name": "Allowed talk"})
    assert status == 201
    for channel_id in (lobby.id, int(thread["id"])):
        renamed = await rest.call("PATCH", f"/channels/{channel_id}", {"name": "forbidden"})
        assert renamed == (400, REFUSED)
    assert (lobby.name, emulator.state.channels[int(thread["id"])].name) == (
        "lobby",
        "Allowed talk",
    )
    assert (await rest.call("PATCH", f"/channels/{lobby.id}", {"name": "forbiddenish"}))[0] == 200


async def test_discord_py_sees_the_refusal_and_the_bot_reads_it_as_name_refused(
    emulator: Emulator, start_discord_client, guild: Guild
) -> None:
    emulator.faults.refuse_names("badword")
    client = await start_discord_client(discord.Client(**sandbox_client_options()))
    seen = client.get_guild(guild.id)
    assert seen is not None

    with pytest.raises(discord.HTTPException) as caught:
        await seen.create_text_channel("ticket-badword")
    error = caught.value
    assert (error.status, error.code) == (400, 50035)
    assert "In name: Contains words not allowed for servers in Server Discovery." in error.text
    assert port_error(error).kind is PortErrorKind.NAME_REFUSED
    assert (await seen.create_text_channel("ticket-7")).name == "ticket-7"
