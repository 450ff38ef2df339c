"""Nothing half-made stays: openings left by a process that is gone, and the clean-up queue.

At start (and then now and then, for processes that died without a successor), every pending
opening whose process is gone is turned into clean-up work and dropped, however recent it
is: its channel is deleted when its id is known; when Discord may have made a channel whose
id never came back (a crash during the create call, a call past its deadline), that channel
is looked for by parent, name and opener among channels made since the opening began. The
queue is worked through with backoff: a delete is retried until the channel is gone, never
given up; a search stops once its window closes. The member is never blocked by any of it:
the pending row no longer counts toward their limit as soon as it is dropped.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from bot.domain.port_errors import GONE
from bot.domain.tickets import TicketError, TicketStatus
from bot.services.port import PortError, TicketPort
from bot.storage import Cleanup, CleanupRepository, Opening, OpeningRepository, TicketRepository
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

# How long a channel whose creation went unanswered is looked for: Discord answers or drops
# a request within seconds; a search past this finds nothing more.
SEARCH_WINDOW = timedelta(minutes=15)
# A heartbeat older than this means its process is gone (processes beat every few seconds).
LEASE = timedelta(seconds=60)
# An entry being worked on is not taken again for this long (another process, a crash).
CLAIM = timedelta(seconds=60)
FIRST_RETRY = timedelta(seconds=2)
LAST_RETRY = timedelta(minutes=10)


def backoff(attempts: int) -> timedelta:
    """2 s, 4 s, 8 s... capped at 10 minutes."""
    return min(FIRST_RETRY * (2 ** min(attempts, 20)), LAST_RETRY)


class CleanupService:
    def __init__(
        self,
        tickets: TicketRepository,
        port: TicketPort,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._tickets = tickets
        self._openings = OpeningRepository(tickets.db)
        self._queue = CleanupRepository(tickets.db)
        self._port = port
        self._clock = clock

    # --- openings left behind --------------------------------------------------------

    async def recover_abandoned(self, guild_ids: Iterable[int] | None = None) -> int:
        """Drop the openings of processes that are gone (of these guilds), queueing what
        they may have left in Discord; returns how many. Live processes' are untouched."""
        wanted = None if guild_ids is None else set(guild_ids)
        recovered = 0
        for opening in await self._openings.abandoned(heartbeat_before=self._clock() - LEASE):
            if wanted is not None and opening.guild_id not in wanted:
                continue
            if await self._openings.abandon(opening.ticket_id, self.left_behind(opening)):
                recovered += 1
                log.info(
                    "ticket.opening_recovered",
                    extra={
                        "event": "ticket.opening_recovered",
                        "guild_id": opening.guild_id,
                        "ticket_id": opening.ticket_id,
                        "channel_id": opening.channel_id,
                    },
                )
        return recovered

    def left_behind(self, opening: Opening) -> Cleanup | None:
        """What an opening may have left in Discord: its channel, or the search for it."""
        if opening.channel_id is not None:
            return Cleanup.delete(opening.guild_id, opening.channel_id, opening.ticket_id)
        if opening.name is None:
            return None  # the channel was never asked for
        return Cleanup.search(
            opening.guild_id,
            opening.ticket_id,
            parent_id=opening.parent_id,
            name=opening.name,
            opener_id=opening.opener_id,
            since=opening.created_at,
            give_up_at=max(self._clock(), opening.created_at) + SEARCH_WINDOW,
        )

    # --- the queue -------------------------------------------------------------------

    async def add(self, cleanup: Cleanup) -> None:
        await self._queue.add(cleanup)

    async def done(self, key: str) -> None:
        await self._queue.done(key)

    async def channel_appeared(self, guild_id: int) -> bool:
        """A channel was made in ``guild_id``: pending searches there look again now."""
        return await self._queue.searches_due_now(guild_id) > 0

    async def run_due(self, guild_ids: Iterable[int]) -> int:
        """Work through the due entries of these guilds; returns how many were finished."""
        finished = 0
        for cleanup in await self._queue.take_due(set(guild_ids), hold=CLAIM):
            try:
                done = await self._work(cleanup)
            except PortError as error:
                await self._queue.retry(
                    cleanup, after=backoff(cleanup.attempts), error=error.kind.value
                )
                log.warning(
                    "cleanup.retry",
                    extra={
                        "event": "cleanup.retry",
                        "guild_id": cleanup.guild_id,
                        "key": cleanup.key,
                        "attempts": cleanup.attempts + 1,
                        "kind": error.kind.value,
                    },
                )
                continue
            if done:
                await self._queue.done(cleanup.key)
                finished += 1
            else:
                await self._queue.retry(cleanup, after=backoff(cleanup.attempts), error="")
        return finished

    async def _work(self, cleanup: Cleanup) -> bool:
        """True when the entry is finished; False to look again later."""
        if cleanup.channel_id is not None:
            await self._delete(cleanup.channel_id)
            await self._forget(cleanup.ticket_id, cleanup.channel_id)
            return True
        found = await self._port.find_channels(
            cleanup.guild_id,
            parent_id=cleanup.parent_id,
            name=cleanup.name or "",
            opener_id=cleanup.opener_id or 0,
            since=cleanup.not_before or self._clock(),
        )
        orphans = [c for c in found if await self._tickets.get_by_channel(c) is None]
        for channel_id in orphans:
            log.info(
                "cleanup.orphan_found",
                extra={"event": "cleanup.orphan_found", "channel_id": channel_id},
            )
            try:
                await self._delete(channel_id)
            except PortError:
                await self._queue.add(
                    Cleanup.delete(cleanup.guild_id, channel_id, cleanup.ticket_id),
                    due=self._clock() + backoff(0),
                )
        if orphans:
            return True
        return cleanup.give_up_at is None or self._clock() >= cleanup.give_up_at

    async def _forget(self, ticket_id: int | None, channel_id: int) -> None:
        """A ticket whose channel the queue deleted (its deletion was cut short) is closed
        and marked deleted, as if it had finished then."""
        ticket = await self._tickets.get(ticket_id) if ticket_id is not None else None
        if ticket is None or ticket.channel_id != channel_id or ticket.is_deleted:
            return
        if ticket.status is not TicketStatus.CLOSED:
            with contextlib.suppress(TicketError):
                ticket = await self._tickets.close(ticket.id, None)
        await self._tickets.mark_deleted(ticket.id, None)

    async def _delete(self, channel_id: int) -> bool:
        try:
            await self._port.delete_channel(channel_id)
        except PortError as error:
            if error.kind in GONE:
                return True
            raise
        return True

    async def pending(self, guild_id: int | None = None) -> list[Cleanup]:
        return await self._queue.pending(guild_id)
