"""The wait for the guilds at start: over as soon as every guild READY listed has arrived.

Discord's READY lists the bot's guilds as unavailable, then streams one GUILD_CREATE per guild
("to lazily load and backfill information for all unavailable guilds sent in the Ready
event"; a guild unavailable through an outage gets a GUILD_DELETE instead: Gateway Events,
Ready and Guild Create, in Discord's developer docs). discord.py does not count them: it
dispatches ``on_ready`` once no GUILD_CREATE came for ``guild_ready_timeout`` seconds ("how
long to wait for GUILD_CREATE before dispatching on_ready", 2 s by default: discord.py's
Client options), so every start spent those seconds after the last guild.

Here READY's list is the count: once each guild it named has arrived (GUILD_CREATE) or been
told unavailable (GUILD_DELETE), the wait left is cut to a moment, and discord.py's loop ends
at its next turn. discord.py's own rule stays the bound for a guild that does not come: such a
guild (like one back from an outage later, or newly joined) arrives after the wait and is
*late*: :meth:`GuildArrivals.take_late` says so, and the client then syncs its panels and
looks for its ticket channels deleted while offline (``GatewayEvents``), so nothing depends
on the wait.

Each READY (one per shard, or a new session) adds its guilds and gives the wait back its
configured length; the guilds a shard's wait gave up on become late ones.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

# A wait of a moment, not 0: asyncio.wait_for(..., 0) would drop a GUILD_CREATE already queued
# (a guild joined meanwhile) instead of dispatching it.
_NO_MORE_WAIT = 0.001
_ARRIVED = frozenset({"guild_available", "guild_join"})
_GONE = frozenset({"guild_unavailable", "guild_remove"})


class GuildArrivals:
    """Fed every event discord.py dispatches (:meth:`see`, from ``Client.dispatch``)."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client
        # discord.py's wait reads its timeout from the connection state at each turn.
        self._state: Any = client._connection
        self.timeout: float = self._state.guild_ready_timeout  # the configured wait
        self.pending: dict[int, int | None] = {}  # guilds READY listed, not arrived: shard
        self._late: set[int] = set()

    def see(self, event: str, args: tuple[Any, ...]) -> None:
        """Called synchronously as each event is dispatched, before its handlers run: inside
        discord.py's wait loop, so a change of the timeout applies at its next turn."""
        guild = args[0] if args and isinstance(args[0], discord.Guild) else None
        if event == "connect":
            # READY's guilds are in the cache now, unavailable until their GUILD_CREATE.
            for waiting in self._client.guilds:
                if waiting.unavailable:
                    self.pending[waiting.id] = waiting.shard_id
            self._state.guild_ready_timeout = self.timeout
            self._end_if_complete()
        elif guild is not None and event in _ARRIVED:
            if guild.id in self.pending:
                del self.pending[guild.id]
            else:
                self._late.add(guild.id)  # no wait running expected it
            self._end_if_complete()
        elif guild is not None and event in _GONE:
            self.pending.pop(guild.id, None)
            self._end_if_complete()
        elif event == "ready":
            self.pending.clear()
        elif event == "shard_ready" and args:
            self.pending = {g: s for g, s in self.pending.items() if s != args[0]}

    def _end_if_complete(self) -> None:
        if not self.pending and self._state.guild_ready_timeout > _NO_MORE_WAIT:
            log.debug("every guild READY listed arrived: no more wait for GUILD_CREATE")
            self._state.guild_ready_timeout = _NO_MORE_WAIT

    def take_late(self, guild_id: int) -> bool:
        """Whether the guild just arrived after the wait that expected it (or none did)."""
        if guild_id in self._late:
            self._late.discard(guild_id)
            return True
        return False
