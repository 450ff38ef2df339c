"""Whose Discord work goes first when the bot is queueing behind Discord's rate limits.

The bot's REST requests wait their turn in one queue (``bot.discord_app.pacing``: 40 a
second, under Discord's global 50). In a burst (a thousand members clicking at once) that
queue is a minute or more long, and the order it is served in decides who waits:

- **work already started finishes first**: a request of an operation begun earlier (an
  opening started at the click) goes before the requests of operations begun later, so
  openings complete one after another, in the order members clicked, rather than all
  advancing a step at a time and all finishing at the very end;
- **someone waiting goes before background work**: an interaction's requests (a member or a
  staff member is looking at "thinking...") before log lines, panel syncs, timers and the
  clean-up queue, which nobody watches. Background work is not starved for ever: it is
  ranked as if it had started :data:`BACKGROUND_DEFERRAL` seconds after it was queued, so
  only interactions begun within that time of it go before it.

Which is which travels with the work in a context variable (an asyncio task inherits it),
set by the interaction guard (``bot.discord_app.guard``) and by the background workers that
interactions start (log lines, posts after the answer). Outside any, work is background.

An operation may also carry a **deadline** for its Discord work as a whole (an opening:
well inside the interaction token's 15 minutes), which ``bot.discord_app.http_errors.within``
enforces as a timeout; waiting in the queue counts toward it, unlike the per-request
"Discord did not answer" deadline, which starts when the request leaves.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace

# Background work ranks as an interaction begun this long after the work was queued.
BACKGROUND_DEFERRAL = 30.0


@dataclass(frozen=True, slots=True)
class Urgency:
    """``started``: when the operation began (``time.monotonic()``), its rank in the queue;
    ``waiting``: someone watches for its answer (an interaction), else background work;
    ``deadline``: when its Discord work must be done (``time.monotonic()``), or None."""

    started: float
    waiting: bool
    deadline: float | None = None


_CURRENT: ContextVar[Urgency | None] = ContextVar("guichet_urgency", default=None)


def current() -> Urgency | None:
    return _CURRENT.get()


@contextlib.contextmanager
def _set(urgency: Urgency | None) -> Iterator[Urgency | None]:
    token = _CURRENT.set(urgency)
    try:
        yield urgency
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def serving(
    *, started: float | None = None, clock: Callable[[], float] = time.monotonic
) -> Iterator[Urgency | None]:
    """An interaction's work, begun now (or at ``started``); inside another one (a handler
    calling another), the outer one's start and deadline stay."""
    outer = _CURRENT.get()
    if outer is not None and outer.waiting:
        yield outer
        return
    with _set(Urgency(clock() if started is None else started, waiting=True)) as urgency:
        yield urgency


@contextlib.contextmanager
def background() -> Iterator[None]:
    """Work nobody waits for (a log line, a post after the answer), even when an interaction
    started it."""
    with _set(None):
        yield


@contextlib.contextmanager
def bounded(seconds: float, *, clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """The current operation's Discord work ends ``seconds`` after it began (an earlier
    deadline stays). Outside any operation: from now, as background work."""
    outer = _CURRENT.get() or Urgency(clock(), waiting=False)
    end = outer.started + seconds
    if outer.deadline is not None:
        end = min(end, outer.deadline)
    with _set(replace(outer, deadline=end)):
        yield


@contextlib.contextmanager
def extended(seconds: float, *, clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """At least ``seconds`` more from now for the current operation's deadline, keeping its
    rank: undoing a failed opening must not fail for the time the opening already took."""
    outer = _CURRENT.get()
    if outer is None or outer.deadline is None:
        yield
        return
    with _set(replace(outer, deadline=max(outer.deadline, clock() + seconds))):
        yield


def remaining(clock: Callable[[], float] = time.monotonic) -> float | None:
    """Seconds left before the current operation's deadline (maybe negative), or None."""
    urgency = _CURRENT.get()
    if urgency is None or urgency.deadline is None:
        return None
    return urgency.deadline - clock()


def rank(arrived: float) -> float:
    """Where a request queued at ``arrived`` (``time.monotonic()``) goes in the queue: lower
    first (see the module docstring)."""
    urgency = _CURRENT.get()
    if urgency is not None and urgency.waiting:
        return urgency.started
    return arrived + BACKGROUND_DEFERRAL
