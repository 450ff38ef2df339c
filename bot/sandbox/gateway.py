"""The Gateway: a websocket speaking Discord's v10 protocol as documented (developer docs,
"Gateway" and "Opcodes and Status Codes").

- Transport: JSON in text frames, or with `compress=zlib-stream` (or `zstd-stream`, where a zstd
  module is installed) one compressed stream per connection in binary frames; clients may send
  text or binary frames. `encoding=etf` is not emulated: the upgrade is refused (400), as is a
  compression the emulator cannot serve.
- HELLO, heartbeats (ACKed; a client silent for longer than `heartbeat_timeout` is closed with
  4009 and its session ended), IDENTIFY (token 4004, intents 4013/4014, shard 4010/4011, a
  second one 4005, `max_concurrency` IDENTIFYs per 5 s or INVALID_SESSION, the session start
  limit), RESUME replaying what a session missed (4007 for a
  sequence it never sent, INVALID_SESSION for a session it no longer has), 4001 unknown opcode,
  4002 undecodable payload, 4003 anything before identifying, 4008 beyond 120 payloads a minute.
- Sharding: a session identified with `shard: [id, count]` gets only the guilds with
  `(guild_id >> 22) % count == id` and only their events; events without a guild go to shard 0.
- Faults for tests (`bot.sandbox.gateway_faults`): `drop`, `reconnect` (op 7),
  `invalidate_sessions` (op 9, resumable or not), `request_heartbeat` (op 1 from the server).
Every payload sent is checked against Discord's description (`conformance.frame`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from bot.sandbox import gateway_payloads
from bot.sandbox.gateway_faults import GatewayFaults
from bot.sandbox.gateway_protocol import (
    ALL_INTENTS,
    API_VERSIONS,
    APP_FLAG_FOR_INTENT,
    COMPRESSIONS,
    PRIVILEGED,
    UNAUTHENTICATED_OPS,
    Close,
    Encoder,
    Intents,
    Op,
    ProtocolError,
    decode,
)
from bot.sandbox.gateway_session import Connection, Session

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator
    from bot.sandbox.state import Guild

__all__ = ["APP_FLAG_FOR_INTENT", "PRIVILEGED", "Close", "Gateway", "Intents", "Session"]

log = logging.getLogger(__name__)

DAY_MS = 86_400_000

Redactor = Callable[[dict[str, Any]], dict[str, Any]]


class Gateway(GatewayFaults):
    def __init__(self, emulator: Emulator, *, heartbeat_interval_ms: int = 41_250) -> None:
        self.emulator = emulator
        self.heartbeat_interval_ms = heartbeat_interval_ms
        # Settings a test may change before clients connect.
        self.heartbeat_grace = 0.25  # of an interval: the docs promise tolerance, not a figure
        self.max_guilds_per_shard = 2500  # beyond it IDENTIFY closes with 4011
        self.guilds_per_recommended_shard = 1000  # /gateway/bot's `shards`
        self.session_start_total = 1000  # IDENTIFYs per 24 h
        self.max_concurrency = 1  # IDENTIFYs per window, by rate-limit key (shard_id % it)
        self.identify_window = 5.0  # seconds; 0 lets a test open many sessions at once
        self.payload_limit = (120, 60.0)  # client payloads per connection per seconds
        self.reconnect_grace = 2.0  # seconds a client has to leave after RECONNECT
        # Seconds before a HEARTBEAT_ACK leaves, as a network round trip would take. An instant
        # ACK on loopback races discord.py's heartbeat thread (it stamps the send time only
        # after the loop has sent it) and makes it warn "Can't keep up ... 41.3s behind".
        self.heartbeat_ack_delay = 0.05
        # State.
        self.sessions: dict[str, Session] = {}
        self.connections = 0  # websocket connections accepted, resumes included
        self.resumes = 0
        self.identifies = 0
        self.identify_refusals = 0  # IDENTIFYs answered INVALID_SESSION: too many at once
        self.heartbeat_timeouts = 0
        self.closes: list[int] = []  # close codes the server sent, in order
        self._open: set[Connection] = set()
        self._starts: deque[float] = deque()  # session starts of the last 24 h (monotonic)
        self._identified: dict[int, float] = {}  # rate-limit key -> last IDENTIFY (monotonic)
        # Guilds whose GUILD_CREATE a new session does not get yet (listed in READY, still
        # unavailable): a guild slow to load; `guild_joined` sends it later.
        self.held_guilds: set[int] = set()

    @property
    def heartbeat_timeout(self) -> float:
        return self.heartbeat_interval_ms / 1000 * (1 + self.heartbeat_grace)

    # ---------------------------------------------------------------- dispatch
    def dispatch(
        self,
        event: str,
        data: dict[str, Any],
        *,
        intent: int | None = None,
        redact: Redactor | None = None,
        per_session: Callable[[Session], dict[str, Any] | None] | None = None,
        guild_id: int | None = None,
    ) -> None:
        """Send `event` to every session subscribed to `intent` whose shard serves the event's
        guild (`guild_id`, else the payload's `guild_id`; none: shard 0 only).

        `redact` rewrites the payload for sessions without MESSAGE_CONTENT; `per_session`
        builds the payload per session (None skips that session).
        """
        if guild_id is None and data.get("guild_id") is not None:
            guild_id = int(data["guild_id"])
        for session in list(self.sessions.values()):
            if not session.wants(intent) or not session.serves(guild_id):
                continue
            payload = data
            if per_session is not None:
                built = per_session(session)
                if built is None:
                    continue
                payload = built
            if redact is not None and not session.intents & Intents.MESSAGE_CONTENT:
                payload = redact(payload)
            self._send_dispatch(session, event, payload)

    def guild_joined(self, guild: Guild) -> None:
        """GUILD_CREATE for a guild the bot joins while connected (built per session)."""
        for session in list(self.sessions.values()):
            if session.serves(guild.id):
                payload = gateway_payloads.guild_create(self.emulator, guild, session)
                self._send_dispatch(session, "GUILD_CREATE", payload)

    def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = {"t": event, "s": session.seq, "op": int(Op.DISPATCH), "d": data}
        self.emulator.conformance.frame(frame)
        text = json.dumps(frame)
        session.buffer.append((session.seq, text))
        if session.connection is not None:
            session.connection.enqueue(text)

    def forget(self, session: Session) -> None:
        """End a session: it can no longer be resumed."""
        self.sessions.pop(session.id, None)

    # ------------------------------------------------------- /gateway/bot
    def recommended_shards(self) -> int:
        guilds = len(self.emulator.state.guilds)
        return max(1, math.ceil(guilds / self.guilds_per_recommended_shard))

    def session_start_limit(self) -> dict[str, int]:
        self._expire_starts()
        reset_after = 0
        if self._starts:
            reset_after = max(0, round((self._starts[0] - time.monotonic()) * 1000) + DAY_MS)
        return {
            "total": self.session_start_total,
            "remaining": max(0, self.session_start_total - len(self._starts)),
            "reset_after": reset_after,
            "max_concurrency": self.max_concurrency,
        }

    def _expire_starts(self) -> None:
        horizon = time.monotonic() - DAY_MS / 1000
        while self._starts and self._starts[0] <= horizon:
            self._starts.popleft()

    async def close_all(self) -> None:
        for connection in list(self._open):
            with contextlib.suppress(Exception):
                await connection.socket.close(code=1001)
            await connection.stop()

    # ------------------------------------------------------------- websocket
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        encoding = request.query.get("encoding", "json")
        compress = request.query.get("compress")
        if encoding != "json" or (compress is not None and compress not in COMPRESSIONS):
            served = ", ".join(sorted(COMPRESSIONS))
            raise web.HTTPBadRequest(
                text=f"the emulator speaks encoding=json, with compress={served} or none "
                "(zstd-stream needs compression.zstd or backports.zstd installed)"
            )
        socket = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await socket.prepare(request)
        self.connections += 1
        connection = Connection(self, socket, Encoder.for_query(compress))
        self._open.add(connection)
        try:
            if request.query.get("v", "10") not in API_VERSIONS:
                connection.close(Close.INVALID_API_VERSION)
            else:
                connection.send(Op.HELLO, {"heartbeat_interval": self.heartbeat_interval_ms})
            async for msg in socket:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY) or connection.closing:
                    continue
                try:
                    connection.count_received()
                    op, data = decode(msg.data)
                    await self._receive(connection, op, data)
                except ProtocolError as exc:
                    log.debug("gateway closes a connection: %s", exc)
                    connection.close(exc.code)
        finally:
            self._open.discard(connection)
            session = connection.session
            if session is not None and session.connection is connection:
                session.connection = None
                # "Close code 1000 or 1001: your session will be invalidated" (docs).
                if socket.close_code in (1000, 1001) and not connection.closing:
                    self.forget(session)
            await connection.stop()
            self.emulator.notify()
        return socket

    async def _receive(self, connection: Connection, op: int, data: Any) -> None:
        if op == Op.HEARTBEAT:
            connection.last_heartbeat = time.monotonic()
            connection.heartbeats += 1
            if self.heartbeat_ack_delay > 0:
                asyncio.get_running_loop().call_later(
                    self.heartbeat_ack_delay, connection.send, Op.HEARTBEAT_ACK, None
                )
            else:
                connection.send(Op.HEARTBEAT_ACK, None)
            self.emulator.notify()
        elif op in (Op.IDENTIFY, Op.RESUME):
            if connection.session is not None:
                raise ProtocolError(Close.ALREADY_AUTHENTICATED)
            if not isinstance(data, dict):
                raise ProtocolError(Close.UNKNOWN_OPCODE, "invalid payload for this opcode")
            if op == Op.IDENTIFY:
                self._identify(connection, data)
            else:
                self._resume(connection, data)
        elif connection.session is None and op not in UNAUTHENTICATED_OPS:
            raise ProtocolError(Close.NOT_AUTHENTICATED)
        elif op == Op.REQUEST_GUILD_MEMBERS and isinstance(data, dict):
            guild = self.emulator.state.guilds.get(int(data.get("guild_id") or 0))
            if guild is not None and connection.session.serves(guild.id):  # type: ignore[union-attr]
                chunk = gateway_payloads.members_chunk(guild, data)
                self._send_dispatch(connection.session, "GUILD_MEMBERS_CHUNK", chunk)  # type: ignore[arg-type]
        # Presence, voice and other requests are accepted and ignored.

    def _identify(self, connection: Connection, data: dict[str, Any]) -> None:
        emulator = self.emulator
        if not isinstance(data.get("properties"), dict):
            raise ProtocolError(Close.UNKNOWN_OPCODE, "IDENTIFY needs token, properties, intents")
        if data.get("token") != emulator.token:
            raise ProtocolError(Close.AUTHENTICATION_FAILED)
        intents = data.get("intents")
        if not isinstance(intents, int) or isinstance(intents, bool):
            raise ProtocolError(Close.INVALID_INTENTS)
        if intents < 0 or intents & ~ALL_INTENTS:
            raise ProtocolError(Close.INVALID_INTENTS)
        if intents & PRIVILEGED & ~emulator.privileged_intents:
            raise ProtocolError(Close.DISALLOWED_INTENTS)
        shard = _shard(data.get("shard"))
        session = Session(id=secrets.token_hex(16), intents=intents, shard=shard)
        guilds = [g for g in emulator.state.guilds.values() if session.serves(g.id)]
        if len(guilds) > self.max_guilds_per_shard:
            raise ProtocolError(Close.SHARDING_REQUIRED)
        if not self._may_identify(shard):
            connection.send(Op.INVALID_SESSION, False)
            return
        self._expire_starts()
        if len(self._starts) >= self.session_start_total:
            self._reset_token()
            raise ProtocolError(Close.AUTHENTICATION_FAILED)
        self._starts.append(time.monotonic())
        self.identifies += 1
        self.sessions[session.id] = session
        self._attach(session, connection)
        self._send_dispatch(session, "READY", gateway_payloads.ready(emulator, session, guilds))
        for guild in (g for g in guilds if g.id not in self.held_guilds):
            payload = gateway_payloads.guild_create(emulator, guild, session)
            self._send_dispatch(session, "GUILD_CREATE", payload)
        emulator.notify()

    def _may_identify(self, shard: tuple[int, int] | None) -> bool:
        """The docs' identify limit: `max_concurrency` IDENTIFYs per 5 s, one per rate-limit
        key (`shard_id % max_concurrency`); beyond it "Discord will respond with a Invalid
        Session (opcode 9)"."""
        key = (shard[0] if shard else 0) % max(1, self.max_concurrency)
        now = time.monotonic()
        last = self._identified.get(key)
        if last is not None and now - last < self.identify_window:
            self.identify_refusals += 1
            return False
        self._identified[key] = now
        return True

    def _reset_token(self) -> None:
        """The docs: beyond the session start limit "all active sessions for the app will be
        terminated, the bot token will be reset". REST answers 401 from then on too."""
        log.warning("session start limit exhausted: the emulator resets the bot token")
        self.emulator.token = secrets.token_urlsafe(24)
        for connection in self._live():
            connection.close(Close.AUTHENTICATION_FAILED)

    def _resume(self, connection: Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.emulator.token:
            raise ProtocolError(Close.AUTHENTICATION_FAILED)
        session = self.sessions.get(str(data.get("session_id")))
        if session is None:
            connection.send(Op.INVALID_SESSION, False)
            return
        last_seen = data.get("seq") or 0
        if not isinstance(last_seen, int) or last_seen > session.seq:
            raise ProtocolError(Close.INVALID_SEQ)
        missed = [text for seq, text in session.buffer if seq > last_seen]
        if last_seen < session.seq - len(missed):
            # Events the client missed are no longer buffered: it must start again.
            self.forget(session)
            connection.send(Op.INVALID_SESSION, False)
            return
        previous = session.connection
        if previous is not None and previous is not connection:
            previous.close(Close.UNKNOWN_ERROR)
        self.resumes += 1
        self._attach(session, connection, backlog=missed)
        self._send_dispatch(session, "RESUMED", {})
        self.emulator.notify()

    @staticmethod
    def _attach(session: Session, connection: Connection, *, backlog: list[str] = ()) -> None:  # type: ignore[assignment]
        session.connection = connection
        connection.session = session
        for text in backlog:
            connection.enqueue(text)


def _shard(value: Any) -> tuple[int, int] | None:
    """IDENTIFY's `shard`, or 4010 when it is not `[shard_id, num_shards]` with
    0 <= shard_id < num_shards."""
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= value[0] < value[1]
    ):
        raise ProtocolError(Close.INVALID_SHARD)
    return value[0], value[1]
