"""The scheduler loop's one round: take due timers, run their handlers, store the outcome."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.port_errors import PortError
from bot.domain.shards import ShardPlan
from bot.storage.timers import ShardFilter, Timer, TimerRepository

log = logging.getLogger(__name__)

# A timer being worked on is not taken again for this long (a crash: taken again after it).
CLAIM = timedelta(seconds=60)
FIRST_RETRY = timedelta(seconds=5)
LAST_RETRY = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Done:
    """The timer's work is over: it is deleted."""


@dataclass(frozen=True, slots=True)
class Later:
    """The timer goes on as ``timer`` (its next stage and due time)."""

    timer: Timer


Outcome = Done | Later
Handler = Callable[[Timer], Awaitable[Outcome]]


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s... capped at 15 minutes."""
    return min(FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 20)), LAST_RETRY)


class Scheduler:
    def __init__(
        self,
        timers: TimerRepository,
        *,
        clock: Callable[[], datetime],
        shards: ShardPlan | None = None,
        batch: int = 50,
    ) -> None:
        self._timers = timers
        self._clock = clock
        self._handlers: dict[str, Handler] = {}
        plan = shards or ShardPlan()
        self._filter = (
            None if plan.shard_count is None else ShardFilter(plan.shard_count, plan.serves)
        )
        self._batch = batch

    def register(self, kind: str, handler: Handler) -> None:
        self._handlers[kind] = handler

    async def run_due(self) -> int:
        """One round: every due timer of this process's shards (in batches); returns how
        many were handled. A timer whose handler fails is retried with backoff, never lost."""
        handled = 0
        seen: set[tuple[int, str]] = set()
        while True:
            batch = await self._timers.take_due(hold=CLAIM, shards=self._filter, limit=self._batch)
            fresh = [t for t in batch if (t.ticket_id, t.kind) not in seen]
            for timer in fresh:
                seen.add((timer.ticket_id, timer.kind))
                await self._run(timer)
                handled += 1
            if len(batch) < self._batch or not fresh:
                return handled

    async def run_one(self, ticket_id: int, kind: str) -> bool:
        """Take and run this timer now, due or not; False when there was none to take (done,
        or another worker holds it). Failures are retried by the sweeps, as for any timer."""
        timer = await self._timers.take(ticket_id, kind, hold=CLAIM)
        if timer is None:
            return False
        await self._run(timer)
        return True

    async def _run(self, timer: Timer) -> None:
        handler = self._handlers.get(timer.kind)
        if handler is None:  # a kind this version does not know (a newer process's): leave it
            await self._timers.retry(timer, at=self._clock() + LAST_RETRY)
            return
        try:
            outcome = await handler(timer)
        except PortError as error:
            self._retry_log(timer, error.kind.value)
            await self._timers.retry(timer, at=self._clock() + backoff(timer.attempts))
            return
        except Exception:
            log.exception(
                "timer.failed",
                extra={"event": "timer.failed", "ticket_id": timer.ticket_id, "kind": timer.kind},
            )
            await self._timers.retry(timer, at=self._clock() + backoff(timer.attempts))
            return
        if isinstance(outcome, Done):
            await self._timers.finish(timer)
        else:
            await self._timers.update(timer, outcome.timer)

    def _retry_log(self, timer: Timer, kind: str) -> None:
        log.warning(
            "timer.retry",
            extra={
                "event": "timer.retry",
                "guild_id": timer.guild_id,
                "ticket_id": timer.ticket_id,
                "timer": timer.kind,
                "attempts": timer.attempts,
                "kind": kind,
            },
        )
