"""Issue 11, start-up: ``guichet run`` pauses automatic garbage collection while it builds
what lives on, and the client resumes it once ready (or a timer does, whatever happens)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from bot import startup_gc


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    startup_gc._paused = False
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_paused_until_the_bot_is_ready() -> None:
    startup_gc.pause()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen  # what start-up built is out of the collector's sight


def test_a_collector_disabled_by_someone_else_stays_so() -> None:
    gc.disable()
    startup_gc.pause()  # nothing to pause
    startup_gc.resume()
    assert not gc.isenabled()


async def test_back_on_after_a_while_if_never_ready() -> None:
    startup_gc.pause()
    startup_gc.resume_later(asyncio.get_running_loop(), 0.01)
    await asyncio.sleep(0.05)
    assert gc.isenabled()
    startup_gc.resume()  # ready later: still one collection and the freeze, nothing more
    assert gc.isenabled()
