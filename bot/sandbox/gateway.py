"""The Gateway: a websocket speaking Discord's v10 protocol in plain JSON text frames.

HELLO, IDENTIFY (intents, privileged intents refused with 4014), heartbeats, READY and one
GUILD_CREATE per guild, DISPATCH with per-session sequence numbers, RESUME replaying the events a
session missed while disconnected, INVALID_SESSION for sessions it does not know, and
REQUEST_GUILD_MEMBERS answered with a single GUILD_MEMBERS_CHUNK. The client asks for
zlib-stream compression; discord.py also accepts uncompressed text frames, so none is applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntFlag
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator
    from bot.sandbox.state import Guild

log = logging.getLogger(__name__)

# Opcodes.
DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_GUILD_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11

# Close codes.
AUTHENTICATION_FAILED = 4004
DISALLOWED_INTENTS = 4014
DROPPED = 4000  # "unknown error": clients reconnect and resume


class Intents(IntFlag):
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15


PRIVILEGED = Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES | Intents.MESSAGE_CONTENT

# Application flags telling the client which privileged intents the app may use.
APP_FLAG_FOR_INTENT = {
    Intents.GUILD_PRESENCES: 1 << 12,
    Intents.GUILD_MEMBERS: 1 << 14,
    Intents.MESSAGE_CONTENT: 1 << 18,
}

# How many events a session keeps for RESUME.
REPLAY_BUFFER = 5000

Redactor = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Session:
    id: str
    intents: int
    seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=REPLAY_BUFFER))
    socket: web.WebSocketResponse | None = None
    outbox: asyncio.Queue[str | None] | None = None
    writer: asyncio.Task[None] | None = None

    def wants(self, intent: int | None) -> bool:
        return intent is None or bool(self.intents & intent)


class Gateway:
    def __init__(self, emulator: Emulator, *, heartbeat_interval_ms: int = 41_250) -> None:
        self.emulator = emulator
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, Session] = {}
        self.connections = 0  # websocket connections accepted, resumes included
        self.resumes = 0
        self._sockets: set[web.WebSocketResponse] = set()

    # ---------------------------------------------------------------- dispatch
    def dispatch(
        self,
        event: str,
        data: dict[str, Any],
        *,
        intent: int | None = None,
        redact: Redactor | None = None,
        per_session: Callable[[Session], dict[str, Any] | None] | None = None,
    ) -> None:
        """Send `event` to every session subscribed to `intent`.

        `redact` rewrites the payload for sessions without MESSAGE_CONTENT; `per_session`
        builds the payload per session (None skips that session).
        """
        for session in list(self.sessions.values()):
            if not session.wants(intent):
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
            self._send_dispatch(session, "GUILD_CREATE", self.guild_create_payload(guild, session))

    def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = json.dumps({"op": DISPATCH, "t": event, "s": session.seq, "d": data})
        session.buffer.append((session.seq, frame))
        if session.outbox is not None:
            session.outbox.put_nowait(frame)

    # -------------------------------------------------------------- lifecycle
    async def drop(self, *, code: int = DROPPED) -> int:
        """Close every open connection as a network fault would; sessions stay resumable."""
        dropped = 0
        for session in self.sessions.values():
            if session.socket is not None and not session.socket.closed:
                await session.socket.close(code=code)
                dropped += 1
        return dropped

    async def close_all(self) -> None:
        for socket in list(self._sockets):
            with contextlib.suppress(Exception):
                await socket.close(code=1001)
        for session in self.sessions.values():
            await self._detach(session)

    # ------------------------------------------------------------- websocket
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await socket.prepare(request)
        self._sockets.add(socket)
        self.connections += 1
        session: Session | None = None
        try:
            await socket.send_str(
                json.dumps(
                    {
                        "op": HELLO,
                        "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                        "s": None,
                        "t": None,
                    }
                )
            )
            async for msg in socket:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                op, data = payload.get("op"), payload.get("d")
                if op == HEARTBEAT:
                    await socket.send_str(json.dumps({"op": HEARTBEAT_ACK, "d": None}))
                elif op == IDENTIFY and session is None:
                    session = await self._identify(socket, data or {})
                elif op == RESUME and session is None:
                    session = await self._resume(socket, data or {})
                elif op == REQUEST_GUILD_MEMBERS and session is not None:
                    self._members_chunk(session, data or {})
                # Presence and voice updates are accepted and ignored.
        finally:
            self._sockets.discard(socket)
            if session is not None and session.socket is socket:
                await self._detach(session)
        return socket

    async def _identify(
        self, socket: web.WebSocketResponse, data: dict[str, Any]
    ) -> Session | None:
        emulator = self.emulator
        if data.get("token") != emulator.token:
            await socket.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return None
        intents = int(data.get("intents", 0))
        if intents & PRIVILEGED & ~emulator.privileged_intents:
            await socket.close(code=DISALLOWED_INTENTS, message=b"Disallowed intent(s).")
            return None
        session = Session(id=secrets.token_hex(16), intents=intents)
        self.sessions[session.id] = session
        self._attach(session, socket)
        state = emulator.state
        flags = 0
        for intent, flag in APP_FLAG_FOR_INTENT.items():
            if emulator.privileged_intents & intent:
                flags |= flag
        self._send_dispatch(
            session,
            "READY",
            {
                "v": 10,
                "user": state.bot_user.payload(),
                "guilds": [{"id": str(g), "unavailable": True} for g in state.guilds],
                "session_id": session.id,
                "session_type": "normal",
                "resume_gateway_url": emulator.gateway_url,
                "application": {"id": str(state.application_id), "flags": flags},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "user_settings": {},
                "auth": {},
                "shard": [0, 1],
            },
        )
        for guild in state.guilds.values():
            self._send_dispatch(session, "GUILD_CREATE", self.guild_create_payload(guild, session))
        emulator.notify()
        return session

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.emulator.token:
            await socket.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return None
        await self._detach(session)
        self.resumes += 1
        last_seen = int(data.get("seq") or 0)
        missed = [frame for seq, frame in session.buffer if seq > last_seen]
        self._attach(session, socket, backlog=missed)
        self._send_dispatch(session, "RESUMED", {})
        self.emulator.notify()
        return session

    def _attach(
        self, session: Session, socket: web.WebSocketResponse, *, backlog: list[str] | None = None
    ) -> None:
        session.socket = socket
        session.outbox = asyncio.Queue()
        for frame in backlog or ():
            session.outbox.put_nowait(frame)
        session.writer = asyncio.create_task(self._write(socket, session.outbox))

    async def _detach(self, session: Session) -> None:
        writer, outbox = session.writer, session.outbox
        session.socket = session.outbox = session.writer = None
        if outbox is not None:
            outbox.put_nowait(None)
        if writer is not None:
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await asyncio.wait_for(writer, timeout=1.0)

    @staticmethod
    async def _write(socket: web.WebSocketResponse, outbox: asyncio.Queue[str | None]) -> None:
        # One writer per connection keeps frames in sequence order.
        while (frame := await outbox.get()) is not None:
            if socket.closed:
                return
            try:
                await socket.send_str(frame)
            except ConnectionError:
                return

    # -------------------------------------------------------------- payloads
    def guild_create_payload(self, guild: Guild, session: Session) -> dict[str, Any]:
        state = self.emulator.state
        bot_id = state.bot_user.id
        if session.intents & Intents.GUILD_MEMBERS:
            members = list(guild.members.values())
        else:
            # Without GUILD_MEMBERS Discord only sends the bot's own member.
            members = [m for m in guild.members.values() if m.id == bot_id]
        threads = [
            t.payload(viewer_id=bot_id) for t in guild.active_threads() if state.can_view(t, bot_id)
        ]
        return {
            **guild.payload(),
            "joined_at": guild.members[bot_id].joined_at if bot_id in guild.members else None,
            "large": False,
            "unavailable": False,
            "member_count": len(guild.members),
            "voice_states": [],
            "members": [m.payload() for m in members],
            "channels": [c.payload() for c in guild.top_level_channels()],
            "threads": threads,
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _members_chunk(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.emulator.state.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        members = list(guild.members.values())
        if user_ids := data.get("user_ids"):
            wanted = {int(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])}
            members = [m for m in members if m.id in wanted]
        elif query := data.get("query"):
            members = [m for m in members if m.user.username.startswith(query.lower())]
        if limit := int(data.get("limit") or 0):
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if "nonce" in data:
            chunk["nonce"] = data["nonce"]
        self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)
