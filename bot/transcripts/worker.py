"""Where transcripts render: a worker process for any real conversation, the event loop for a
few messages.

Rendering is pure Python (Jinja2, the markdown's regular expressions, Fluent) and holds the
GIL throughout: in a thread it still stalls the event loop, since the loop needs the GIL back
after every wait (measured on 5,000 messages, 2 cores: in a thread, a probe of the loop saw
p99 107 ms and max 563 ms, and the render took 2.7 times longer; in a process, max 28 ms).
So a job goes to a process of its own, as plain data (:class:`~bot.transcripts.job.RenderJob`:
compressed pages, a few kilobytes each), pickled over its standard input; the result comes
back on its standard output. The worker loads the bot's own Fluent messages itself (the labels
are the bot's, never a server's), from the same folder as the bot.

One process per job, ``python -m bot.transcripts.worker_main``, rather than a
``multiprocessing`` pool: a spawned pool worker re-imports the bot's main module (``bot.cli``
and all it brings: seconds on a loaded machine) and its start runs partly on the calling
thread; a plain subprocess imports only what rendering needs, holds no memory once the job is
done (a 50,000-message render's is given back to the system), and runs at a low priority
(nice 10): the bot's answers come first (at nice 2, on this 2-core machine under load 11, the
worker's start and render put others' first answers at p99 358 ms during a 10,000-message
close; at 10, p99 76-104 ms), at the cost of a slower transcript on a loaded machine. One job
at a time: the other core stays the bot's. The worker starts once the history read so far holds
:data:`INLINE_BELOW` messages (:meth:`ProcessRenderer.expect`), so its imports and catalog (a
second or more on a loaded machine) are ready while the other pages come; below that the
render is shorter than a process start and runs on the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from bot.transcripts.job import RenderedTranscript, RenderJob, render_job
from bot.transcripts.labels import Translate

log = logging.getLogger(__name__)

INLINE_BELOW = 100  # messages: a render this small takes a few milliseconds


class RenderError(Exception):
    """The worker failed (its last lines of standard error are in the message)."""


class Renderer(Protocol):
    def expect(self, messages: int) -> None:
        """The history read so far holds ``messages``: a chance to get ready meanwhile."""
        ...

    async def render(self, job: RenderJob) -> RenderedTranscript: ...

    def close(self) -> None: ...


class InlineRenderer:
    """On the event loop: tests of the service, and conversations of a few messages."""

    def __init__(self, translate: Translate) -> None:
        self._translate = translate

    def expect(self, messages: int) -> None:  # noqa: ARG002 - nothing to get ready
        return None

    async def render(self, job: RenderJob) -> RenderedTranscript:
        return render_job(job, self._translate)

    def close(self) -> None:
        return None


class ProcessRenderer:
    """Renders in a worker process; ``catalog`` says where the bot's own messages are (the
    catalog's root folder) and whether a missing one is an error, at each job (a reload may
    change them)."""

    def __init__(
        self,
        catalog: Callable[[], tuple[Path, bool]],
        translate: Translate,
        *,
        inline_below: int = INLINE_BELOW,
    ) -> None:
        self._catalog = catalog
        self._inline = InlineRenderer(translate)
        self.inline_below = inline_below
        self._one_at_a_time = asyncio.Semaphore(1)
        self._running: set[asyncio.subprocess.Process] = set()
        # A worker started while the history is still being read (a page takes a second on
        # Discord): its imports and catalog are ready by the time the job is.
        self._spare: asyncio.Task[asyncio.subprocess.Process] | None = None

    def expect(self, messages: int) -> None:
        if messages >= self.inline_below and self._spare is None:
            self._spare = asyncio.ensure_future(self._start())

    async def _start(self) -> asyncio.subprocess.Process:
        root, strict = self._catalog()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.transcripts.worker_main",
            str(root),
            "strict" if strict else "lenient",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        self._running.add(process)
        return process

    async def _worker(self) -> asyncio.subprocess.Process:
        spare, self._spare = self._spare, None
        if spare is not None:
            with contextlib.suppress(Exception):
                process = await spare
                if process.returncode is None:
                    return process
        return await self._start()

    async def render(self, job: RenderJob) -> RenderedTranscript:
        if job.message_count < self.inline_below:
            return await self._inline.render(job)
        async with self._one_at_a_time:
            # Pickling is a copy of the pages' bytes; in a thread all the same.
            payload = await asyncio.to_thread(pickle.dumps, job, pickle.HIGHEST_PROTOCOL)
            process = await self._worker()
            try:
                out, err = await process.communicate(payload)
            finally:
                self._running.discard(process)
                if process.returncode is None:  # cancelled: the close is being abandoned
                    process.kill()
            if process.returncode != 0:
                tail = err.decode(errors="replace").strip().splitlines()[-5:]
                raise RenderError(f"exit {process.returncode}: " + " | ".join(tail))
        result = await asyncio.to_thread(pickle.loads, out)
        assert isinstance(result, RenderedTranscript)
        return result

    def close(self) -> None:
        if self._spare is not None:
            self._spare.cancel()
            self._spare = None
        for process in list(self._running):
            if process.returncode is None:
                process.kill()
