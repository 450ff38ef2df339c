"""The page's acting side: everything a person does at their Discord client (click, select,
fill a modal, run or type a slash command, send a message), done through the emulator's actors
so Discord's rules apply. The sandbox's own controls are in routes_controls.

Each action opens an entry in the activity log first, so the bot's requests are counted
against it. A form posted by the page's script gets 204 once the bot has answered (or the
3-second deadline passed); a form posted without script is redirected back to the channel.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from bot.sandbox.actors import ActorError, Exchange
from bot.sandbox.shapes import walk
from bot.sandbox.web import commands
from bot.sandbox.web.page import PAGE_KEY, SandboxPage, Viewer
from bot.sandbox.web.routes_view import command_form_for
from bot.sandbox.web.state import PendingModal
from bot.sandbox.web.views import display_name

if TYPE_CHECKING:
    from multidict import MultiDictProxy

log = logging.getLogger(__name__)

MAX_MESSAGE = 2000


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def done(request: web.Request, url: str) -> web.StreamResponse:
    if _wants_json(request):
        return web.Response(status=204)
    raise web.HTTPSeeOther(url)


async def read_form(request: web.Request) -> MultiDictProxy[str | bytes | web.FileField]:
    return await request.post()


def text_field(form: MultiDictProxy[str | bytes | web.FileField], name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def int_field(form: MultiDictProxy[str | bytes | web.FileField], name: str) -> int:
    try:
        return int(text_field(form, name))
    except ValueError:
        raise web.HTTPBadRequest(text=f"{name} must be a number") from None


class Context:
    """One acting request: the page, the person, the channel (when the route has one)."""

    def __init__(self, request: web.Request) -> None:
        self.request = request
        self.page: SandboxPage = request.app[PAGE_KEY]
        self.guild_id = self.page.guild_or_404(request)
        self.viewer: Viewer = self.page.viewer(request, self.guild_id)
        channel = request.match_info.get("channel")
        self.channel_id: int | None = int(channel) if channel and channel.isdigit() else None
        if self.channel_id is not None and not self.viewer.view.can_read(self.channel_id):
            raise web.HTTPNotFound()

    @property
    def back(self) -> str:
        return self.page.channel_url(self.guild_id, self.channel_id)

    def refuse(self, msg_id: str = "sandbox-error-not-allowed", **args: str) -> None:
        """Tell the person, under the channel's messages, that the client would not do it."""
        if self.channel_id is not None:
            self.page.clients.notify(self.viewer.user_id, self.channel_id, msg_id, **args)
            self.page.changed()

    def option_labels(self, message_id: int, custom_id: str, values: list[str]) -> list[str]:
        """The chosen options as the member read them (their labels), for the activity log."""
        assert self.channel_id is not None
        message = self.page.emulator.state.find_message(self.channel_id, message_id)
        labels: dict[str, str] = {}
        for component in walk(message.components if message else []):
            if component.get("custom_id") == custom_id:
                labels = {
                    str(o.get("value")): str(o.get("label")) for o in component.get("options") or ()
                }
        return [labels.get(v) or self.name_of(v) for v in values]

    def name_of(self, value: str) -> str:
        """A member's, role's or channel's name for an id typed or picked, else the value."""
        state = self.page.emulator.state
        guild = state.guilds[self.guild_id]
        if not value.isdigit():
            return value
        snowflake = int(value)
        if snowflake in guild.members:
            return "@" + display_name(guild.members[snowflake])
        if snowflake in guild.roles:
            return "@" + guild.roles[snowflake].name
        if snowflake in guild.channels:
            return "#" + guild.channels[snowflake].name
        return value

    def command_line(self, found: commands.CommandForm, submitted: dict[str, str]) -> str:
        """``/ticket statut valeur:En cours``: the command as the member typed it."""
        parts = [found.entry.shown]
        for option in found.options:
            raw = submitted.get(option.name)
            if not raw:
                continue
            shown = next((c.name for c in option.choices if c.value == raw), None)
            parts.append(f"{option.shown}:{shown or self.name_of(raw)}")
        return " ".join(parts)

    async def interact(self, kind: str, detail: str, start: Callable[[], Awaitable[Exchange]]):
        """Start an interaction as the viewer and wait for the bot's first answer: a modal is
        kept for the viewer, silence past Discord's deadline becomes the client's notice."""
        entry = self.page.activity.open(kind, who=self.viewer.name, detail=detail)
        try:
            exchange = await start()
        except ActorError as exc:
            log.info("the client would refuse that: %s", exc)
            self.refuse()
            return None
        entry.exchange = exchange
        deadline = self.page.emulator.interaction_deadline + 0.5
        try:
            await exchange.response(timeout=deadline)
        except TimeoutError:
            self.refuse("sandbox-interaction-failed")
            return exchange
        if exchange.modal is not None and self.channel_id is not None:
            self.page.clients.modals[self.viewer.user_id] = PendingModal(
                exchange, self.guild_id, self.channel_id
            )
            self.page.changed()
        return exchange


