"""One process per shard at a time: PostgreSQL session advisory locks, for a hot standby.

A process takes one lock per shard it runs (in ascending order, so two processes wanting
overlapping sets cannot deadlock) on a connection of its own, outside the pool (a pooled
connection is reset, which releases advisory locks). A second process started for the same
shards waits in ``pg_advisory_lock`` until the first one's session ends; when the holder is
killed, the kernel closes its socket, PostgreSQL ends the session at once and the standby
gets the locks within a second, then connects its shards.

Never both at once: the holder pings its lock connection every ``ping`` seconds; a ping that
fails or takes longer than ``ping_timeout`` sets :attr:`ShardLease.lost`, and the runner then
stops answering (it closes the Gateway and exits, for its supervisor to restart it as the new
standby). PostgreSQL only frees the locks of a session it can no longer reach after its TCP
keepalives give up (set on this connection: ``keepalive_idle + keepalive_count *
keepalive_interval`` seconds, 8 by default), which is longer than the holder's own detection
(``ping + ping_timeout``, 3 s): a holder cut off from the database stops before a standby can
start.

SQLite runs on one machine and has no such locks: there the lease is always held (run one
process per database file).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from bot.domain.shards import ShardPlan
from bot.storage.database import Database, lock_key
from bot.storage.targets import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LeaseTiming:
    ping: float = 1.0
    ping_timeout: float = 2.0
    keepalive_idle: int = 5
    keepalive_interval: int = 1
    keepalive_count: int = 3


class ShardLease:
    """Held while :attr:`lost` is not set."""

    def __init__(self) -> None:
        self.lost = asyncio.Event()
        self.backend_pid: int | None = None  # the PostgreSQL session holding the locks


def shard_lock_keys(plan: ShardPlan) -> list[int]:
    """One advisory-lock key per shard; an unsharded process takes the one of the whole bot."""
    if plan.shard_count is None:
        return [lock_key(("guichet-shards", "all"))]
    return [lock_key(("guichet-shard", plan.shard_count, s)) for s in sorted(plan.serves)]


@contextlib.asynccontextmanager
async def hold_shards(
    db: Database,
    plan: ShardPlan,
    *,
    waiting: Callable[[], None] | None = None,
    timing: LeaseTiming | None = None,
) -> AsyncIterator[ShardLease]:
    """Wait until this process may run ``plan``'s shards, and hold them until the block ends.

    ``waiting()`` is called once if another process holds them (this one is the standby)."""
    lease = ShardLease()
    if db.engine is not Engine.POSTGRESQL:
        yield lease
        return
    import asyncpg

    timing = timing or LeaseTiming()
    conn = await asyncpg.connect(
        db.target.location,
        server_settings={
            "application_name": "guichet-shard-lease",
            "tcp_keepalives_idle": str(timing.keepalive_idle),
            "tcp_keepalives_interval": str(timing.keepalive_interval),
            "tcp_keepalives_count": str(timing.keepalive_count),
        },
    )
    monitor: asyncio.Task[None] | None = None
    try:
        for key in shard_lock_keys(plan):
            if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", key):
                if waiting is not None and not lease.lost.is_set():
                    waiting()
                    waiting = None
                await conn.execute("SELECT pg_advisory_lock($1)", key)  # blocks until freed
        conn.add_termination_listener(lambda _conn: lease.lost.set())
        lease.backend_pid = conn.get_server_pid()
        monitor = asyncio.create_task(_watch(conn, lease, timing), name="guichet-shard-lease")
        yield lease
    finally:
        if monitor is not None:
            monitor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await monitor
        with contextlib.suppress(Exception):
            await asyncio.wait_for(conn.close(), timing.ping_timeout)  # ends the session
        conn.terminate()


async def _watch(conn: object, lease: ShardLease, timing: LeaseTiming) -> None:
    while True:
        await asyncio.sleep(timing.ping)
        try:
            await asyncio.wait_for(conn.fetchval("SELECT 1"), timing.ping_timeout)  # type: ignore[attr-defined]
        except Exception:
            log.exception("lost the database connection that holds this process's shards")
            lease.lost.set()
            return
