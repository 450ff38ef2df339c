"""The member's limits on opening: how many open tickets, the cooldown, and how they are told."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import ticket_messages as messages
from bot.domain.tickets import (
    OpenLimits,
    Refusal,
    TicketError,
    TicketStatus,
    check_open_limits,
    cooldown_remaining,
)
from bot.i18n.ids import MessageId, message_id
from bot.services.ticket_core import TicketCore
from bot.services.ticket_results import OpenRequest, Refused, log_event
from bot.storage import TicketFilter

_OPEN_STATUSES = frozenset({TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD})
# Too many open tickets: (a link to the newest, a cooldown also applies) -> reply.
_TOO_MANY: dict[tuple[bool, bool], MessageId] = {
    (True, False): message_id("tickets-too-many"),
    (False, False): message_id("tickets-too-many-no-link"),
    (True, True): message_id("tickets-too-many-cooldown"),
    (False, True): message_id("tickets-too-many-no-link-cooldown"),
}


class TicketLimits(TicketCore):
    """Refusals for a member over their limits, with when they may open again."""

    async def _limit_refusal(self, request: OpenRequest, error: TicketError) -> Refused:
        server, system = request.server, request.system
        log_event(
            logging.INFO,
            "ticket.open_refused",
            guild_id=server.guild,
            system=system.id,
            member_id=request.opener.user_id,
            reason=error.code.value,
        )
        if request.for_other:  # staff accepting a request: the member has too many open
            return await self._member_at_limit(server, system, request.opener.user_id, request)
        return await self._limits_reply(
            server, system, request.opener.user_id, request.locale, error.code
        )

    async def opening_refusal(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        *,
        locale: str,
        pending: int = 0,
    ) -> Refused | None:
        """Whether ``member_id`` may open a ticket in ``system`` now (manual approval asks
        before storing a request): ``None`` when they may, else the same refusal as a direct
        opening. ``pending``: their requests still waiting, which count as open tickets."""
        guild = server.guild
        try:
            check_open_limits(
                OpenLimits(
                    max_open=system.max_open_per_member,
                    cooldown=timedelta(seconds=system.cooldown_seconds),
                ),
                open_count=await self._tickets.count_open(guild, system.id, member_id) + pending,
                last_opened_at=await self._tickets.last_opened(guild, system.id, member_id),
                now=self._clock(),
            )
        except TicketError as error:
            return await self._limits_reply(server, system, member_id, locale, error.code)
        return None

    async def max_open_refusal(
        self, server: ServerSpec, system: SystemSpec, member_id: int, *, locale: str
    ) -> Refused | None:
        """For staff about to accept a request: ``None`` when the member is under the
        maximum, else the staff-facing refusal (the request stays pending)."""
        count = await self._tickets.count_open(server.guild, system.id, member_id)
        if count < system.max_open_per_member:
            return None
        return await self._member_at_limit(server, system, member_id, None, locale=locale)

    async def _member_at_limit(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        request: OpenRequest | None,
        *,
        locale: str | None = None,
    ) -> Refused:
        locale = request.locale if request is not None else locale or server.locale
        member = messages.user_mention(member_id)
        max_open = system.max_open_per_member
        latest = await self._latest_open(server, system, member_id)
        if latest is not None:
            text = message_id("approval-member-too-many")
            return self._refused(
                locale,
                server,
                Refusal.TOO_MANY_OPEN,
                text,
                member=member,
                max=max_open,
                channel=messages.channel_mention(latest),
            )
        text = message_id("approval-member-too-many-no-link")
        return self._refused(
            locale, server, Refusal.TOO_MANY_OPEN, text, member=member, max=max_open
        )

    async def _limits_reply(
        self,
        server: ServerSpec,
        system: SystemSpec,
        member_id: int,
        locale: str,
        code: Refusal,
    ) -> Refused:
        """The member's refusal: when they may open again, and a link to their open ticket."""
        last = await self._tickets.last_opened(server.guild, system.id, member_id)
        now = self._clock()
        wait = cooldown_remaining(last, now, timedelta(seconds=system.cooldown_seconds))
        when = messages.relative_time(now + wait) if wait > timedelta(0) else None
        latest = await self._latest_open(server, system, member_id)
        channel = messages.channel_mention(latest) if latest is not None else None
        args: dict[str, Any] = {}
        if code is Refusal.COOLDOWN:
            text = message_id("tickets-cooldown" if channel is None else "tickets-cooldown-link")
            args = {"when": when or messages.relative_time(now)}
        else:
            text = _TOO_MANY[channel is not None, when is not None]
            args = {"max": system.max_open_per_member}
            if when is not None:
                args["when"] = when
        if channel is not None:
            args["channel"] = channel
        return self._refused(locale, server, code, text, **args)

    async def _latest_open(
        self, server: ServerSpec, system: SystemSpec, member_id: int
    ) -> int | None:
        """The channel of the member's newest open ticket in ``system``, if any."""
        mine = TicketFilter(statuses=_OPEN_STATUSES, system_id=system.id, opener_id=member_id)
        latest = await self._tickets.find(server.guild, mine, limit=1)
        return latest[0].channel_id if latest else None
