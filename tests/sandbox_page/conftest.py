"""The sandbox page over HTTP, without a bot or a browser: an emulator seeded from the example
server, the page attached, and a cookie-keeping client acting as one browser."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import load_servers
from bot.i18n import Catalog
from bot.sandbox.from_config import SeededServer, seed_from_server
from bot.sandbox.pytest_plugin import make_emulator
from bot.sandbox.server import Emulator
from bot.sandbox.web import SandboxPage, attach_page

REPO = Path(__file__).resolve().parents[2]
GUILD = 123456789012345678


@dataclass
class Browser:
    """A cookie-keeping HTTP client on the page, like one browser tab."""

    session: aiohttp.ClientSession
    emulator: Emulator

    def url(self, path: str) -> str:
        return self.emulator.page_url.rstrip("/") + path

    async def get(self, path: str, **kwargs: Any) -> tuple[int, str]:
        async with self.session.get(self.url(path), **kwargs) as response:
            return response.status, await response.text()

    async def csrf(self, path: str = f"/g/{GUILD}") -> str:
        _, html = await self.get(path)
        found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
        assert found, "no CSRF token in the page"
        return found.group(1)

    async def post(self, path: str, data: dict[str, Any], *, token: str | None = None) -> int:
        token = token if token is not None else await self.csrf()
        async with self.session.post(
            self.url(path),
            data={**data, "csrf": token},
            headers={"Accept": "application/json"},
            allow_redirects=False,
        ) as response:
            return response.status


@dataclass
class Sandbox:
    emulator: Emulator
    page: SandboxPage
    seeded: SeededServer
    browser: Browser


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    catalog = Catalog.load(REPO / "locales", strict=True)
    result = load_servers([REPO / "servers"], catalog)
    emulator = make_emulator()
    page = attach_page(emulator, catalog)
    await emulator.start()
    [spec] = result.servers
    seeded = seed_from_server(emulator, spec, demo_locales=("en-US", "fr", "de"))
    jar = aiohttp.CookieJar(unsafe=True)  # cookies on 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        try:
            yield Sandbox(emulator, page, seeded, Browser(session, emulator))
        finally:
            await emulator.stop()
