"""The cyclic garbage collector kept out of the start-up, which builds only what lives on.

A start builds the configuration, the catalog and discord.py's cache of every guild: objects
that live as long as the process. As the heap grows, CPython runs a full collection each time
it has grown by a quarter, scanning everything built so far to find almost nothing: measured
at 1,000 servers (a no-op ``guichet run`` against the emulator), 6 full collections took
0.6 s of a 2 s start. ``guichet run`` pauses automatic collection before it reads the files;
the client resumes it once ready (:func:`resume`: one full collection, then what start-up
built is frozen out of the collector's sight, as before), or at the latest after
:data:`LONGEST_PAUSE` seconds (a standby waiting for its shards, a start that cannot connect),
so a process never runs long without it.
"""

from __future__ import annotations

import asyncio
import gc

LONGEST_PAUSE = 120.0  # seconds

_paused = False


def pause() -> None:
    """Stop automatic collections until :func:`resume` (``guichet run``, before loading)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_later(loop: asyncio.AbstractEventLoop, delay: float = LONGEST_PAUSE) -> None:
    """Resume by ``delay`` seconds from now whatever happens (without the freeze)."""
    loop.call_later(delay, _enable)


def resume() -> None:
    """Start-up is over: one full collection, the survivors frozen (they live as long as the
    process), and automatic collection back on if :func:`pause` stopped it."""
    gc.collect()
    gc.freeze()
    _enable()


def _enable() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()
