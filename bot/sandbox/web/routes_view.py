"""The page's reading side: the full page of a channel, the regions a live refresh fetches,
the event stream, and the fragments the composer asks for (the command list, a command's
options)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.web import commands
from bot.sandbox.web.components import modal_view
from bot.sandbox.web.page import PAGE_KEY, SandboxPage, Viewer
from bot.sandbox.web.views import guild_tabs, initials
from bot.web import render, stream_changes

if TYPE_CHECKING:
    from bot.sandbox.web.page import Viewer

LANGUAGES = (
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
    "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi",
    "th", "zh-CN", "ja", "zh-TW", "ko",
)  # fmt: skip  # Discord's client languages, in its own order


def page_of(request: web.Request) -> SandboxPage:
    return request.app[PAGE_KEY]


def language_name(code: str) -> str:
    """A language in its own words (``Deutsch``, ``français``): CLDR data through Babel."""
    import babel

    try:
        locale = babel.Locale.parse({"no": "nb"}.get(code, code), sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return code
    return f"{locale.get_display_name(locale) or code} ({code})"


async def index(request: web.Request) -> web.StreamResponse:
    page = page_of(request)
    guilds = list(page.emulator.state.guilds)
    if not guilds:
        viewer_text = page.viewer_text(request)
        context = {"t": viewer_text, "lang": viewer_text.locale, "base": page.prefix}
        return render(page.env, "empty.html", request, context)
    raise web.HTTPFound(page.channel_url(guilds[0]))


async def guild(request: web.Request) -> web.StreamResponse:
    page = page_of(request)
    guild_id = page.guild_or_404(request)
    viewer = page.viewer(request, guild_id)
    channel_id = viewer.view.default_channel()
    if channel_id is None:
        return _render_channel(request, page, viewer, None)
    raise web.HTTPFound(page.channel_url(guild_id, channel_id))


def _channel_id(request: web.Request) -> int:
    try:
        return int(request.match_info["channel"])
    except ValueError:
        raise web.HTTPNotFound() from None


async def channel(request: web.Request) -> web.StreamResponse:
    page = page_of(request)
    guild_id = page.guild_or_404(request)
    viewer = page.viewer(request, guild_id)
    channel_id = _channel_id(request)
    if not viewer.view.can_read(channel_id):
        # Not seen by this person (or gone): say so without a word about what it holds.
        return _render_channel(request, page, viewer, None, status=404)
    return _render_channel(request, page, viewer, channel_id)


async def direct(request: web.Request) -> web.StreamResponse:
    """The person's direct messages from the bot (read-only: the bot takes no DMs)."""
    page = page_of(request)
    guild_id = page.guild_or_404(request)
    viewer = page.viewer(request, guild_id)
    if viewer.view.direct_channel() is None:
        raise web.HTTPNotFound()
    name = "regions.html" if request.path.endswith("/regions") else "page.html"
    return render(page.env, name, request, direct_context(page, viewer))


def direct_context(page: SandboxPage, viewer: Viewer) -> dict[str, Any]:
    context = context_for(page, viewer, None)
    context.update(
        title=(page.emulator.state.application_name, "dm", None),
        groups=viewer.view.direct_messages(),
        channel_url=f"{page.channel_url(viewer.guild_id)}/dm",
        direct=True,
        interactive=False,
    )
    return context


async def regions(request: web.Request) -> web.StreamResponse:
    page = page_of(request)
    guild_id = page.guild_or_404(request)
    viewer = page.viewer(request, guild_id)
    channel_id = _channel_id(request)
    readable = viewer.view.can_read(channel_id)
    context = context_for(page, viewer, channel_id if readable else None)
    return render(page.env, "regions.html", request, context)


def _render_channel(
    request: web.Request,
    page: SandboxPage,
    viewer: Viewer,
    channel_id: int | None,
    *,
    status: int = 200,
) -> web.Response:
    context = context_for(page, viewer, channel_id)
    context["missing"] = status == 404
    return render(page.env, "page.html", request, context, status=status)


