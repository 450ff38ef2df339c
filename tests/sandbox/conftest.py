"""Emulator fixtures for the sandbox tests (the same ones tests/e2e load as a plugin), and a raw
REST client for checking Discord's rules without discord.py in between."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.sandbox.pytest_plugin import emulator, start_discord_client
from bot.sandbox.server import Emulator

__all__ = ["Rest", "emulator", "rest", "start_discord_client"]


class Rest:
    """Calls the emulator's REST API as a bot would, returning (status, decoded body)."""

    def __init__(self, session: aiohttp.ClientSession, emulator: Emulator) -> None:
        self.session = session
        self.emulator = emulator

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        files: dict[str, tuple[str, bytes]] | None = None,
        auth: bool = True,
        params: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bot {self.emulator.token}"} if auth else {}
        data: Any = None
        if files:
            form = aiohttp.FormData(quote_fields=False)
            form.add_field("payload_json", json.dumps(body), content_type="application/json")
            for field, (filename, content) in files.items():
                form.add_field(field, content, filename=filename, content_type="text/plain")
            data = form
        elif body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body)
        url = self.emulator.api_url + path
        async with self.session.request(
            method, url, data=data, headers=headers, params=params
        ) as r:
            assert r.status == 204 or r.headers["Content-Type"] == "application/json"
            return r.status, (await r.json() if r.status != 204 else None)


@pytest.fixture
async def rest(emulator: Emulator) -> AsyncIterator[Rest]:
    async with aiohttp.ClientSession() as session:
        yield Rest(session, emulator)
