"""Emulator fixtures for the sandbox tests (the same ones tests/e2e load as a plugin), a raw
REST client for checking Discord's rules without discord.py in between, and a guard that makes
every connection to anything but loopback fail, so "offline" is proven rather than assumed."""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest

from bot.sandbox.pytest_plugin import emulator, prepare_emulator, start_discord_client
from bot.sandbox.server import Emulator

__all__ = ["Rest", "emulator", "loopback_only", "prepare_emulator", "rest", "start_discord_client"]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


class NetworkRefusedError(OSError):
    """A sandbox test tried to reach something other than this machine's loopback."""


def is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Name resolution and connections to non-loopback hosts raise `NetworkRefusedError`."""
    real_getaddrinfo = socket.getaddrinfo
    real_create_connection = socket.create_connection
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(host: object) -> None:
        if not is_loopback(host):
            raise NetworkRefusedError(f"sandbox tests stay on loopback: refused {host!r}")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(address[0])
        return real_create_connection(address, *args, **kwargs)

    def checked(real: Any) -> Any:
        def connect(self: socket.socket, address: Any) -> Any:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                refuse(address[0])
            return real(self, address)

        return connect

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket.socket, "connect", checked(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", checked(real_connect_ex))
    yield


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
