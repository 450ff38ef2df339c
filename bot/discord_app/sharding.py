"""The bot over several Gateway shards: discord.py's AutoShardedClient under the same Guichet.

`ShardedGuichetBot(runtime, db, servers_dir=..., locales_dir=...)` asks Discord how many shards
to run (GET /gateway/bot) and runs them all in this process; `shard_count=` and `shard_ids=`
run a chosen subset, for a deployment that spreads shards over processes. Each shard receives
only its guilds (`(guild_id >> 22) % shard_count`) and their events; the bot's handlers, cache
and REST calls are those of `GuichetBot`. Shards identify as fast as Discord's
`max_concurrency` allows (from /gateway/bot), not one per 5 s.

What a process does for the servers of shards it does not run (panel sync and recovery at
start, timers) is for that deployment to decide: `GuichetBot` does it for every server it has a
file for.
"""

from __future__ import annotations

import discord

from bot.discord_app.bot import GuichetBot


class ShardedGuichetBot(GuichetBot, discord.AutoShardedClient):
    _max_concurrency: int | None = None

    async def identify_concurrency(self) -> int:
        if self._max_concurrency is None:
            limits = await self.fetch_session_start_limits()
            self._max_concurrency = max(1, limits.max_concurrency)
        return self._max_concurrency
