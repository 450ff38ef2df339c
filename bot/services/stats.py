"""``/ticket stats [period] [member]``: figures over the systems the viewer handles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain import stats as figures
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.stats import StatsPeriod
from bot.domain.ticket_messages import Translate
from bot.i18n.ids import message_id
from bot.services.staff import Shown
from bot.services.tickets import Refused
from bot.storage import Database
from bot.storage.database import utc_now
from bot.storage.stats import ticket_times


class StatsService:
    def __init__(
        self, db: Database, translate: Translate, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._db = db
        self._translate = translate
        self._clock = clock

    async def stats(
        self,
        server: ServerSpec,
        actor: Actor,
        period: StatsPeriod,
        member_id: int | None,
        *,
        locale: str,
    ) -> Shown | Refused:
        systems = frozenset(s.id for s in server.systems if access.is_staff(actor, server, s))
        if not systems:
            text = message_id("tickets-staff-only")
            return Refused(tm.reply(self._translate, locale, server, text), "not-allowed")
        every = len(systems) == len(server.systems)
        since = period.start(self._clock())
        times = await ticket_times(
            self._db,
            server.guild,
            since=since,
            system_ids=frozenset() if every else systems,
            handler_id=member_id,
        )
        found = figures.compute(times, since)
        return Shown(
            figures.render(
                self._translate, locale, server, found, period=period, member_id=member_id
            )
        )
