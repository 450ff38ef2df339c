"""A minimal Gateway client over a raw websocket, for tests of the protocol itself: it connects
as Discord's docs describe (`?v=10&encoding=json`, by default with `compress=zlib-stream`),
inflates the zlib stream, and reads or sends payloads in text or binary frames."""

from __future__ import annotations

import json
import zlib
from typing import Any

import aiohttp

from bot.sandbox.gateway import Intents
from bot.sandbox.server import Emulator

DEFAULT = Intents.GUILDS | Intents.GUILD_MESSAGES
ZLIB_SUFFIX = b"\x00\x00\xff\xff"


class ClosedError(Exception):
    """The server closed the connection: `code` is its close code."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed with {code}: {reason}")
        self.code = code


class Connection:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, *, compressed: bool) -> None:
        self.ws = ws
        self.compressed = compressed
        self._inflator = zlib.decompressobj()
        self._buffer = bytearray()
        self.frame_types: list[aiohttp.WSMsgType] = []

    async def receive(self, timeout: float = 2) -> dict[str, Any]:  # noqa: ASYNC109
        while True:
            msg = await self.ws.receive(timeout=timeout)
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise ClosedError(msg.data if isinstance(msg.data, int) else None, str(msg.extra))
            self.frame_types.append(msg.type)
            if not self.compressed:
                assert msg.type == aiohttp.WSMsgType.TEXT, msg
                return json.loads(msg.data)
            assert msg.type == aiohttp.WSMsgType.BINARY, msg
            self._buffer.extend(msg.data)
            if self._buffer.endswith(ZLIB_SUFFIX):
                text = self._inflator.decompress(bytes(self._buffer))
                self._buffer.clear()
                return json.loads(text)

    async def closed(self, timeout: float = 2) -> int | None:  # noqa: ASYNC109
        """Read until the server closes; its close code."""
        while True:
            try:
                await self.receive(timeout=timeout)
            except ClosedError as closed:
                return closed.code

    async def until(self, event: str) -> dict[str, Any]:
        while True:
            frame = await self.receive()
            if frame.get("t") == event:
                return frame

    async def frames_until(self, event: str, name: str | None = None) -> list[dict[str, Any]]:
        """Every frame received up to and including the first `event` (whose `d.name` is
        `name`, when given): what a client saw in between, skipped events included."""
        frames = []
        while True:
            frame = await self.receive()
            frames.append(frame)
            if frame.get("t") == event and (name is None or frame["d"].get("name") == name):
                return frames

    async def send(self, op: int, d: Any, *, binary: bool = False) -> None:
        text = json.dumps({"op": op, "d": d})
        if binary:
            await self.ws.send_bytes(text.encode())
        else:
            await self.ws.send_str(text)


async def connect(
    session: aiohttp.ClientSession, emulator: Emulator, *, compress: bool = True, query: str = ""
) -> Connection:
    params = query or ("v=10&encoding=json" + ("&compress=zlib-stream" if compress else ""))
    ws = await session.ws_connect(f"{emulator.gateway_url}?{params}")
    conn = Connection(ws, compressed=compress)
    hello = await conn.receive()
    assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
    return conn


def identify_payload(emulator: Emulator, intents: int = DEFAULT, **extra: Any) -> dict[str, Any]:
    properties = {"os": "linux", "browser": "tests", "device": "tests"}
    return {"token": emulator.token, "intents": int(intents), "properties": properties, **extra}


async def identify(
    session: aiohttp.ClientSession,
    emulator: Emulator,
    intents: int = DEFAULT,
    *,
    compress: bool = True,
    **extra: Any,
) -> tuple[Connection, dict[str, Any]]:
    conn = await connect(session, emulator, compress=compress)
    await conn.send(2, identify_payload(emulator, intents, **extra))
    ready = await conn.until("READY")
    return conn, ready
