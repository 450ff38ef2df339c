"""``/ticket transfer claim member:``: hand a ticket's claim to another staff member.

Built from the staff service's own unclaim and claim, so a transfer does exactly what the
two would (``claim_hides`` overwrites or thread members, the first message, the claimed
notice, the log lines) and nothing drifts from them: the claim is released by the staff
member who acts, then taken in the name of the one it goes to.
"""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.ticket_messages import Translate
from bot.i18n.ids import message_id
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused

log = logging.getLogger(__name__)


class TransferService:
    def __init__(self, staff: StaffService, translate: Translate) -> None:
        self._staff = staff
        self._translate = translate

    async def transfer_claim(
        self, server: ServerSpec, ticket_id: int, actor: Actor, to: Actor, *, locale: str
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, system = found
        member = tm.user_mention(to.user_id)
        if not access.is_staff(to, server, system):
            text = message_id("transfer-not-staff")
            return self._refused(locale, server, "not-staff", text, member=member)
        if ticket.claimed_by == to.user_id:
            text = message_id("transfer-already-theirs")
            return self._refused(locale, server, "unchanged", text, member=member)
        if ticket.claimed_by is not None:
            released = await self._staff.unclaim(server, ticket.id, actor, locale=locale)
            if isinstance(released, Refused):
                return released
        taken = await self._staff.claim(server, ticket.id, to, locale=locale)
        if isinstance(taken, Refused):
            return taken
        log.info(
            "ticket.claim_transferred",
            extra={"guild_id": server.guild, "ticket_id": ticket.id, "to": to.user_id},
        )
        if not taken.complete:
            return taken  # "updated, but the channel could not be": the staff words for it
        text = message_id("transfer-claim-done")
        reply = tm.reply(self._translate, locale, server, text, member=member, number=ticket.number)
        return Done(taken.ticket, reply)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: str, **args: object
    ) -> Refused:
        return Refused(tm.reply(self._translate, locale, server, msg_id, **args), reason)
