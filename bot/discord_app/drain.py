"""Stopping without losing work: on SIGTERM/SIGINT the bot takes no new work, lets what is in
flight finish or undo within a deadline, then exits.

Every interaction handler runs inside :meth:`Drain.track` (see :func:`bot.discord_app.guard.
guarded`). Once :meth:`Drain.stop` begins, new interactions are answered "restarting, try
again in a moment" in the member's language instead of silence; handlers still running at
the deadline are cancelled, and cancellation runs their undo (an opening drops its row and
deletes or queues its channel) before the member is told the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

log = logging.getLogger(__name__)

# After the deadline, how long cancelled handlers get to undo and answer.
UNDO_GRACE = 5.0


class Drain:
    def __init__(self) -> None:
        self.stopping = False
        self._tasks: set[asyncio.Task[object]] = set()

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    @contextlib.contextmanager
    def track(self) -> Iterator[None]:
        task = asyncio.current_task()
        if task is None or task in self._tasks:  # nested handlers: tracked once
            yield
            return
        self._tasks.add(task)
        try:
            yield
        finally:
            self._tasks.discard(task)

    async def stop(self, deadline: float, *, grace: float = UNDO_GRACE) -> int:
        """Take no new work; wait up to ``deadline`` seconds for what is in flight, then
        cancel what is left and give it ``grace`` seconds to undo. Returns how many were
        cancelled."""
        self.stopping = True
        waiting = set(self._tasks)
        if not waiting:
            return 0
        log.info("draining", extra={"in_flight": len(waiting), "deadline": deadline})
        _, late = await asyncio.wait(waiting, timeout=deadline)
        for task in late:
            task.cancel()
        if late:
            log.warning("cancelled at the drain deadline", extra={"count": len(late)})
            await asyncio.wait(late, timeout=grace)
        return len(late)
