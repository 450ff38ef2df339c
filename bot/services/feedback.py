"""The member's rating of a closed ticket: 1 to 5 from the summary's buttons, with an optional
comment typed in a dialog, kept once per ticket (the first submission wins), posted in the
log channel, and shown to staff in ``/ticket info`` beside how the member was told of the
close and whether they left the server.

Only the opener may rate (the summary may sit in the kept ticket, where staff and added
members see it too). A click is answered by the dialog, or by a one-line refusal; the
submission by the thanks (the discord layer edits the DM's buttons away) or by "already
rated" when another submission came first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from bot.config.specs import ServerSpec
from bot.domain import feedback_messages as fm
from bot.domain.ratings import Rating
from bot.domain.ticket_messages import OutgoingMessage, Translate, fit
from bot.domain.tickets import EventKind, Ticket
from bot.services.log_queue import LineQueue
from bot.storage import TicketRepository
from bot.storage.ratings import RatingRepository, SummaryRepository

log = logging.getLogger(__name__)

MODAL_TITLE = 45  # Discord's limit
INPUT_LABEL = 45
PLACEHOLDER = 100


@dataclass(frozen=True, slots=True)
class Ask:
    """Open the comment dialog, with these texts (the clicker's language)."""

    custom_id: str
    title: str
    label: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class Told:
    """A one-line ephemeral answer (a refusal, "already rated")."""

    reply: OutgoingMessage
    reason: str  # stable code for logs and tests


@dataclass(frozen=True, slots=True)
class Rated:
    rating: Rating
    thanks: str  # the clicker's language


class FeedbackService:
    def __init__(
        self,
        tickets: TicketRepository,
        ratings: RatingRepository,
        summaries: SummaryRepository,
        translate: Translate,
        *,
        server_for: Callable[[int], ServerSpec | None],
        queue: LineQueue | None = None,
    ) -> None:
        self._tickets = tickets
        self._ratings = ratings
        self._summaries = summaries
        self._translate = translate
        self._server_for = server_for
        self._queue = queue

    async def _check(
        self, ticket_id: int, user_id: int, locale: str
    ) -> tuple[ServerSpec, Ticket] | Told:
        ticket = await self._tickets.get(ticket_id)
        server = self._server_for(ticket.guild_id) if ticket is not None else None
        system = server.system(ticket.system_id) if server is not None and ticket else None
        if ticket is None or server is None or system is None:
            return Told(fm.reply(self._translate, locale, None, "tickets-unknown-ticket"), "gone")
        if system.close_summary is None or not system.close_summary.feedback:
            return Told(fm.reply(self._translate, locale, server, "feedback-closed"), "off")
        if user_id != ticket.opener_id:
            return Told(
                fm.reply(self._translate, locale, server, "feedback-not-opener"), "not-opener"
            )
        kept = await self._ratings.get(ticket.id)
        if kept is not None:
            return self._already(locale, server, kept)
        return server, ticket

    def _already(self, locale: str, server: ServerSpec, kept: Rating) -> Told:
        text = fm.reply(self._translate, locale, server, "feedback-already", stars=kept.stars)
        return Told(text, "already-rated")

    async def clicked(self, ticket_id: int, stars: int, user_id: int, *, locale: str) -> Ask | Told:
        """A rating button: the dialog for the comment, unless this member may not rate."""
        checked = await self._check(ticket_id, user_id, locale)
        if isinstance(checked, Told):
            return checked
        server, ticket = checked

        def t(msg_id: str, **args: object) -> str:
            return self._translate(msg_id, locale, server_locale=server.locale, **args)

        return Ask(
            custom_id=fm.rate_modal_id(ticket.id, stars),
            title=fit(t("feedback-modal-title", number=ticket.number, stars=stars), MODAL_TITLE),
            label=fit(t("feedback-comment-label"), INPUT_LABEL),
            placeholder=fit(t("feedback-comment-placeholder"), PLACEHOLDER),
        )

    async def submitted(
        self, ticket_id: int, stars: int, user_id: int, comment: str | None, *, locale: str
    ) -> Rated | Told:
        """The dialog sent: the rating kept (the first one wins) and its log line queued."""
        if not 1 <= stars <= 5:
            return Told(fm.reply(self._translate, locale, None, "error-generic"), "bad-stars")
        checked = await self._check(ticket_id, user_id, locale)
        if isinstance(checked, Told):
            return checked
        server, ticket = checked
        rating, added = await self._ratings.add(ticket.id, ticket.guild_id, user_id, stars, comment)
        if not added:  # another submission (a second dialog) came first
            return self._already(locale, server, rating)
        log.info(
            "ticket.rated",
            extra={"event": "ticket.rated", "ticket_id": ticket.id, "stars": rating.stars},
        )
        if self._queue is not None and server.log_channel is not None:
            line = fm.rating_log_line(self._translate, server, ticket, rating)
            await self._queue.put(server.guild, server.log_channel, line)
        thanks = self._translate(
            "feedback-thanks", locale, server_locale=server.locale, stars=rating.stars
        )
        return Rated(rating, thanks)

    async def info(
        self,
        server: ServerSpec,
        ticket: Ticket,
        shown: OutgoingMessage,
        *,
        locale: str,
        tz: tzinfo,
    ) -> OutgoingMessage:
        """``/ticket info``'s hook: the opener left, how they were told, their rating."""
        events = await self._tickets.list_events(ticket.id)
        left = [e.at for e in events if e.kind is EventKind.MEMBER_LEFT]
        system = server.system(ticket.system_id)
        summary = system.close_summary if system is not None else None
        told = await self._summaries.get(ticket.id) if summary is not None else None
        if told is not None and told.closed_at != ticket.closed_at:
            told = None  # it told an earlier close; the ticket was reopened since
        fields = fm.info_fields(
            self._translate,
            locale,
            server,
            ticket,
            left_at=left[-1] if left else None,
            told=told,
            rating=await self._ratings.get(ticket.id),
            asks_rating=summary is not None and summary.feedback,
            tz=tz,
        )
        return fm.with_fields(shown, fields) if fields else shown
