"""The staff dashboard's service: who may see a server, its tickets, their transcripts, and
the actions, which go through :class:`~bot.services.staff.StaffService` exactly as the slash
commands do (the ticket's first message edited, the log line posted).

Access is decided at every call from the member Discord reports now
(:class:`~bot.services.members.MemberDirectory`) with the rules the slash commands use
(:func:`bot.domain.access.is_staff`): a server shows to its staff and handlers only, and a
ticket only to those who handle its system. A ticket that exists elsewhere, in a system the
viewer does not handle, or nowhere gets the same answer (None), so ids probe nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain.access import Actor
from bot.domain.ticket_browse import (
    PAGE_SIZE,
    BrowseFilter,
    Cursor,
    SearchHit,
    Sort,
    TicketPage,
    search_terms,
)
from bot.domain.tickets import (
    CreationState,
    Note,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
    Transcript,
)
from bot.services.members import MemberDirectory, actor_of
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused
from bot.storage import TicketRepository, TranscriptRepository
from bot.storage.ticket_browse import TicketBrowser


@dataclass(frozen=True, slots=True)
class StaffView:
    """The viewer in one server: who they are there and which systems they handle."""

    server: ServerSpec
    actor: Actor
    systems: frozenset[str]

    @property
    def every_system(self) -> bool:
        return len(self.systems) == len(self.server.systems)

    @property
    def claims_hide_in(self) -> frozenset[str]:
        """Systems where a ticket claimed by another is hidden from this viewer: Discord
        hides it from the other handlers (``claim_hides``); owners and administrators
        still see it there, and here."""
        if self.actor.is_owner or self.actor.is_admin:
            return frozenset()
        return frozenset(s.id for s in self.server.systems if s.claim_hides)

    def sees(self, ticket: Ticket) -> bool:
        return ticket.system_id in self.systems and not (
            ticket.system_id in self.claims_hide_in
            and ticket.claimed_by is not None
            and ticket.claimed_by != self.actor.user_id
        )


@dataclass(frozen=True, slots=True)
class TicketDetails:
    ticket: Ticket
    members: tuple[int, ...]
    events: tuple[TicketEvent, ...]
    notes: tuple[Note, ...]
    transcripts: tuple[Transcript, ...]


class DashboardService:
    def __init__(
        self,
        *,
        tickets: TicketRepository,
        transcripts: TranscriptRepository,
        browser: TicketBrowser,
        staff: StaffService,
        directory: MemberDirectory,
    ) -> None:
        self._tickets = tickets
        self._transcripts = transcripts
        self._browser = browser
        self._staff = staff
        self._directory = directory

    # --- who ------------------------------------------------------------------------------

    async def staff_view(self, server: ServerSpec, user_id: int) -> StaffView | None:
        """None unless ``user_id`` is in the server now and handles at least one system."""
        member = await self._directory.member(server.guild, user_id)
        if member is None:
            return None
        actor = actor_of(member)
        systems = frozenset(s.id for s in server.systems if access.is_staff(actor, server, s))
        return StaffView(server, actor, systems) if systems else None

    def _visible(self, view: StaffView) -> frozenset[str]:
        return frozenset() if view.every_system else view.systems

    # --- reading --------------------------------------------------------------------------

    async def list_tickets(
        self,
        view: StaffView,
        filters: BrowseFilter,
        *,
        sort: Sort = Sort.NEWEST,
        after: Cursor | None = None,
    ) -> TicketPage:
        chosen = BrowseFilter(
            statuses=filters.statuses,
            priorities=filters.priorities,
            system_id=filters.system_id,
            topic_id=filters.topic_id,
            claimed_by=filters.claimed_by,
            opener_id=filters.opener_id,
            opened_from=filters.opened_from,
            opened_to=filters.opened_to,
            closed_from=filters.closed_from,
            closed_to=filters.closed_to,
            visible_systems=self._visible(view),
            claims_hide_in=view.claims_hide_in,
            viewer_id=view.actor.user_id,
        )
        return await self._browser.page(
            view.server.guild, chosen, sort=sort, after=after, limit=PAGE_SIZE
        )

    async def ticket(self, view: StaffView, ticket_id: int) -> Ticket | None:
        ticket = await self._tickets.get(ticket_id)
        if (
            ticket is None
            or ticket.guild_id != view.server.guild
            or not view.sees(ticket)
            or ticket.creation is not CreationState.ACTIVE
        ):
            return None
        return ticket

    async def ticket_by_number(self, view: StaffView, number: int) -> Ticket | None:
        """``#number`` in the list's box: the ticket, under the same rules as by id."""
        found = await self._tickets.get_by_number(view.server.guild, number)
        return None if found is None else await self.ticket(view, found.id)

    async def details(self, view: StaffView, ticket_id: int) -> TicketDetails | None:
        ticket = await self.ticket(view, ticket_id)
        if ticket is None:
            return None
        members = await self._tickets.list_members(ticket.id)
        return TicketDetails(
            ticket=ticket,
            members=tuple(m.user_id for m in members if m.user_id != ticket.opener_id),
            events=tuple(await self._tickets.list_events(ticket.id)),
            notes=tuple(await self._tickets.list_notes(ticket.id)),
            transcripts=tuple(await self._transcripts.list_for_ticket(ticket.id)),
        )

    async def names(self, view: StaffView, user_ids: set[int]) -> dict[int, str]:
        """Display names of the people a ticket page mentions (one lookup each, at most 20:
        a page names the opener, the claimer, added members and note authors)."""
        found: dict[int, str] = {}
        for user_id in sorted(user_ids)[:20]:
            member = await self._directory.member(view.server.guild, user_id, fresh=False)
            if member is not None and member.name:
                found[user_id] = member.name
        return found

    async def transcript(
        self, view: StaffView, ticket_id: int, transcript_id: int
    ) -> Transcript | None:
        ticket = await self.ticket(view, ticket_id)
        if ticket is None:
            return None
        found = await self._transcripts.get(transcript_id)
        return found if found is not None and found.ticket_id == ticket.id else None

    async def search(
        self, view: StaffView, query: str, *, before: int | None = None
    ) -> list[SearchHit]:
        return await self._browser.search(
            view.server.guild,
            search_terms(query),
            visible_systems=self._visible(view),
            hidden_claims=(view.claims_hide_in, view.actor.user_id),
            before_transcript=before,
        )

    # --- acting (the slash commands' service) ---------------------------------------------

    async def set_status(
        self, view: StaffView, ticket_id: int, status: TicketStatus, *, locale: str
    ) -> Done | Refused | None:
        if await self.ticket(view, ticket_id) is None:
            return None
        return await self._staff.set_status(
            view.server, ticket_id, view.actor, status, locale=locale
        )

    async def set_priority(
        self, view: StaffView, ticket_id: int, priority: Priority, *, locale: str
    ) -> Done | Refused | None:
        if await self.ticket(view, ticket_id) is None:
            return None
        return await self._staff.set_priority(
            view.server, ticket_id, view.actor, priority, locale=locale
        )

    async def claim(
        self, view: StaffView, ticket_id: int, *, release: bool, locale: str
    ) -> Done | Refused | None:
        if await self.ticket(view, ticket_id) is None:
            return None
        act = self._staff.unclaim if release else self._staff.claim
        return await act(view.server, ticket_id, view.actor, locale=locale)

    async def note(
        self, view: StaffView, ticket_id: int, text: str, *, locale: str
    ) -> Done | Refused | None:
        if await self.ticket(view, ticket_id) is None:
            return None
        return await self._staff.note(view.server, ticket_id, view.actor, text, locale=locale)