def context_for(page: SandboxPage, viewer: Viewer, channel_id: int | None) -> dict[str, Any]:
    """Everything the page and its regions show for ``viewer`` in ``channel_id``."""
    view = viewer.view
    guild = view.guild
    user_id = viewer.user_id
    context: dict[str, Any] = {
        "t": viewer.text,
        "lang": viewer.text.locale,
        "base": page.prefix,
        "guild": guild,
        "guilds": [(g, n, c, initials(n)) for g, n, c in guild_tabs(page.emulator, guild.id)],
        "guild_url": page.channel_url(guild.id),
        "viewer": viewer,
        "people": view.people(),
        "roles": view.roles(),
        "languages": [(code, language_name(code)) for code in LANGUAGES],
        "sidebar": view.sidebar(channel_id),
        "channel_id": channel_id,
        "channel_url": page.channel_url(guild.id, channel_id) if channel_id else None,
        "bot_connected": page.bot_connected(),
        "run_hint": page.run_hint(),
        "activity": page.activity.newest_first(),
        "totals": page.activity.totals(),
        "startup_requests": len(page.activity.startup_requests()),
        "missing": False,
        "direct": False,
        "has_direct": view.direct_channel() is not None,
        "bot_name": page.emulator.state.application_name,
        "interactive": True,  # components post to the channel (not in direct messages)
        "md": view.markdown().html,  # bot texts the page shows outside messages (a report)
        "modal": None,
        "groups": [],
        "notices": [],
        "title": None,
        "can_send": False,
        "can_command": False,
    }
    if channel_id is not None:
        name, kind, topic = view.channel_title(channel_id)
        actor = viewer.actor
        context.update(
            title=(name, kind, topic),
            groups=view.messages(channel_id, page.clients.dismissed.get(user_id, ())),
            notices=page.clients.notices_in(user_id, channel_id),
            can_send=actor.can_send(channel_id),
            can_command=bool(actor.commands(channel_id)),
        )
    pending = page.clients.modals.get(user_id)
    if pending is not None and pending.guild_id == guild.id and pending.exchange.modal:
        markdown = view.markdown()
        context["modal"] = modal_view(
            pending.key, pending.exchange.modal, view.component_views(markdown)
        )
        context["modal_url"] = page.channel_url(guild.id, pending.channel_id)
    return context


async def events(request: web.Request) -> web.StreamResponse:
    return await stream_changes(request, page_of(request).feed)


def _readable(request: web.Request) -> tuple[SandboxPage, Viewer, int]:
    """The page, the viewer and the path's channel, which the viewer must be able to read."""
    page = page_of(request)
    viewer = page.viewer(request, page.guild_or_404(request))
    channel_id = _channel_id(request)
    if not viewer.view.can_read(channel_id):
        raise web.HTTPNotFound()
    return page, viewer, channel_id


async def command_list(request: web.Request) -> web.StreamResponse:
    page, viewer, channel_id = _readable(request)
    entries = commands.entries(viewer.actor.commands(channel_id), viewer.actor.locale)
    context = {"t": viewer.text, "entries": entries}
    return render(page.env, "command_list.html", request, context)


def command_form_for(viewer: Viewer, channel_id: int, key: str) -> commands.CommandForm | None:
    path = key.split()
    for command in viewer.actor.commands(channel_id):
        node = commands.leaf(command, path)
        if node is None:
            continue
        locale = viewer.actor.locale
        for entry in commands.entries([command], locale):
            if entry.path == tuple(path):
                return commands.form(entry, node, locale)
    return None


async def command_form(request: web.Request) -> web.StreamResponse:
    page, viewer, channel_id = _readable(request)
    found = command_form_for(viewer, channel_id, request.query.get("command", ""))
    if found is None:
        raise web.HTTPNotFound()
    view = viewer.view
    context = {
        "t": viewer.text,
        "form": found,
        "channel_url": page.channel_url(viewer.guild_id, channel_id),
        "people": view.people(),
        "roles": view.roles(),
        "channels": [
            link for section in view.sidebar(None) for link in section.channels if link.readable
        ],
    }
    return render(page.env, "command_form.html", request, context)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/events", events)
    app.router.add_get("/g/{guild}", guild)
    app.router.add_get("/g/{guild}/dm", direct)
    app.router.add_get("/g/{guild}/dm/regions", direct)
    app.router.add_get("/g/{guild}/c/{channel}", channel)
    app.router.add_get("/g/{guild}/c/{channel}/regions", regions)
    app.router.add_get("/g/{guild}/c/{channel}/commands", command_list)
    app.router.add_get("/g/{guild}/c/{channel}/command", command_form)
