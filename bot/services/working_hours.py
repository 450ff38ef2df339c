"""Working hours at opening time: a member opening out of hours is told when the team is back,
and with ``outside: refuse`` their ticket does not open.

Two hooks, both asked only when a member opens (or asks for) a ticket for themselves: staff
opening for a member (``/ticket create``, accepting a request) decide for themselves.

- :meth:`WorkingHoursService.opening_refusal` is an
  :class:`~bot.services.tickets.OpeningGate` (composed with the others in
  ``bot.services.capacity.every_gate``): refuse mode, so it also answers before the questions
  dialog opens and stops a request for approval.
- :meth:`WorkingHoursService.with_notice` adds the notice to the member's answer ("your ticket
  is open", "your request was sent"): no Discord request of its own.

Nothing is stored: whether the team is there is worked out from the configuration and the
clock at each opening, so a restart or a reload changes nothing but the configuration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.autoclose_messages import timestamp
from bot.domain.ticket_messages import MAX_CONTENT, OutgoingMessage, Translate, fit
from bot.domain.working_hours import Outside, next_opening
from bot.i18n.ids import message_id
from bot.services.tickets import Refused
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

REFUSED = "out-of-hours"  # Refused.reason


class WorkingHoursService:
    def __init__(self, translate: Translate, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._translate = translate
        self._clock = clock

    async def opening_refusal(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None:
        del member  # the same hours for everyone
        if system.working_hours is None or system.working_hours.outside is not Outside.REFUSE:
            return None
        args = self._away(server, system, "ticket.open_refused_out_of_hours")
        if args is None:
            return None
        text = message_id("hours-refused" if args else "hours-refused-no-return")
        return Refused(tm.reply(self._translate, locale, server, text, **args), REFUSED)

    def with_notice(
        self, server: ServerSpec, system: SystemSpec, reply: OutgoingMessage, *, locale: str
    ) -> OutgoingMessage:
        """``reply`` (the member's answer to an opening that went ahead), with the notice
        when the team is away."""
        args = self._away(server, system, "ticket.opened_out_of_hours")
        if args is None:
            return reply
        text = self._translate(
            "hours-notice" if args else "hours-notice-no-return",
            locale,
            server_locale=server.locale,
            **args,
        )
        joined = f"{reply.content}\n{text}" if reply.content else text
        return replace(reply, content=fit(joined, MAX_CONTENT))

    def _away(self, server: ServerSpec, system: SystemSpec, event: str) -> dict[str, str] | None:
        """None when the team is there (or the system keeps no hours); else the Fluent
        arguments saying when it is back (none: never), and ``event`` logged."""
        if system.working_hours is None:
            return None
        now = self._clock()
        if (back := next_opening(system.working_hours, now)) == now:
            return None
        opens_at = back.isoformat() if back else None
        extra = {"event": event, "guild_id": server.guild, "system": system.id}
        log.info(event, extra={**extra, "opens_at": opens_at})
        return _when(back)


def _when(back: datetime | None) -> dict[str, str]:
    """The Fluent arguments naming when the team is back (none: never): a full date and time
    and a relative one, as Discord timestamps each reader sees in their language and zone."""
    if back is None:
        return {}
    return {"opens": timestamp(back, "F"), "relative": timestamp(back, "R")}
