"""Durable timers: due times in the database, idempotent actions, one worker per server.

:class:`Scheduler` takes the due timers of the guilds its process serves (by shard, in SQL,
so another process's guilds never starve this one's batch), hands each to the handler
registered for its kind, and stores what the handler decided. Handlers must be idempotent:
a crash between their Discord call and the stored outcome makes them run again once the
claim lapses (they look at Discord and storage first, e.g. adopt a warning already posted).
"""

from bot.scheduler.core import Done, Handler, Later, Outcome, Scheduler

__all__ = ["Done", "Handler", "Later", "Outcome", "Scheduler"]
