"""Tickets: creating them, finding them and changing their state (members, events and notes
are in :mod:`bot.storage.ticket_details`, rows and filters in :mod:`bot.storage.ticket_rows`).

Creation is two-step so a crash cannot leave a channel without a row or a number used
twice: :meth:`TicketRepository.reserve` allocates the number and writes a *pending*
row in one transaction (idempotent on ``request_key``); once the channel exists,
:meth:`TicketRepository.activate` records it. Pending rows older than a few minutes
are what a crash left behind: :meth:`list_pending` + :meth:`discard_pending`.

Every state change checks the domain rules inside a transaction serialized on the ticket
(so the read it decides on cannot go stale, even with other processes on PostgreSQL) and
appends a ``ticket_events`` row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Literal

from bot.domain import tickets as rules
from bot.domain.tickets import (
    EventKind,
    OpenLimits,
    Priority,
    Refusal,
    Ticket,
    TicketError,
    TicketStatus,
)
from bot.storage.by_guild import fetch_for_guilds
from bot.storage.codec import answers_to_db, time_to_db
from bot.storage.counters import TICKET_NUMBERS
from bot.storage.ticket_details import TicketDetails
from bot.storage.ticket_rows import (
    COUNT,
    COUNT_OPEN,
    SELECT,
    NewTicket,
    Reservation,
    TicketFilter,
    append_event,
    ticket_from_row,
)

__all__ = ["NewTicket", "Reservation", "TicketFilter", "TicketRepository", "append_event"]


class TicketRepository(TicketDetails):
    """Creating tickets (reserve, activate), finding them, and changing their state."""

    # --- creation ----------------------------------------------------------------------

    async def reserve(self, new: NewTicket, *, limits: OpenLimits | None = None) -> Reservation:
        """Allocate the number and write a pending ticket, once per ``request_key``.

        With ``limits``, the open count and cooldown are checked in the same transaction
        (raising :class:`TicketError` ``TOO_MANY_OPEN`` / ``COOLDOWN``), so two quick
        clicks cannot both pass. Creating a ticket restarts the member's cooldown.
        """
        async with self._db.transaction():
            # One member's openings in a system, one at a time: the limits are decided on
            # reads, and a redelivered click (same member) must find the first reservation.
            await self._db.serialize("open", new.guild_id, new.system_id, new.opener_id)
            row = await self._db.fetch_one(f"{SELECT} WHERE request_key = ?", (new.request_key,))
            if row is not None:
                return Reservation(ticket_from_row(row), created=False)
            now = self._db.now()
            if limits is not None:
                rules.check_open_limits(
                    limits,
                    open_count=await self.count_open(new.guild_id, new.system_id, new.opener_id),
                    last_opened_at=await self._cooldowns.last_opened(
                        new.guild_id, new.system_id, new.opener_id
                    ),
                    now=now,
                )
            number = await self._counters.next(new.guild_id, TICKET_NUMBERS)
            ticket_id = await self._db.insert(
                "INSERT INTO tickets (guild_id, number, system_id, topic_id, opener_id, "
                "opened_by_id, style, priority, locale, reason, answers, created_at, "
                "request_key, owner_slot, owner_epoch) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.guild_id,
                    number,
                    new.system_id,
                    new.topic_id,
                    new.opener_id,
                    new.opened_by_id,
                    new.style.value,
                    new.priority.value,
                    new.locale,
                    new.reason,
                    answers_to_db(new.answers),
                    time_to_db(now),
                    new.request_key,
                    new.owner.slot if new.owner else None,
                    new.owner.epoch if new.owner else None,
                ),
            )
            await self._cooldowns.touch(new.guild_id, new.system_id, new.opener_id, now)
            await self.append_event(
                ticket_id,
                EventKind.CREATED,
                actor_id=new.opened_by_id or new.opener_id,
                data={"number": number},
            )
            return Reservation(await self._require(ticket_id), created=True)

    async def activate(self, ticket_id: int, channel_id: int) -> Ticket:
        """Record the channel (or thread) of a pending ticket; it becomes visible in lists."""
        async with self._db.transaction():
            changed = await self._db.execute(
                "UPDATE tickets SET channel_id = ?, creation = 'active' "
                "WHERE id = ? AND creation = 'pending'",
                (channel_id, ticket_id),
            )
            if not changed:
                await self._require(ticket_id)
                raise TicketError(Refusal.NOT_PENDING)
            await self.append_event(
                ticket_id, EventKind.ACTIVATED, actor_id=None, data={"channel_id": channel_id}
            )
            return await self._require(ticket_id)

    async def attach_channel(self, ticket_id: int, channel_id: int) -> bool:
        """Note the channel of a still-pending ticket as soon as Discord made it, so a crash
        before :meth:`activate` leaves a row whose channel recovery can delete (no orphan
        channel). False if the ticket is not pending."""
        changed = await self._db.execute(
            "UPDATE tickets SET channel_id = ? WHERE id = ? AND creation = 'pending'",
            (channel_id, ticket_id),
        )
        return changed > 0

    async def discard_pending(self, ticket_id: int) -> bool:
        """Delete a pending ticket whose channel could not be made (its number stays used,
        so numbers never point at two tickets). False if it was not pending."""
        changed = await self._db.execute(
            "DELETE FROM tickets WHERE id = ? AND creation = 'pending'", (ticket_id,)
        )
        return changed > 0

    async def list_pending(self, older_than: datetime) -> list[Ticket]:
        """Pending tickets created before ``older_than``: left behind by a crash."""
        rows = await self._db.fetch_all(
            f"{SELECT} WHERE creation = 'pending' AND created_at < ? ORDER BY id",
            (time_to_db(older_than),),
        )
        return [ticket_from_row(r) for r in rows]

    async def with_live_channel(self, guild_id: int) -> list[Ticket]:
        """Tickets whose channel or thread should still exist (active, not deleted)."""
        rows = await self._db.fetch_all(
            f"{SELECT} WHERE guild_id = ? AND creation = 'active' AND deleted_at IS NULL "
            "AND channel_id IS NOT NULL ORDER BY id",
            (guild_id,),
        )
        return [ticket_from_row(r) for r in rows]

    async def with_live_channel_in(self, guild_ids: Iterable[int]) -> list[Ticket]:
        """:meth:`with_live_channel` of many guilds at once (in a few statements)."""
        rows = await fetch_for_guilds(
            self._db,
            SELECT,
            guild_ids,
            where="creation = 'active' AND deleted_at IS NULL AND channel_id IS NOT NULL",
            order_by="id",
        )
        return [ticket_from_row(r) for r in rows]

    # --- reads -------------------------------------------------------------------------

    async def get_by_channel(self, channel_id: int) -> Ticket | None:
        row = await self._db.fetch_one(f"{SELECT} WHERE channel_id = ?", (channel_id,))
        return None if row is None else ticket_from_row(row)

    async def get_by_number(self, guild_id: int, number: int) -> Ticket | None:
        row = await self._db.fetch_one(
            f"{SELECT} WHERE guild_id = ? AND number = ?", (guild_id, number)
        )
        return None if row is None else ticket_from_row(row)

    async def last_opened(self, guild_id: int, system_id: str, member_id: int) -> datetime | None:
        """When ``member_id`` last opened a ticket in the system (their cooldown's start)."""
        return await self._cooldowns.last_opened(guild_id, system_id, member_id)

    async def count_open(self, guild_id: int, system_id: str, member_id: int) -> int:
        value = await self._db.fetch_value(
            COUNT_OPEN,
            (guild_id, system_id, member_id),
        )
        return int(value)

    async def find(
        self,
        guild_id: int,
        filters: TicketFilter | None = None,
        *,
        limit: int = 25,
        before_number: int | None = None,
        offset: int = 0,
    ) -> list[Ticket]:
        """Active tickets, newest number first.

        Page with ``before_number`` (keyset: pass the last number of the previous page;
        stable while tickets are being opened) or ``offset``.
        """
        where, params = (filters or TicketFilter()).where(guild_id)
        if before_number is not None:
            where += " AND number < ?"
            params.append(before_number)
        rows = await self._db.fetch_all(
            f"{SELECT} WHERE {where} ORDER BY number DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [ticket_from_row(r) for r in rows]

    async def count(self, guild_id: int, filters: TicketFilter | None = None) -> int:
        where, params = (filters or TicketFilter()).where(guild_id)
        return int(await self._db.fetch_value(f"{COUNT} WHERE {where}", params))

    # --- state changes -----------------------------------------------------------------

    async def set_status(self, ticket_id: int, status: TicketStatus, actor_id: int) -> Ticket:
        """Move between open / in_progress / on_hold (closing has :meth:`close`)."""
        if status is TicketStatus.CLOSED:
            return await self.close(ticket_id, actor_id)
        return await self._change(
            ticket_id,
            "status",
            status,
            kind=EventKind.STATUS,
            actor_id=actor_id,
            check=lambda ticket: rules.check_status_change(ticket, status),
        )

    async def set_priority(self, ticket_id: int, priority: Priority, actor_id: int) -> Ticket:
        return await self._change(
            ticket_id,
            "priority",
            priority,
            kind=EventKind.PRIORITY,
            actor_id=actor_id,
            check=lambda ticket: rules.check_priority_change(ticket, priority),
        )

    async def _change(
        self,
        ticket_id: int,
        column: Literal["status", "priority"],
        value: TicketStatus | Priority,
        *,
        kind: EventKind,
        actor_id: int,
        check: Callable[[Ticket], None],
    ) -> Ticket:
        """Check the domain rule, set one column and log the from/to event, in one transaction."""
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            check(ticket)
            before = getattr(ticket, column).value
            await self._db.execute(
                f"UPDATE tickets SET {column} = ? WHERE id = ?",  # noqa: S608 (constant column)
                (value.value, ticket_id),
            )
            await self.append_event(
                ticket_id, kind, actor_id=actor_id, data={"from": before, "to": value.value}
            )
            return await self._require(ticket_id)

    async def claim(self, ticket_id: int, staff_id: int) -> Ticket:
        async with self._db.transaction():
            rules.check_claim(await self._locked(ticket_id), staff_id)
            await self._db.execute(
                "UPDATE tickets SET claimed_by = ? WHERE id = ?", (staff_id, ticket_id)
            )
            await self.append_event(ticket_id, EventKind.CLAIMED, actor_id=staff_id)
            return await self._require(ticket_id)

    async def unclaim(self, ticket_id: int, actor_id: int) -> Ticket:
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            rules.check_unclaim(ticket)
            await self._db.execute(
                "UPDATE tickets SET claimed_by = NULL WHERE id = ?", (ticket_id,)
            )
            await self.append_event(
                ticket_id,
                EventKind.UNCLAIMED,
                actor_id=actor_id,
                data={"previous": ticket.claimed_by},
            )
            return await self._require(ticket_id)

    async def close(
        self, ticket_id: int, actor_id: int | None, reason: str | None = None
    ) -> Ticket:
        """``actor_id`` is ``None`` when nobody known closed it (a channel deleted by hand)."""
        async with self._db.transaction():
            ticket = await self._locked(ticket_id)
            rules.check_close(ticket)
            await self._db.execute(
                "UPDATE tickets SET status = 'closed', closed_at = ?, closed_by = ?, "
                "close_reason = ? WHERE id = ?",
                (time_to_db(self._db.now()), actor_id, reason, ticket_id),
            )
            await self.append_event(
                ticket_id,
                EventKind.CLOSED,
                actor_id=actor_id,
                data={"from": ticket.status.value, "reason": reason},
            )
            return await self._require(ticket_id)

    async def reopen(self, ticket_id: int, actor_id: int) -> Ticket:
        """Back to ``open``; the close data is cleared (the events keep the history)."""
        async with self._db.transaction():
            rules.check_reopen(await self._locked(ticket_id))
            await self._db.execute(
                "UPDATE tickets SET status = 'open', closed_at = NULL, closed_by = NULL, "
                "close_reason = NULL WHERE id = ?",
                (ticket_id,),
            )
            await self.append_event(ticket_id, EventKind.REOPENED, actor_id=actor_id)
            return await self._require(ticket_id)

    async def mark_deleted(self, ticket_id: int, actor_id: int | None) -> Ticket:
        """The channel is gone; the row stays for history, transcripts and numbering.
        ``actor_id`` is ``None`` when nobody known acted (a channel deleted by hand)."""
        async with self._db.transaction():
            rules.check_delete(await self._locked(ticket_id))
            await self._db.execute(
                "UPDATE tickets SET deleted_at = ? WHERE id = ?",
                (time_to_db(self._db.now()), ticket_id),
            )
            await self.append_event(ticket_id, EventKind.DELETED, actor_id=actor_id)
            return await self._require(ticket_id)
