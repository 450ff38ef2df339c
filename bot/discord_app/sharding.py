"""The bot over several Gateway shards: discord.py's AutoShardedClient under the same Guichet.

`ShardedGuichetBot(runtime, db, servers_dir=..., locales_dir=...)` asks Discord how many shards
to run (GET /gateway/bot) and runs them all in this process; `shard_count=` and `shard_ids=`
run a chosen subset, for a deployment that spreads shards over processes. Each shard receives
only its guilds (`(guild_id >> 22) % shard_count`) and their events; the bot's handlers, cache
and REST calls are those of `GuichetBot`. Shards identify as fast as Discord's
`max_concurrency` allows (from /gateway/bot), not one per 5 s.

A process does the work of the servers its shards hold only (panel sync and recovery at start,
later timers), and the global slash commands only when it runs shard 0: see
`bot.domain.shards.ShardPlan`, which `make_bot` gives the bot.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.discord_app.bot import GuichetBot
from bot.domain.shards import ShardPlan
from bot.runtime import Runtime
from bot.storage import Database


class ShardedGuichetBot(GuichetBot, discord.AutoShardedClient):
    _max_concurrency: int | None = None

    async def identify_concurrency(self) -> int:
        if self._max_concurrency is None:
            limits = await self.fetch_session_start_limits()
            self._max_concurrency = max(1, limits.max_concurrency)
        return self._max_concurrency


def make_bot(runtime: Runtime, db: Database, *, shards: ShardPlan, **options: Any) -> GuichetBot:
    """The bot for ``shards``: one Gateway connection, or several in one process."""
    if not shards.sharded:
        return GuichetBot(runtime, db, shards=shards, **options)
    return ShardedGuichetBot(
        runtime,
        db,
        shards=shards,
        shard_ids=list(shards.serves),
        shard_count=shards.shard_count,
        **options,
    )
