"""The staff dashboard beside the real bot (mounted on its services, as `guichet run` would),
and a cookie-keeping HTTP client that signs in through the emulator's OAuth2 like a browser."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from bot.dashboard.app import Dashboard
from bot.dashboard.settings import DashboardSettings
from bot.discord_app.dashboard_host import dashboard_for_bot, serving
from bot.sandbox.actors import Actor
from bot.settings import Secret
from tests.e2e.conftest import Guichet

SESSION_SECRET = "s" * 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def settings_for(g: Guichet, port: int) -> DashboardSettings:
    return DashboardSettings(
        public_url=f"http://127.0.0.1:{port}",
        host="127.0.0.1",
        port=port,
        client_id=str(g.emulator.state.application_id),
        client_secret=Secret(g.emulator.oauth2.client_secret),
        session_secret=Secret(SESSION_SECRET),
        session_hours=12,
        discord_api=g.emulator.api_url,
    )


@dataclass
class Served:
    dashboard: Dashboard
    url: str


StartDashboard = Callable[[Guichet], Any]


@pytest.fixture
async def start_dashboard() -> AsyncIterator[StartDashboard]:
    stack: list[Any] = []

    async def start(g: Guichet) -> Served:
        assert g.bot is not None
        settings = settings_for(g, free_port())
        g.emulator.oauth2.redirect_uris.add(settings.redirect_uri)
        dashboard = dashboard_for_bot(g.bot, settings)
        context = serving(dashboard, settings.host, settings.port)
        await context.__aenter__()
        stack.append(context)
        return Served(dashboard, settings.public_url)

    try:
        yield start
    finally:
        for context in reversed(stack):
            await context.__aexit__(None, None, None)


@dataclass
class WebUser:
    """One browser's cookies on the dashboard."""

    http: aiohttp.ClientSession
    base: str

    async def get(self, path: str, **kwargs: Any) -> tuple[int, str]:
        async with self.http.get(self.base + path, **kwargs) as response:
            return response.status, await response.text()

    async def csrf(self, path: str = "/") -> str:
        _, html = await self.get(path)
        found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
        assert found, "no CSRF token in the page"
        return found.group(1)

    async def post(
        self, path: str, data: dict[str, str], *, token: str | None = None
    ) -> tuple[int, str, str | None]:
        form = {**data, "csrf": await self.csrf(path.rsplit("/", 1)[0]) if token is None else token}
        async with self.http.post(self.base + path, data=form, allow_redirects=False) as response:
            return response.status, await response.text(), response.headers.get("Location")


async def sign_in(http: aiohttp.ClientSession, served: Served, actor: Actor) -> WebUser:
    """The authorization code flow as a browser runs it: /login, Discord's (the emulator's)
    consent screen, Authorize as ``actor``, the callback, then the dashboard."""
    async with http.get(served.url + "/login") as response:
        assert response.status == 200, await response.text()
        screen = await response.text()
    block = screen.split(f'name="user_id" value="{actor.user_id}"')[0].rsplit("<form", 1)[1]
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', block))
    form.update(user_id=str(actor.user_id), decision="authorize")
    form = {k: v.replace("&amp;", "&") for k, v in form.items()}
    authorize = str(response.url).split("?")[0]
    async with http.post(authorize, data=form) as response:  # follows to the callback
        assert response.status == 200, await response.text()
        assert str(response.url).startswith(served.url + "/auth/callback")
    return WebUser(http, served.url)


def cookie_jar() -> aiohttp.CookieJar:
    return aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1


async def transcript_of(g: Guichet, channel: Any) -> Any:
    """The transcript a close made (the close answers before it is stored: a few calls)."""
    import asyncio

    from bot.storage import TicketRepository, TranscriptRepository

    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    transcripts = TranscriptRepository(g.db)
    for _ in range(100):
        found = await transcripts.latest_for_ticket(ticket.id)
        if found is not None:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError("no transcript stored within 10 s")
