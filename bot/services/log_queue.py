"""Log and reception lines, off the member's path: written to the database, posted after the
answer, several due lines of one channel in one message.

Why: on Discord a channel takes about 5 messages per 5 s, so a burst of openings in one
server made the last members wait seconds for a line they never see. Now an action stores its
line (one insert) and the interaction's handler answers; when the handler is done (see
:func:`answer_first`), each channel's worker posts what is waiting, packing as many lines as
fit in one message (2,000 characters).

Durability: a line is in the database before the member is answered, so a crash loses none
that was due; the next start posts them (:meth:`LineQueue.resume`). The lines of one message
are marked with its batch before the post and sent with a nonce Discord enforces, so a post
whose answer was lost (crash, timeout) is not posted twice when it is retried within Discord's
nonce window (a few minutes); past it, a line may show twice, never go missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from bot.domain.port_errors import PortError, PortErrorKind
from bot.domain.ticket_messages import MAX_CONTENT, NO_MENTIONS, OutgoingMessage
from bot.services import urgency
from bot.services.port import TicketPort
from bot.storage.log_queue import LogQueueRepository, QueuedLine

log = logging.getLogger(__name__)

# Worth trying again later (the lines stay queued); any other failure drops them with a
# warning, as a failed log post always did (a log line never fails the action it reports).
RETRYABLE = frozenset(
    {PortErrorKind.SERVER_ERROR, PortErrorKind.RATE_LIMITED, PortErrorKind.TIMEOUT}
)
RETRY_DELAYS = (1.0, 5.0, 30.0)  # then left for the next wake-up or start


@dataclass
class _Held:
    """Channels whose lines were queued while an interaction is being answered."""

    channels: set[tuple[LineQueue, int]] = field(default_factory=set)
    # Posts of the handler that the member does not wait for (see `after_answer`).
    after: list[Callable[[], Awaitable[object]]] = field(default_factory=list)
    released: bool = False


_HELD: ContextVar[_Held | None] = ContextVar("guichet_lines_held", default=None)
# `after_answer` jobs running, kept from the garbage collector and waited for by `idle`.
_AFTER: set[asyncio.Task[None]] = set()


def pack(lines: list[QueuedLine], limit: int = MAX_CONTENT) -> list[QueuedLine]:
    """The first lines that fit in one message, oldest first; a batch already packed (a
    retry) is kept whole, as it was sent, so its nonce still names the same message."""
    if lines and lines[0].batch is not None:
        batch = lines[0].batch
        return [line for line in lines if line.batch == batch]
    taken: list[QueuedLine] = []
    size = 0
    for line in lines:
        if line.batch is not None:
            break
        extra = len(line.content) + (1 if taken else 0)
        if taken and size + extra > limit:
            break
        taken.append(line)
        size += extra
    return taken


class LineQueue:
    __hash__ = object.__hash__  # held in sets by identity

    def __init__(self, repo: LogQueueRepository, port: TicketPort) -> None:
        self._repo = repo
        self._port = port
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._again: set[int] = set()  # woken while its worker was busy: look once more
        self.posted = 0  # messages sent (for benchmarks and tests)

    async def put(self, guild_id: int, channel_id: int, content: str) -> None:
        """Store one line; it is posted once the current answer is sent (or now, outside an
        interaction)."""
        await self._repo.add(guild_id, channel_id, content)
        held = _HELD.get()
        if held is not None and not held.released:
            held.channels.add((self, channel_id))
        else:
            self.wake(channel_id)

    def wake(self, channel_id: int) -> None:
        worker = self._workers.get(channel_id)
        if worker is not None and not worker.done():
            self._again.add(channel_id)
            return
        task = asyncio.get_running_loop().create_task(
            self._drain(channel_id), name=f"guichet-log-{channel_id}"
        )
        self._workers[channel_id] = task
        task.add_done_callback(lambda _t, c=channel_id: self._finished(c, _t))

    def _finished(self, channel_id: int, task: asyncio.Task[None]) -> None:
        if self._workers.get(channel_id) is task:
            del self._workers[channel_id]
        if channel_id in self._again:
            self._again.discard(channel_id)
            with contextlib.suppress(RuntimeError):  # the loop is closing
                self.wake(channel_id)

    async def resume(self, guild_ids: set[int]) -> int:
        """At start: post what a stopped process left queued for these guilds."""
        channels = await self._repo.channels(guild_ids)
        for channel_id in channels:
            self.wake(channel_id)
        return len(channels)

    async def idle(self) -> None:
        """Wait until every worker and `after_answer` job is done (a graceful stop)."""
        while self._workers or _AFTER:
            running = [*self._workers.values(), *_AFTER]
            await asyncio.gather(*running, return_exceptions=True)

    async def settled(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until nothing is queued any more (tests, benchmarks): lines stored by a
        handler still answering are counted too, not only running workers."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._workers or _AFTER or await self._repo.count():
            if loop.time() > deadline:
                raise TimeoutError("log lines still queued")
            await asyncio.sleep(0.01)

    async def _drain(self, channel_id: int) -> None:
        # Nobody waits for a log line: its posts queue after interactions' requests, even
        # when an interaction's handler woke this worker (bot.services.urgency).
        with urgency.background():
            await self._drain_lines(channel_id)

    async def _drain_lines(self, channel_id: int) -> None:
        failures = 0
        while True:
            try:
                lines = pack(await self._repo.pending(channel_id))
            except Exception:
                log.warning(
                    "log_queue.read_failed", exc_info=True, extra={"channel_id": channel_id}
                )
                return
            if not lines:
                return
            ids = [line.id for line in lines]
            message = OutgoingMessage(
                content="\n".join(line.content for line in lines),
                allowed_mentions=NO_MENTIONS,
                nonce=f"gl{ids[0]}",
            )
            try:
                if lines[0].batch is None:
                    await self._repo.pack(ids)
                await self._port.send_message(channel_id, message)
            except PortError as error:
                if error.kind in RETRYABLE and failures < len(RETRY_DELAYS):
                    await asyncio.sleep(RETRY_DELAYS[failures])
                    failures += 1
                    continue
                _warn(channel_id, error.kind.value, len(ids))
                if error.kind in RETRYABLE:
                    return  # kept: the next wake-up or start tries again
            except Exception:
                log.warning(
                    "log_queue.post_failed", exc_info=True, extra={"channel_id": channel_id}
                )
                return
            else:
                self.posted += 1
            failures = 0
            await self._repo.done(ids)


def _warn(channel_id: int, kind: str, lines: int) -> None:
    log.warning(
        "event_log.post_failed",
        extra={
            "event": "event_log.post_failed",
            "channel_id": channel_id,
            "kind": kind,
            "lines": lines,
        },
    )


@contextlib.contextmanager
def answer_first() -> Iterator[None]:
    """Around an interaction's handler: lines it queues wait until it is done (its answer
    sent), then their channels are woken together, so lines due together share a message."""
    outer = _HELD.get()
    if outer is not None and not outer.released:  # a handler called by another: the outer waits
        yield
        return
    held = _Held()
    token = _HELD.set(held)
    try:
        yield
    finally:
        _HELD.reset(token)
        held.released = True
        for queue, channel_id in sorted(held.channels, key=lambda q: q[1]):
            queue.wake(channel_id)
        for job in held.after:
            task = asyncio.get_running_loop().create_task(_run_after(job))
            _AFTER.add(task)
            task.add_done_callback(_AFTER.discard)


async def after_answer(job: Callable[[], Awaitable[object]]) -> None:
    """Run ``job`` once the current interaction's handler is done, its answer sent (at once
    outside an interaction): a post the member neither waits for nor needs first, such as a
    thread ticket's Join notice in another channel. Not durable, unlike queued lines: a crash
    between the answer and the post loses it, as a crash just before the post always did."""
    held = _HELD.get()
    if held is not None and not held.released:
        held.after.append(job)
        return
    await job()


async def _run_after(job: Callable[[], Awaitable[object]]) -> None:
    try:
        with urgency.background():  # the answer is sent: nobody waits for this one
            await job()
    except Exception:  # the answer is sent: nobody is left to tell but the log
        log.exception("after_answer.failed")
