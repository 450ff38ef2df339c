"""The servers a person is staff of, a server's ticket list, a ticket's page and its actions.

Actions are forms (POST, CSRF-checked) answered by a redirect back to the ticket (so a reload
never repeats one), with the service's reply shown once on the page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from aiohttp import web

from bot.dashboard.app import NotYours, dashboard_of
from bot.dashboard.forms import parse_list, query_without
from bot.domain.tickets import Priority, TicketStatus
from bot.services.dashboard import StaffView
from bot.services.tickets import Done, Refused
from bot.web.sessions import session_of

_MENTION = re.compile(r"<@!?(\d+)>")
# Statuses the ticket page offers: closing has its own flow in Discord (reason, transcript).
SETTABLE = (TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD)


async def home(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    viewer = dashboard.viewer(request)
    if viewer is None:
        return dashboard.page(request, "signin.html", problem=None)
    servers = []
    for guild_id in viewer.guild_ids:
        server = dashboard.server(guild_id)
        if server is not None and await dashboard.service.staff_view(server, viewer.user_id):
            servers.append(server)
    return dashboard.page(request, "home.html", servers=servers)


async def ticket_list(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    view = await dashboard.staff_view(request)
    number = request.query.get("number", "").strip().lstrip("#")
    if number:
        found = None
        if number.isdigit() and len(number) < 10:
            found = await dashboard.service.ticket_by_number(view, int(number))
        if found is not None:
            raise web.HTTPSeeOther(f"{_guild_url(view)}/t/{found.id}")
    form = parse_list(request.query, view.server, view.actor.user_id)
    if number:
        form = replace(form, problems=(*form.problems, "web-number-not-found"))
    page = await dashboard.service.list_tickets(
        view, form.filters, sort=form.sort, after=form.after
    )
    query = request.query
    return dashboard.page(
        request,
        "tickets.html",
        view=view,
        form=form,
        page=page,
        statuses=list(TicketStatus),
        priorities=list(Priority),
        next_query=query_without(query, "after", after=page.next_cursor.encode())
        if page.next_cursor
        else None,
        first_query=query_without(query, "after") if form.after else None,
        status_query=lambda s: query_without(query, "after", "status", status=s),
    )


def _guild_url(view: StaffView) -> str:
    return f"/g/{view.server.guild}"


def _ticket_id(request: web.Request) -> int:
    raw = request.match_info.get("ticket", "")
    if not raw.isdigit() or len(raw) > 18:
        raise NotYours()
    return int(raw)


async def ticket_page(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    view = await dashboard.staff_view(request)
    details = await dashboard.service.details(view, _ticket_id(request))
    if details is None:
        raise NotYours()
    ticket = details.ticket
    people = {ticket.opener_id, *details.members, *(n.author_id for n in details.notes)}
    people |= {i for i in (ticket.claimed_by, ticket.opened_by_id) if i is not None}
    people |= {e.actor_id for e in details.events if e.actor_id is not None}
    names = await dashboard.service.names(view, people)
    return dashboard.page(
        request,
        "ticket.html",
        view=view,
        d=details,
        t_=ticket,
        who=lambda user_id: names.get(user_id) or str(user_id),
        settable=SETTABLE,
        priorities=list(Priority),
    )


async def act(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    view = await dashboard.staff_view(request)
    ticket_id = _ticket_id(request)
    form = await request.post()
    locale = dashboard.text(request).locale
    service = dashboard.service
    action = request.match_info["action"]
    outcome: Done | Refused | None
    if action == "status" and form.get("status") in {s.value for s in SETTABLE}:
        status = TicketStatus(str(form["status"]))
        outcome = await service.set_status(view, ticket_id, status, locale=locale)
    elif action == "priority" and form.get("priority") in {p.value for p in Priority}:
        priority = Priority(str(form["priority"]))
        outcome = await service.set_priority(view, ticket_id, priority, locale=locale)
    elif action == "claim" and form.get("do") in ("claim", "release"):
        release = form.get("do") == "release"
        outcome = await service.claim(view, ticket_id, release=release, locale=locale)
    elif action == "note":
        note = str(form.get("text", ""))[:4000]
        outcome = await service.note(view, ticket_id, note, locale=locale)
    else:
        raise NotYours()
    if outcome is None:
        raise NotYours()
    _flash(request, outcome)
    raise web.HTTPSeeOther(f"{_guild_url(view)}/t/{ticket_id}")


def _flash(request: web.Request, outcome: Done | Refused) -> None:
    """The reply the slash command would have given, shown once on the next page. Mentions
    become plain @ids: this page is not Discord and shows no markup from a reply."""
    content = outcome.reply.content or " ".join(
        e.description or e.title or "" for e in outcome.reply.embeds
    )
    content = _MENTION.sub(lambda m: "@" + m[1], content).replace("\\", "")
    ok = isinstance(outcome, Done) and outcome.complete
    session_of(request).set("flash", {"ok": ok, "text": content})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", home)
    app.router.add_get("/g/{guild}", ticket_list)
    app.router.add_get("/g/{guild}/t/{ticket}", ticket_page)
    app.router.add_post("/g/{guild}/t/{ticket}/{action}", act)


__all__ = ["add_routes"]