# --------------------------------------------------------------- the client
async def click(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    message_id, custom_id = int_field(form, "message"), text_field(form, "custom_id")
    label = text_field(form, "label")[:80]
    await ctx.interact(
        "click",
        label or custom_id,
        lambda: ctx.viewer.actor.click(message_id, custom_id, channel=ctx.channel_id),
    )
    return done(request, ctx.back)


async def select(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    message_id, custom_id = int_field(form, "message"), text_field(form, "custom_id")
    values = [v for v in form.getall("values", []) if isinstance(v, str)]
    await ctx.interact(
        "select",
        ", ".join(ctx.option_labels(message_id, custom_id, values)),
        lambda: ctx.viewer.actor.select(message_id, custom_id, values, channel=ctx.channel_id),
    )
    return done(request, ctx.back)


async def submit_modal(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    pending = ctx.page.clients.modals.get(ctx.viewer.user_id)
    if pending is None or pending.key != text_field(form, "key"):
        return done(request, ctx.back)  # already submitted or dismissed (another tab)
    values: dict[str, str | list[str]] = {}
    for name in {n for n in form if n.startswith("f:")}:
        given = [v for v in form.getall(name) if isinstance(v, str)]
        values[name[2:]] = given[0] if len(given) == 1 else given
    del ctx.page.clients.modals[ctx.viewer.user_id]
    ctx.page.changed()
    title = str((pending.exchange.modal or {}).get("title") or "")
    await ctx.interact(
        "modal", title, lambda: ctx.viewer.actor.submit_modal(pending.exchange, values)
    )
    return done(request, ctx.back)


async def dismiss_modal(request: web.Request) -> web.StreamResponse:
    """Closing a modal tells the bot nothing, as in Discord."""
    ctx = Context(request)
    ctx.page.clients.modals.pop(ctx.viewer.user_id, None)
    ctx.page.changed()
    return done(request, ctx.back)


def _command(ctx: Context, form: MultiDictProxy[str | bytes | web.FileField]):
    assert ctx.channel_id is not None
    found = command_form_for(ctx.viewer, ctx.channel_id, text_field(form, "command"))
    if found is None:
        raise web.HTTPNotFound()
    submitted = {n[4:]: text_field(form, n) for n in form if n.startswith("opt:")}
    return found, submitted


async def slash(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    found, submitted = _command(ctx, form)
    try:
        values = commands.typed_values(found, submitted)
    except commands.OptionValueError as exc:
        ctx.refuse("sandbox-error-option", option=exc.option)
        return done(request, ctx.back)
    name, *subcommands = found.entry.path
    await ctx.interact(
        "slash",
        ctx.command_line(found, submitted),
        lambda: ctx.viewer.actor.slash(name, *subcommands, options=values, channel=ctx.channel_id),
    )
    return done(request, ctx.back)


async def autocomplete(request: web.Request) -> web.StreamResponse:
    """The choices the bot offers for the option being typed, as the client lists them."""
    ctx = Context(request)
    form = await read_form(request)
    found, submitted = _command(ctx, form)
    focused = text_field(form, "focused")
    others = {}
    for option in found.options:
        raw = submitted.get(option.name, "")
        if option.name == focused or not raw:
            continue
        try:
            others.update(
                commands.typed_values(
                    commands.CommandForm(found.entry, (option,)), {option.name: raw}
                )
            )
        except commands.OptionValueError:
            continue
    name, *subcommands = found.entry.path
    actor = ctx.viewer.actor
    try:
        exchange = await actor.autocomplete(
            name,
            *subcommands,
            option=focused,
            value=submitted.get(focused, ""),
            options=others,
            channel=ctx.channel_id,
        )
        choices = await exchange.wait_choices(timeout=ctx.page.emulator.interaction_deadline)
    except (ActorError, TimeoutError):
        return web.json_response({"choices": []})
    locale = actor.locale
    shown = [
        {
            "name": (c.get("name_localizations") or {}).get(locale) or c["name"],
            "value": str(c["value"]),
        }
        for c in choices
    ]
    return web.json_response({"choices": shown})


async def say(request: web.Request) -> web.StreamResponse:
    ctx = Context(request)
    form = await read_form(request)
    text = text_field(form, "text").strip()
    if not text:
        return done(request, ctx.back)
    if len(text) > MAX_MESSAGE:
        ctx.refuse("sandbox-error-too-long", limit=str(MAX_MESSAGE))
        return done(request, ctx.back)
    assert ctx.channel_id is not None
    ctx.page.activity.open("say", who=ctx.viewer.name, detail=text[:100])
    try:
        await ctx.viewer.actor.say(ctx.channel_id, text)
    except ActorError:
        ctx.refuse()
    return done(request, ctx.back)


async def dismiss_message(request: web.Request) -> web.StreamResponse:
    """Dismissing an ephemeral message only hides it in this person's client."""
    ctx = Context(request)
    form = await read_form(request)
    ctx.page.clients.dismissed[ctx.viewer.user_id].add(int_field(form, "message"))
    ctx.page.changed()
    return done(request, ctx.back)


def add_routes(app: web.Application) -> None:
    channel = "/g/{guild}/c/{channel}"
    for path, handler in (
        (f"{channel}/click", click),
        (f"{channel}/select", select),
        (f"{channel}/modal", submit_modal),
        (f"{channel}/modal/dismiss", dismiss_modal),
        (f"{channel}/slash", slash),
        (f"{channel}/autocomplete", autocomplete),
        (f"{channel}/say", say),
        (f"{channel}/dismiss", dismiss_message),
    ):
        app.router.add_post(path, handler)
