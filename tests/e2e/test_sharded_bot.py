"""The real bot as discord.py's AutoShardedClient over two shards: it takes Discord's
recommended shard count from /gateway/bot, starts both shards at once as max_concurrency allows
(the emulator applies the identify limit here), each shard carries its own guild, and a member
opens a ticket in the configured server as with one connection."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord_app.sharding import ShardedGuichetBot
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    AUTOMATIC,
    GUILD,
    NO_PARTNERS_COOLDOWN,
    NO_SUPPORT_COOLDOWN,
    edit_server,
    opened,
    pick,
    reply_text,
    t,
)

pytestmark = pytest.mark.e2e

# A guild on the other shard of two: shard = (guild_id >> 22) % 2.
OTHER_GUILD = ((GUILD >> 22) + 1) << 22


def two_shards(g: Guichet) -> None:
    gateway = g.emulator.gateway
    gateway.guilds_per_recommended_shard = 1  # two guilds: Discord recommends two shards
    gateway.identify_window = 5.0  # Discord's identify limit, on for this test
    gateway.max_concurrency = 2  # ... with room for both shards at once
    g.emulator.add_guild("Elsewhere", guild_id=OTHER_GUILD)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_the_bot_runs_over_two_shards(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    edit_server(workspace, AUTOMATIC, NO_SUPPORT_COOLDOWN, NO_PARTNERS_COOLDOWN)
    g = await start_guichet(prepare=two_shards, bot_class=ShardedGuichetBot)
    bot, gateway = g.bot, g.emulator.gateway
    assert isinstance(bot, ShardedGuichetBot)
    assert bot.shard_count == 2
    assert g.emulator.recorder.count("GET", "/gateway/bot") >= 1  # the recommendation asked
    assert sorted(s.shard for s in gateway.sessions.values()) == [(0, 2), (1, 2)]
    assert gateway.identify_refusals == 0  # paced by max_concurrency, not refused
    assert {guild.id: guild.shard_id for guild in bot.guilds} == {GUILD: 0, OTHER_GUILD: 1}

    # The configured server (shard 0) works end to end.
    member = g.member(locale)
    exchange = await pick(g, member, "other")
    channel = await opened(g, exchange)
    assert await reply_text(exchange) == t(g, "tickets-created", locale, channel=f"<#{channel.id}>")

    # The other guild's events reach the bot through shard 1 only.
    added = g.emulator.add_channel(OTHER_GUILD, "on-shard-one")
    await g.emulator.wait_for(lambda: bot.get_channel(added.id) is not None, timeout=3)
    [shard_one] = [s for s in gateway.sessions.values() if s.shard == (1, 2)]
    [shard_zero] = [s for s in gateway.sessions.values() if s.shard == (0, 2)]
    assert any('"name": "on-shard-one"' in text for _, text in shard_one.buffer)
    assert not any('"name": "on-shard-one"' in text for _, text in shard_zero.buffer)
