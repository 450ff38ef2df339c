"""What the ticket service hands back (results, refusals), the hooks it calls, and its log.

Shared by the modules of :class:`bot.services.tickets.TicketService`: the discord layer and the
other services import these names from :mod:`bot.services.tickets`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.config.specs import ServerSpec, SystemSpec, TopicSpec
from bot.domain.access import Actor
from bot.domain.log_lines import LogEntry
from bot.domain.ticket_messages import OutgoingMessage
from bot.domain.tickets import Ticket
from bot.services.port import PortError

# One logger for the whole ticket lifecycle, whichever module of the service writes: operators
# filter on it.
log = logging.getLogger("bot.services.tickets")

# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Opened:
    ticket: Ticket
    channel_id: int
    reply: OutgoingMessage  # ephemeral, for the member (or staff) who asked
    existing: bool = False  # the request_key was seen before: no new channel


@dataclass(frozen=True, slots=True)
class Done:
    """A close / reopen / delete went through (in storage, and on Discord when ``complete``)."""

    ticket: Ticket
    reply: OutgoingMessage
    complete: bool = True  # False: stored, but Discord could not be fully updated


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question to answer first (the close confirmation)."""

    reply: OutgoingMessage


@dataclass(frozen=True, slots=True)
class Refused:
    reply: OutgoingMessage
    reason: str  # stable code for logs and tests: a Refusal value, a port error kind...
    # Discord stopped an opening (the bot's permissions, a full category...): the line staff
    # read in the log channel, since only they can fix it. None for the member's own limits.
    staff_log: LogEntry | None = None


@dataclass(frozen=True, slots=True)
class OpenRequest:
    server: ServerSpec
    system: SystemSpec
    topic: TopicSpec
    opener: Actor
    actor: Actor  # the opener, or staff opening for them
    locale: str  # the actor's
    held: int | None  # the bot's server-wide permissions (its roles), when known
    ticket_locale: str | None = None  # the ticket's language when the caller chose it
    enforce_max_open: bool = False  # staff opening for a member still respect max_open

    @property
    def speaks(self) -> str:
        """The ticket's language: chosen, else the member's own, else (staff opening for a
        member, who did not say which language they read) the server's."""
        if self.ticket_locale is not None:
            return self.ticket_locale
        return self.server.locale if self.for_other else self.locale

    @property
    def for_other(self) -> bool:
        return self.actor.user_id != self.opener.user_id


class Stop(Exception):  # noqa: N818 - control flow inside the ticket service, never escapes
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.reason)
        self.refused = refused


class Archiver(Protocol):
    """Keeps a ticket's conversation before its channel is locked or deleted (transcripts).

    Called once per close, after the permission checks and the stored close, while the
    channel still holds the whole history. Its failures are logged, never shown: closing
    goes on.
    """

    async def __call__(
        self, server: ServerSpec, ticket: Ticket, *, closed_by: int, reason: str | None
    ) -> object: ...


ActiveHook = Callable[[ServerSpec, Ticket], Awaitable[None]]


class JoinNotice(Protocol):
    """Posts a thread ticket's Join notice (``released``: again, after a claim); never raises."""

    async def __call__(
        self, server: ServerSpec, ticket: Ticket, *, released: bool = ...
    ) -> bool: ...


class OpeningGate(Protocol):
    """Whether a member may open a ticket of ``system`` for themselves (blocks, the roles
    a system lets open: :class:`bot.services.blocks.BlockService`); ``None`` when they may."""

    async def __call__(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None: ...


def log_event(level: int, event: str, **ids: Any) -> None:
    """One structured line per event: ids and codes only, never what members typed."""
    log.log(level, event, extra={"event": event, **ids})


def log_port_error(event: str, error: PortError, *, guild_id: int, ticket: Ticket) -> None:
    log_event(
        logging.WARNING,
        event,
        guild_id=guild_id,
        ticket_id=ticket.id,
        kind=error.kind.value,
        status=error.status,
        code=error.code,
    )
