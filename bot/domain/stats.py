"""Figures for staff (``/ticket stats``): counts and medians over a period, per handler.

Pure: storage hands over one :class:`TicketTimes` per ticket, this computes the figures and
renders them with Babel in the viewer's locale (numbers, durations). "First claim" is the
time from opening to the first claim (the ticket_events history): the moment a handler took
the ticket, the closest stored stand-in for a first response (the bot reads no messages).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import babel.dates
import babel.numbers

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.ticket_messages import Embed, EmbedField, OutgoingMessage, Translate
from bot.i18n.dates import babel_locale
from bot.i18n.ids import MessageId, message_id

MAX_HANDLERS = 10  # lines in the per-handler field


class StatsPeriod(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    ALL = "all"

    def start(self, now: datetime) -> datetime | None:
        days = {"day": 1, "week": 7, "month": 30}.get(self.value)
        return None if days is None else now - timedelta(days=days)


# The same words as the command's choices.
PERIOD_NAMES: dict[StatsPeriod, MessageId] = {
    StatsPeriod.DAY: message_id("cmd-ticket-stats-choice-day"),
    StatsPeriod.WEEK: message_id("cmd-ticket-stats-choice-week"),
    StatsPeriod.MONTH: message_id("cmd-ticket-stats-choice-month"),
    StatsPeriod.ALL: message_id("cmd-ticket-stats-choice-all"),
}


@dataclass(frozen=True, slots=True)
class TicketTimes:
    system_id: str
    created_at: datetime
    closed_at: datetime | None
    first_claim_at: datetime | None
    handler_id: int | None  # who claimed it, else who closed it


@dataclass(frozen=True, slots=True)
class HandlerFigures:
    user_id: int
    closed: int
    median_resolution: timedelta | None


@dataclass(frozen=True, slots=True)
class Figures:
    opened: int
    closed: int
    still_open: int  # of those opened in the period
    median_first_claim: timedelta | None
    median_resolution: timedelta | None
    handlers: tuple[HandlerFigures, ...]


def _median(values: Iterable[timedelta]) -> timedelta | None:
    seconds = [v.total_seconds() for v in values]
    return timedelta(seconds=statistics.median(seconds)) if seconds else None


def compute(times: Sequence[TicketTimes], since: datetime | None) -> Figures:
    """Opened: created in the period; closed and resolution: closed in it; first claim: of
    the tickets opened in it; per handler: the closed ones, most first."""

    def within(at: datetime | None) -> bool:
        return at is not None and (since is None or at >= since)

    opened = [t for t in times if within(t.created_at)]
    closed = [t for t in times if within(t.closed_at)]
    resolution = {id(t): t.closed_at - t.created_at for t in closed if t.closed_at is not None}
    by_handler: dict[int, list[TicketTimes]] = {}
    for ticket in closed:
        if ticket.handler_id is not None:
            by_handler.setdefault(ticket.handler_id, []).append(ticket)
    handlers = sorted(
        (
            HandlerFigures(user, len(done), _median(resolution[id(t)] for t in done))
            for user, done in by_handler.items()
        ),
        key=lambda h: (-h.closed, h.user_id),
    )
    return Figures(
        opened=len(opened),
        closed=len(closed),
        still_open=sum(1 for t in opened if t.closed_at is None),
        median_first_claim=_median(
            t.first_claim_at - t.created_at for t in opened if t.first_claim_at is not None
        ),
        median_resolution=_median(resolution.values()),
        handlers=tuple(handlers),
    )


def duration(value: timedelta | None, locale: str, translate: Translate, server: ServerSpec) -> str:
    if value is None:
        return translate("stats-none", locale, server_locale=server.locale)
    return babel.dates.format_timedelta(value, threshold=1.5, locale=babel_locale(locale))


def render(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    figures: Figures,
    *,
    period: StatsPeriod,
    member_id: int | None,
) -> OutgoingMessage:
    """The ephemeral embed, every number and duration in the viewer's locale."""

    def text(msg_id: str, **args: object) -> str:
        return translate(msg_id, locale, server_locale=server.locale, **args)

    def number(value: int) -> str:
        return babel.numbers.format_decimal(value, locale=babel_locale(locale))

    title = text("stats-title", period=text(PERIOD_NAMES[period]))
    fields = [
        EmbedField(text("stats-opened"), number(figures.opened), True),
        EmbedField(text("stats-closed"), number(figures.closed), True),
        EmbedField(text("stats-still-open"), number(figures.still_open), True),
        EmbedField(
            text("stats-first-claim"),
            duration(figures.median_first_claim, locale, translate, server),
            True,
        ),
        EmbedField(
            text("stats-resolution"),
            duration(figures.median_resolution, locale, translate, server),
            True,
        ),
    ]
    lines = [
        text(
            "stats-handler-line",
            member=tm.user_mention(h.user_id),
            closed=h.closed,
            median=duration(h.median_resolution, locale, translate, server),
        )
        for h in figures.handlers[:MAX_HANDLERS]
    ]
    if lines:
        fields.append(
            EmbedField(text("stats-handlers"), tm.fit("\n".join(lines), tm.MAX_FIELD_VALUE))
        )
    description = text("stats-for-member", member=tm.user_mention(member_id)) if member_id else None
    return OutgoingMessage(
        embeds=(
            Embed(title=tm.fit(title, tm.MAX_TITLE), description=description, fields=tuple(fields)),
        ),
        ephemeral=True,
    )
