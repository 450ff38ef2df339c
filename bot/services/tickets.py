"""Opening, closing, reopening and deleting tickets: storage + Discord port + messages.

The discord layer parses an interaction, calls one method here and sends the reply it gets
back. Every method returns a small result (:class:`Opened`, :class:`Done`, :class:`Prompt`,
:class:`Refused`) with a localized reply; refusals and Discord failures never cross as
exceptions.

No half ticket: the row is reserved first (number, limits, cooldown and request_key dedup in
one transaction), then the channel is created with its overwrites inline, the first message
is sent, and only then is the row activated. Any failure after the channel exists deletes the
channel and discards the still-pending row, so a member never sees a ticket without its
buttons and the database never lists a ticket without a channel. (Activating *after* the
first message is what makes discarding possible: ``discard_pending`` only removes pending
rows, and the message's custom_ids need only the ticket id, known since the reservation.)
The first message's id is stored too: staff tools edit that message in place.

Closing hands the ticket to an optional ``archiver`` (the transcript) after the permission
checks and the stored close, before the channel is locked or deleted: a refused close
archives nothing, and a deleted channel's history is already kept.

The service is one class assembled from one module per concern: :mod:`ticket_results`
(results, hooks, log), :mod:`ticket_core` (shared state and helpers), :mod:`ticket_limits`,
:mod:`ticket_channels`, :mod:`ticket_opening` and :mod:`ticket_closing`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from bot.domain.tickets import Ticket, TicketError, TicketStatus
from bot.services.ticket_closing import CLOSE_PROMPT_LIFETIME, TicketClosing
from bot.services.ticket_opening import TicketOpening
from bot.services.ticket_results import (
    ActiveHook,
    Archiver,
    Done,
    JoinNotice,
    Opened,
    OpeningGate,
    Prompt,
    Refused,
    log_event,
)

__all__ = [
    "CLOSE_PROMPT_LIFETIME",
    "ActiveHook",
    "Archiver",
    "Done",
    "JoinNotice",
    "Opened",
    "OpeningGate",
    "Prompt",
    "Refused",
    "TicketService",
]


class TicketService(TicketOpening, TicketClosing):
    """Opening, closing, reopening and deleting tickets (each part in its own module)."""

    # --- Discord events and start-up -------------------------------------------------

    async def ticket_in_channel(self, channel_id: int) -> Ticket | None:
        """The ticket a channel or thread belongs to (for slash commands run inside it)."""
        return await self._tickets.get_by_channel(channel_id)

    async def on_channel_deleted(self, channel_id: int) -> Ticket | None:
        """Someone deleted a ticket channel by hand: the ticket is closed (if it was not),
        then marked deleted, so it stops counting toward the member's limit and its history
        says when it ended. ``None`` when it was no (live) ticket."""
        ticket = await self._tickets.get_by_channel(channel_id)
        if ticket is None or ticket.is_deleted:
            return None
        # No member acted (the audit log would say who; not worth a request): actor None.
        if ticket.status is not TicketStatus.CLOSED:
            with contextlib.suppress(TicketError):  # closed meanwhile by someone: fine
                ticket = await self._tickets.close(ticket.id, None)
        ticket = await self._tickets.mark_deleted(ticket.id, None)
        log_event(
            logging.INFO, "ticket.channel_deleted", guild_id=ticket.guild_id, ticket_id=ticket.id
        )
        return ticket

    async def recover_abandoned(self, guild_ids: Iterable[int] | None = None) -> int:
        """At start (and now and then): drop the openings of processes that are gone,
        however recent, and queue what they left in Discord; returns how many."""
        return await self.cleanups.recover_abandoned(guild_ids)
