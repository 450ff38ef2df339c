"""The member's summary on close: a DM to the opener, in their language, with the topic, the
number, who closed it and why; where the system says so the transcript attached and the 1-5
rating buttons (:mod:`bot.services.feedback`). DMs closed (Discord's 50007): posted in the
ticket when it is kept, else nobody is told; the log line and ``/ticket info`` say which.

Why a durable timer (:mod:`bot.scheduler`), not the log queue: the queue packs plain lines
per channel, while a summary is an embed with buttons and files, sent to a channel (the DM)
that is only known once opened, and with a fallback decided by Discord's answer. A timer of
kind ``summary`` gives what the summary needs: it is armed when the close is stored (one
insert, before the transcript and the channel changes), so a crash anywhere after that still
tells the member at the next start; it is taken once the close is answered
(:func:`bot.services.log_queue.after_answer`), so the member's click never waits for the DM;
a failure (Discord down) is retried with the scheduler's backoff and never reaches the
close; and one process at a time takes it (a claim), on the shard serving the server.

Never twice: the DM (or the post in the ticket) carries a nonce made of the ticket and its
close time, which Discord enforces, so an attempt that died after the post and before the
timer was finished posts nothing new when it is taken again (once its claim lapses, within
Discord's nonce window of a few minutes; a process down for longer may show it twice, never
lose it). The delivery is then recorded once per close, and only the attempt that records
it queues the log line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.config.specs import ServerSpec, Style
from bot.domain import feedback_messages as fm
from bot.domain.nonces import ticket_moment
from bot.domain.port_errors import PortError, PortErrorKind
from bot.domain.ratings import Delivery
from bot.domain.ticket_messages import OutgoingMessage, Translate
from bot.domain.tickets import EventKind, Ticket, TicketStatus
from bot.scheduler import Done, Outcome, Scheduler
from bot.services.log_queue import LineQueue, after_answer
from bot.services.transcripts import attachments
from bot.storage import TicketRepository, TranscriptRepository
from bot.storage.ratings import RatingRepository, SummaryRepository
from bot.storage.timers import Timer, TimerRepository

log = logging.getLogger(__name__)

KIND = "summary"
# The timer is armed due this long after the close: the run after the answer takes it at
# once; this only matters when that run never happened (a crash), and leaves the close's
# own work (its transcript) time to finish before a sweep takes it.
SAFETY_DELAY = timedelta(minutes=2)
# Discord failing this many times in a row (about ten minutes of backoff): the member is
# not told, rather than told hours late; the log line and /ticket info say so.
MAX_ATTEMPTS = 8
# Discord answers that will not change by trying again: nobody to post to.
_NOWHERE = frozenset(
    {
        PortErrorKind.DM_CLOSED,
        PortErrorKind.UNKNOWN_CHANNEL,
        PortErrorKind.MISSING_PERMISSIONS,
        PortErrorKind.MISSING_ACCESS,
    }
)


class SummaryPort(Protocol):
    async def open_dm(self, user_id: int) -> int:
        """The DM channel with ``user_id`` (opened, or the existing one)."""
        ...

    async def post(
        self, channel_id: int, message: OutgoingMessage, files: Sequence[tuple[str, bytes]]
    ) -> int:
        """Post ``message`` (its buttons, mentions and nonce as given) with ``files``."""
        ...

    async def guild_name(self, guild_id: int) -> str: ...

    async def archive_thread(self, thread_id: int, *, locked: bool = True) -> None: ...


@dataclass(frozen=True, slots=True)
class SummaryContext:
    timers: TimerRepository
    scheduler: Scheduler
    tickets: TicketRepository
    transcripts: TranscriptRepository
    summaries: SummaryRepository
    ratings: RatingRepository
    port: SummaryPort
    translate: Translate
    queue: LineQueue | None
    server_for: Callable[[int], ServerSpec | None]  # at call time: a reload swaps the specs
    clock: Callable[[], datetime]


def summary_nonce(ticket_id: int, closed_at: datetime) -> str:
    """The ticket and the close (see :mod:`bot.domain.nonces`)."""
    return ticket_moment("gs", ticket_id, closed_at)


class CloseSummaryService:
    def __init__(self, context: SummaryContext) -> None:
        self._c = context

    async def closed(self, server: ServerSpec, ticket: Ticket) -> None:
        """The close hook: arm the summary of this close (durable), and send it once the
        close is answered. Never raises: the close stands whatever happens here."""
        system = server.system(ticket.system_id)
        if system is None or system.close_summary is None:
            return
        try:
            due = self._c.clock() + SAFETY_DELAY
            timer = Timer(ticket.id, KIND, ticket.guild_id, due)
            await self._c.timers.arm(timer, replace_existing=True)
        except Exception:
            log.exception("summary.arm_failed", extra={"ticket_id": ticket.id})
            return

        async def send() -> None:
            try:
                await self._c.scheduler.run_one(ticket.id, KIND)
            except Exception:  # the timer stays: a sweep takes it once it is due
                log.exception("summary.run_failed", extra={"ticket_id": ticket.id})

        await after_answer(send)

    async def run(self, timer: Timer) -> Outcome:
        """The timer's handler: tell the opener of the ticket's latest close, once."""
        c = self._c
        ticket = await c.tickets.get(timer.ticket_id)
        server = c.server_for(timer.guild_id)
        system = server.system(ticket.system_id) if server is not None and ticket else None
        if (
            ticket is None
            or server is None
            or system is None
            or system.close_summary is None
            or ticket.status is not TicketStatus.CLOSED  # reopened meanwhile: moot
            or ticket.closed_at is None
        ):
            return Done()
        told = await c.summaries.get(ticket.id)
        if told is not None and told.closed_at == ticket.closed_at:
            return Done()  # recorded by an attempt that died before finishing the timer
        if any(e.kind is EventKind.MEMBER_LEFT for e in await c.tickets.list_events(ticket.id)):
            return Done()  # they left the server (Discord takes no DM then): nobody to tell
        spec = system.close_summary
        rating = spec.feedback and await c.ratings.get(ticket.id) is None
        files: tuple[tuple[str, bytes], ...] = ()
        if spec.transcript and system.transcripts:
            stored = await c.transcripts.latest_for_ticket(ticket.id)
            if stored is not None:
                # Decompressing the stored HTML takes a while at the limit: off the loop.
                files = await asyncio.to_thread(attachments, stored, ticket.number)
        try:
            server_name = await c.port.guild_name(ticket.guild_id)
            delivery, where, message_id = await self._deliver(
                server, ticket, server_name=server_name, files=files, rating=rating
            )
        except PortError as error:
            if timer.attempts < MAX_ATTEMPTS:
                raise  # the scheduler tries again later
            log.warning(
                "summary.gave_up",
                extra={
                    "ticket_id": ticket.id,
                    "kind": error.kind.value,
                    "attempts": timer.attempts,
                },
            )
            delivery, where, message_id = Delivery.FAILED, None, None
        recorded = await c.summaries.record(
            ticket.id, ticket.closed_at, delivery, channel_id=where, message_id=message_id
        )
        log.info(
            "summary.sent",
            extra={"event": "summary.sent", "ticket_id": ticket.id, "delivery": delivery.value},
        )
        if recorded and c.queue is not None and server.log_channel is not None:
            line = fm.delivery_log_line(c.translate, server, ticket, delivery)
            await c.queue.put(server.guild, server.log_channel, line)
        return Done()

    async def _deliver(
        self,
        server: ServerSpec,
        ticket: Ticket,
        *,
        server_name: str,
        files: Sequence[tuple[str, bytes]],
        rating: bool,
    ) -> tuple[Delivery, int | None, int | None]:
        """By DM, else in the kept ticket, else nowhere: (how, channel, message)."""
        c = self._c
        assert ticket.closed_at is not None
        nonce = summary_nonce(ticket.id, ticket.closed_at)

        def summary(*, in_ticket: bool) -> OutgoingMessage:
            message = fm.summary(
                c.translate,
                server,
                ticket,
                server_name=server_name,
                transcript=bool(files),
                rating=rating,
                in_ticket=in_ticket,
            )
            return replace(message, nonce=nonce)

        try:
            dm = await c.port.open_dm(ticket.opener_id)
            posted = await c.port.post(dm, summary(in_ticket=False), files)
        except PortError as error:
            if error.kind not in _NOWHERE:
                raise
        else:
            return Delivery.DM, dm, posted
        if ticket.is_deleted or ticket.channel_id is None:
            return Delivery.NONE, None, None
        try:
            posted = await c.port.post(ticket.channel_id, summary(in_ticket=True), files)
        except PortError as error:
            if error.kind not in _NOWHERE:
                raise
            return Delivery.NONE, None, None  # deleted meanwhile, or the bot may not post
        if ticket.style is Style.THREAD:
            # A post unarchives the closed thread: archived and locked again, as closed.
            try:
                await c.port.archive_thread(ticket.channel_id, locked=True)
            except PortError as error:
                log.warning(
                    "summary.rearchive_failed",
                    extra={"ticket_id": ticket.id, "kind": error.kind.value},
                )
        return Delivery.CHANNEL, ticket.channel_id, posted
