"""Issue 11, start-up: the wait for the guilds ends once every guild READY listed has arrived
(not ``guild_ready_timeout`` after the last GUILD_CREATE), and a guild that arrives after the
wait (late, back from an outage) is served then: its panels synced, its members answered.
The emulator holds a guild's GUILD_CREATE back (``gateway.held_guilds``) as a slow Discord
would, and sends it when the test says."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.discord_app.sharding import ShardedGuichetBot
from bot.runtime import load_runtime
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.test_reload_cost import MESSAGE
from tests.e2e.test_sharded_bot import OTHER_GUILD, two_shards
from tests.e2e.test_startup_cost import NEW, OLD
from tests.e2e.tickets_helpers import (
    AUTOMATIC,
    GUILD,
    NO_PARTNERS_COOLDOWN,
    NO_SUPPORT_COOLDOWN,
    SUPPORT_PANEL,
    edit_server,
    opened,
    panel,
    pick,
    reply_text,
    t,
)

pytestmark = pytest.mark.e2e

LONG_WAIT = 60.0  # discord.py's wait after the last GUILD_CREATE, were it waited out


def release(g: Guichet, guild_id: int) -> None:
    """The held guild's GUILD_CREATE, now."""
    gateway = g.emulator.gateway
    gateway.held_guilds.discard(guild_id)
    gateway.guild_joined(g.emulator.state.guilds[guild_id])


def long_wait_two_guilds(g: Guichet) -> None:
    g.bot_options["guild_ready_timeout"] = LONG_WAIT
    g.emulator.add_guild("Elsewhere", guild_id=OTHER_GUILD)


def long_wait_two_shards(g: Guichet) -> None:
    two_shards(g)
    g.bot_options["guild_ready_timeout"] = LONG_WAIT


@pytest.mark.parametrize(
    ("bot_class", "prepare"),
    [(None, long_wait_two_guilds), (ShardedGuichetBot, long_wait_two_shards)],
    ids=["one-connection", "two-shards"],
)
async def test_on_ready_comes_once_every_guild_of_ready_arrived(
    start_guichet: StartGuichet, bot_class: type | None, prepare: object
) -> None:
    # start_guichet waits 5 s for on_ready and 10 s for the panels: with discord.py's rule
    # the bot would sit LONG_WAIT seconds after the last GUILD_CREATE.
    more = {"bot_class": bot_class} if bot_class is not None else {}
    g = await start_guichet(prepare=prepare, **more)
    assert g.bot is not None and g.bot.is_ready()
    assert sorted(guild.id for guild in g.bot.guilds) == sorted([GUILD, OTHER_GUILD])
    assert not any(guild.unavailable for guild in g.bot.guilds)
    assert g.bot.arrivals.pending == {}


async def test_the_wait_lasts_while_a_guild_of_ready_is_missing(
    start_guichet: StartGuichet,
) -> None:
    g = await start_guichet()
    await g.stop()
    g.bot_options["guild_ready_timeout"] = LONG_WAIT
    g.emulator.gateway.held_guilds.add(GUILD)
    starting = asyncio.create_task(g.start())
    await g.emulator.wait_for(lambda: g.bot is not None and g.bot.guilds != [], timeout=5)
    await asyncio.sleep(0.5)
    assert g.bot is not None
    assert not g.bot.is_ready()  # READY listed GUILD: its GUILD_CREATE is still awaited
    assert not starting.done()
    release(g, GUILD)
    await asyncio.wait_for(starting, 10)  # on_ready at once, not LONG_WAIT later
    assert g.bot.is_ready()
    assert g.bot.get_guild(GUILD) is not None and not g.bot.get_guild(GUILD).unavailable


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_guild_arriving_after_on_ready_gets_its_panels_and_serves_members(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    edit_server(workspace, AUTOMATIC, NO_SUPPORT_COOLDOWN, NO_PARTNERS_COOLDOWN)
    g = await start_guichet()
    await g.stop()
    # A text changed while stopped; Discord refuses the start-up edit (out, as a guild in
    # an outage) and streams the guild after discord.py's wait.
    g.edit(g.ftl("fr"), OLD, NEW)
    g.runtime = load_runtime(g.servers_dir, g.locales_dir, strict_catalog=True)
    g.emulator.gateway.held_guilds.add(GUILD)
    g.emulator.faults.fail("PATCH", MESSAGE, status=503, times=1)
    await g.start()
    bot = g.bot
    assert bot is not None and bot.is_ready()
    guild = bot.get_guild(GUILD)
    assert guild is not None and guild.unavailable
    assert bot.last_sync is not None and bot.last_sync.report is not None
    assert len(bot.last_sync.report.failed) == 1
    assert panel(g, SUPPORT_PANEL).embeds[0]["title"] == "Besoin d'aide ?"
    # A member acting before the guild arrived is told to try again, nothing else happens.
    channels = len(g.emulator.state.channels)
    early = await pick(g, g.member(locale), "other")
    assert await reply_text(early) == t(g, "guild-not-loaded", locale)
    assert len(g.emulator.state.channels) == channels

    release(g, GUILD)
    await g.emulator.wait_for(
        lambda: panel(g, SUPPORT_PANEL).embeds[0]["title"] == "À l'aide ?", timeout=5
    )
    assert not guild.unavailable
    member = g.member(locale)
    exchange = await pick(g, member, "other")
    channel = await opened(g, exchange)
    assert await reply_text(exchange) == t(g, "tickets-created", locale, channel=f"<#{channel.id}>")
