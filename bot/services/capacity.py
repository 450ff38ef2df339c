"""Caps on open tickets: per system (``max_open_tickets`` under a system) and per server
(``max_open_tickets`` at the top of the file), all members together.

Checked like blocks, before a member opens or asks for a ticket for themselves (the gate of
:class:`~bot.services.tickets.TicketService`); staff opening for a member decide for
themselves. Two members opening at the very same moment may both pass the last free place:
the cap is a capacity guard, not an exact quota.
"""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.ticket_messages import Translate
from bot.domain.tickets import TicketStatus
from bot.i18n.ids import message_id
from bot.services.tickets import OpeningGate, Refused
from bot.storage import TicketFilter, TicketRepository

log = logging.getLogger(__name__)

OPEN_STATUSES = frozenset({TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD})


class CapacityService:
    def __init__(self, tickets: TicketRepository, translate: Translate) -> None:
        self._tickets = tickets
        self._translate = translate

    async def opening_refusal(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None:
        del member  # the same for everyone
        if system.max_open_tickets is not None:
            mine = TicketFilter(statuses=OPEN_STATUSES, system_id=system.id)
            if await self._tickets.count(server.guild, mine) >= system.max_open_tickets:
                return self._full(server, locale, "system-full", system.max_open_tickets)
        if server.max_open_tickets is not None:
            every = TicketFilter(statuses=OPEN_STATUSES)
            if await self._tickets.count(server.guild, every) >= server.max_open_tickets:
                return self._full(server, locale, "server-full", server.max_open_tickets)
        return None

    def _full(self, server: ServerSpec, locale: str, reason: str, cap: int) -> Refused:
        log.info("ticket.open_capped", extra={"guild_id": server.guild, "reason": reason})
        msg_id = message_id(
            "capacity-system-full" if reason == "system-full" else "capacity-server-full"
        )
        return Refused(tm.reply(self._translate, locale, server, msg_id, max=cap), reason)


def every_gate(*gates: OpeningGate) -> OpeningGate:
    """One gate that asks each in turn; the first refusal wins."""

    async def gate(
        server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None:
        for one in gates:
            if (refused := await one(server, system, member, locale=locale)) is not None:
                return refused
        return None

    return gate
