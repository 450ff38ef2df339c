"""One Gateway session and one websocket connection of the emulator's Gateway
(`bot.sandbox.gateway`): what a session keeps for RESUME and which events reach it, and a
connection's ordered writer, heartbeat watchdog and payload limit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.gateway_protocol import CLOSE_REASONS, Close, Encoder, Op, ProtocolError, shard_of

if TYPE_CHECKING:
    from bot.sandbox.gateway import Gateway

# How many events a session keeps for RESUME.
REPLAY_BUFFER = 5000
# Closes after which the session cannot be resumed: the docs' "do not reconnect" codes, a
# timed-out session ("start a new one") and a sequence the server never sent.
ENDS_SESSION = frozenset(
    {
        Close.AUTHENTICATION_FAILED,
        Close.INVALID_SEQ,
        Close.SESSION_TIMED_OUT,
        Close.INVALID_SHARD,
        Close.SHARDING_REQUIRED,
        Close.INVALID_API_VERSION,
        Close.INVALID_INTENTS,
        Close.DISALLOWED_INTENTS,
    }
)


@dataclass(frozen=True, slots=True)
class _Closing:
    code: int


@dataclass
class Session:
    id: str
    intents: int
    shard: tuple[int, int] | None = None  # as sent in IDENTIFY; None: unsharded
    seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=REPLAY_BUFFER))
    connection: Connection | None = None

    def wants(self, intent: int | None) -> bool:
        return intent is None or bool(self.intents & intent)

    def serves(self, guild_id: int | None) -> bool:
        """Whether events of `guild_id` reach this session (None: an event with no guild)."""
        shard_id, count = self.shard or (0, 1)
        return shard_id == 0 if guild_id is None else shard_of(guild_id, count) == shard_id


class Connection:
    """One websocket: frames leave in order through a single writer (a zlib stream needs its
    messages compressed in the order they are sent), and a watchdog on the client's
    heartbeats."""

    def __init__(self, gateway: Gateway, socket: web.WebSocketResponse, encoder: Encoder) -> None:
        self.gateway = gateway
        self.socket = socket
        self.encoder = encoder
        self.session: Session | None = None
        self.last_heartbeat = time.monotonic()
        self.heartbeats = 0
        self.received: deque[float] = deque()
        self.closing = False
        self.finished = asyncio.Event()  # set once the writer is done (closed or stopped)
        self._outbox: asyncio.Queue[str | _Closing | None] = asyncio.Queue()
        self._tasks = [asyncio.create_task(self._write()), asyncio.create_task(self._watch())]

    def send(self, op: Op, d: Any) -> None:
        frame = {"t": None, "s": None, "op": int(op), "d": d}
        self.gateway.emulator.conformance.frame(frame)
        self.enqueue(json.dumps(frame))

    def enqueue(self, text: str) -> None:
        if not self.closing:
            self._outbox.put_nowait(text)

    def close(self, code: int) -> None:
        """Close after the frames already queued; further frames are dropped."""
        if not self.closing:
            self.closing = True
            self.gateway.closes.append(code)
            if code in ENDS_SESSION and self.session is not None:
                self.gateway.forget(self.session)
            self._outbox.put_nowait(_Closing(code))

    async def stop(self) -> None:
        self._tasks[1].cancel()
        self._outbox.put_nowait(None)
        with contextlib.suppress(asyncio.CancelledError, ConnectionError, TimeoutError):
            await asyncio.wait_for(asyncio.gather(*self._tasks), timeout=1.0)

    async def _write(self) -> None:
        try:
            while (item := await self._outbox.get()) is not None and not self.socket.closed:
                if isinstance(item, _Closing):
                    reason = CLOSE_REASONS.get(item.code, "")  # type: ignore[call-overload]
                    await self.socket.close(code=item.code, message=reason.encode())
                    return
                data = self.encoder.encode(item)
                if isinstance(data, bytes):
                    await self.socket.send_bytes(data)
                else:
                    await self.socket.send_str(data)
        except ConnectionError:
            return
        finally:
            self.finished.set()

    async def _watch(self) -> None:
        """Close with 4009 a connection whose client stopped heartbeating."""
        timeout = self.gateway.heartbeat_timeout
        while not self.closing:
            left = self.last_heartbeat + timeout - time.monotonic()
            if left <= 0:
                self.gateway.heartbeat_timeouts += 1
                self.close(Close.SESSION_TIMED_OUT)
                return
            await asyncio.sleep(left)

    def count_received(self) -> None:
        """The docs' limit: 120 payloads per connection every 60 seconds, then 4008."""
        now = time.monotonic()
        limit, window = self.gateway.payload_limit
        self.received.append(now)
        while self.received and self.received[0] <= now - window:
            self.received.popleft()
        if len(self.received) > limit:
            raise ProtocolError(Close.RATE_LIMITED)
