"""The staff dashboard wired to Discord: inside the running bot (its services, its Gateway
cache), or on its own (``guichet web``: a REST-only discord.py client with the bot's token,
no Gateway connection, so it never competes with the bot for its shards).

Either way the dashboard acts through the same :class:`~bot.services.staff.StaffService` the
slash commands use: the ticket's first message is edited and the log line posted as if the
change was made in Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import discord
from aiohttp import web

from bot.config.specs import ServerSpec
from bot.dashboard.app import Dashboard
from bot.dashboard.settings import DashboardSettings
from bot.discord_app.member_directory import DiscordMemberDirectory
from bot.discord_app.ticket_port import DiscordTicketPort
from bot.i18n import Catalog
from bot.services.dashboard import DashboardService
from bot.services.event_log import EventLog
from bot.services.handler_access import HandlerAccess
from bot.services.staff import StaffService
from bot.storage import Database, TicketRepository, TranscriptRepository
from bot.storage.ticket_browse import TicketBrowser


def dashboard_for_bot(bot: Any, settings: DashboardSettings) -> Dashboard:
    """The dashboard of a running :class:`~bot.discord_app.bot.GuichetBot`."""
    service = DashboardService(
        tickets=bot.ticket_repo,
        transcripts=TranscriptRepository(bot.db),
        browser=TicketBrowser(bot.db),
        staff=bot.staff,
        directory=DiscordMemberDirectory(bot),
    )
    return Dashboard(
        settings=settings,
        service=service,
        servers=lambda: bot.runtime.servers,
        catalog=lambda: bot.runtime.catalog,
    )


def standalone_dashboard(
    client: discord.Client,
    db: Database,
    settings: DashboardSettings,
    *,
    servers: Callable[[], Sequence[ServerSpec]],
    catalog: Callable[[], Catalog],
) -> Dashboard:
    """The dashboard over a logged-in REST-only ``client`` (``await client.login(token)``)."""

    def translate(msg_id: str, locale: str | None, **kwargs: Any) -> str:
        return catalog().translate(msg_id, locale, **kwargs)

    tickets = TicketRepository(db)
    port = DiscordTicketPort(client)
    staff = StaffService(
        tickets,
        port,
        translate,
        event_log=EventLog(port, translate),
        join_notice=HandlerAccess(tickets, port, translate).post_notice,
    )
    service = DashboardService(
        tickets=tickets,
        transcripts=TranscriptRepository(db),
        browser=TicketBrowser(db),
        staff=staff,
        directory=DiscordMemberDirectory(client),
    )
    return Dashboard(settings=settings, service=service, servers=servers, catalog=catalog)


@contextlib.asynccontextmanager
async def serving(dashboard: Dashboard, host: str, port: int) -> AsyncIterator[int]:
    """Serve ``dashboard`` on ``host:port`` (0: any free port); yields the port."""
    runner = web.AppRunner(dashboard.make_app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    sockets = getattr(site._server, "sockets", None) or []
    try:
        yield sockets[0].getsockname()[1] if sockets else port
    finally:
        await runner.cleanup()


async def serve_standalone(
    settings: Any, runtime: Any, web_settings: Any, texts: Callable[..., str]
) -> int:
    """``guichet web``: log in over REST with the bot's token, serve until SIGINT/SIGTERM."""
    from bot.discord_app.runner import open_target_database
    from bot.sandbox.discord_client import configure_discord_endpoints

    configure_discord_endpoints(settings.discord_api, None)
    db = await open_target_database(settings, sandbox=False)
    # REST only: no Gateway connection is made; the guilds flag only keeps discord.py from
    # warning about a cache that is never filled here.
    client = discord.Client(intents=discord.Intents(guilds=True))
    try:
        await client.login(settings.token.reveal())
        dashboard = standalone_dashboard(
            client,
            db,
            web_settings,
            servers=lambda: runtime.servers,
            catalog=lambda: runtime.catalog,
        )
        async with serving(dashboard, web_settings.host, web_settings.port):
            sys.stdout.write(texts("web-ready", url=web_settings.public_url) + "\n")
            sys.stdout.write(texts("web-redirect-hint", url=web_settings.redirect_uri) + "\n")
            sys.stdout.flush()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            await stop.wait()
    finally:
        await client.close()
        await db.close()
    return 0


@contextlib.asynccontextmanager
async def dashboard_in_bot(bot: Any, emulator: Any | None) -> AsyncIterator[None]:
    """``guichet run`` serves the dashboard in its own process when GUICHET_WEB_URL is set
    (off otherwise). In the sandbox the emulator's application is the OAuth2 client: its id
    and secret fill in, any loopback callback is accepted, and a session secret is made for
    the run, so ``GUICHET_WEB_URL=http://127.0.0.1:8080 guichet run`` is enough."""
    import os
    import secrets as random_secrets

    from bot.dashboard.settings import load_settings
    from bot.logs import say
    from bot.runtime import StartupError

    env = dict(os.environ)
    if not env.get("GUICHET_WEB_URL", "").strip():
        yield
        return
    if emulator is not None:
        env.setdefault("GUICHET_OAUTH_CLIENT_ID", str(emulator.state.application_id))
        env.setdefault("GUICHET_OAUTH_CLIENT_SECRET", emulator.oauth2.client_secret)
        env.setdefault("GUICHET_WEB_SESSION_SECRET", random_secrets.token_urlsafe(32))
        env["GUICHET_DISCORD_API"] = emulator.api_url
        emulator.oauth2.allow_loopback_redirects = True
    loaded = load_settings(env)
    if isinstance(loaded, list):
        first = loaded[0]
        raise StartupError(first.msg_id, **first.args)
    dashboard = dashboard_for_bot(bot, loaded)
    try:
        context = serving(dashboard, loaded.host, loaded.port)
        await context.__aenter__()
    except OSError as exc:
        raise StartupError(
            "run-port-unavailable", port=str(loaded.port), reason=exc.strerror or str(exc)
        ) from None
    say(bot.runtime.translate("web-ready", None, url=loaded.public_url))
    try:
        yield
    finally:
        await context.__aexit__(None, None, None)
