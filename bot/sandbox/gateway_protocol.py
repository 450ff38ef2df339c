"""The Gateway's wire protocol (developer docs, "Gateway", "Opcodes and Status Codes"): opcodes,
close codes, intents, the sharding formula, decoding what clients send (text or binary frames
of JSON) and encoding what the server sends: JSON text frames; with `compress=zlib-stream` one
zlib stream per connection in binary frames each ending in Z_SYNC_FLUSH; with
`compress=zstd-stream` one zstd stream per connection, each binary frame a flushed block (which
needs `compression.zstd`, or its backport `backports.zstd` before Python 3.14).
"""

from __future__ import annotations

import importlib
import json
import zlib
from dataclasses import dataclass
from enum import IntEnum, IntFlag
from types import ModuleType
from typing import Any


class Op(IntEnum):
    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    VOICE_STATE_UPDATE = 4
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11
    REQUEST_SOUNDBOARD_SOUNDS = 31
    REQUEST_CHANNEL_INFO = 43


# What a client may send; anything else closes the connection with 4001.
CLIENT_OPS = frozenset(
    {
        Op.HEARTBEAT,
        Op.IDENTIFY,
        Op.PRESENCE_UPDATE,
        Op.VOICE_STATE_UPDATE,
        Op.RESUME,
        Op.REQUEST_GUILD_MEMBERS,
        Op.REQUEST_SOUNDBOARD_SOUNDS,
        Op.REQUEST_CHANNEL_INFO,
    }
)
# What a client may send before it has identified (or resumed); anything else is 4003.
UNAUTHENTICATED_OPS = frozenset({Op.HEARTBEAT, Op.IDENTIFY, Op.RESUME})


class Close(IntEnum):
    """Gateway close event codes. The docs mark 4004, 4010-4014 as "do not reconnect"."""

    UNKNOWN_ERROR = 4000
    UNKNOWN_OPCODE = 4001
    DECODE_ERROR = 4002
    NOT_AUTHENTICATED = 4003
    AUTHENTICATION_FAILED = 4004
    ALREADY_AUTHENTICATED = 4005
    INVALID_SEQ = 4007
    RATE_LIMITED = 4008
    SESSION_TIMED_OUT = 4009
    INVALID_SHARD = 4010
    SHARDING_REQUIRED = 4011
    INVALID_API_VERSION = 4012
    INVALID_INTENTS = 4013
    DISALLOWED_INTENTS = 4014


CLOSE_REASONS: dict[Close, str] = {
    Close.UNKNOWN_ERROR: "Unknown error.",
    Close.UNKNOWN_OPCODE: "Unknown opcode.",
    Close.DECODE_ERROR: "Error while decoding payload.",
    Close.NOT_AUTHENTICATED: "Not authenticated.",
    Close.AUTHENTICATION_FAILED: "Authentication failed.",
    Close.ALREADY_AUTHENTICATED: "Already authenticated.",
    Close.INVALID_SEQ: "Invalid seq.",
    Close.RATE_LIMITED: "Rate limited.",
    Close.SESSION_TIMED_OUT: "Session timed out.",
    Close.INVALID_SHARD: "Invalid shard.",
    Close.SHARDING_REQUIRED: "Sharding required.",
    Close.INVALID_API_VERSION: "Invalid API version.",
    Close.INVALID_INTENTS: "Invalid intent(s).",
    Close.DISALLOWED_INTENTS: "Disallowed intent(s).",
}


class Intents(IntFlag):
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_EXPRESSIONS = 1 << 3
    GUILD_INTEGRATIONS = 1 << 4
    GUILD_WEBHOOKS = 1 << 5
    GUILD_INVITES = 1 << 6
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    DIRECT_MESSAGE_TYPING = 1 << 14
    MESSAGE_CONTENT = 1 << 15
    GUILD_SCHEDULED_EVENTS = 1 << 16
    AUTO_MODERATION_CONFIGURATION = 1 << 20
    AUTO_MODERATION_EXECUTION = 1 << 21
    GUILD_MESSAGE_POLLS = 1 << 24
    DIRECT_MESSAGE_POLLS = 1 << 25


ALL_INTENTS = int(sum(Intents))  # bits outside the documented list close with 4013
PRIVILEGED = Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES | Intents.MESSAGE_CONTENT

# Application flags telling the client which privileged intents the app may use.
APP_FLAG_FOR_INTENT = {
    Intents.GUILD_PRESENCES: 1 << 12,
    Intents.GUILD_MEMBERS: 1 << 14,
    Intents.MESSAGE_CONTENT: 1 << 18,
}

API_VERSIONS = frozenset({"9", "10"})  # the Gateway versions Discord still serves
ZLIB_SUFFIX = b"\x00\x00\xff\xff"


def shard_of(guild_id: int, num_shards: int) -> int:
    """The docs' sharding formula."""
    return (guild_id >> 22) % num_shards


class ProtocolError(Exception):
    """What the client sent closes the connection with `code`."""

    def __init__(self, code: Close, detail: str = "") -> None:
        super().__init__(detail or CLOSE_REASONS[code])
        self.code = code


def decode(data: str | bytes) -> tuple[int, Any]:
    """(op, d) of a client payload: JSON in a text or a binary frame (clients never compress
    what they send). Not JSON: 4002; not a payload of a known opcode: 4001."""
    try:
        payload = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError(Close.DECODE_ERROR) from None
    if not isinstance(payload, dict):
        raise ProtocolError(Close.DECODE_ERROR)
    op = payload.get("op")
    if not isinstance(op, int) or isinstance(op, bool) or op not in CLIENT_OPS:
        raise ProtocolError(Close.UNKNOWN_OPCODE)
    return op, payload.get("d")


def _zstd() -> ModuleType | None:
    for name in ("compression.zstd", "backports.zstd"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


ZSTD = _zstd()
# The `compress` values served: none, zlib-stream, and zstd-stream where zstd is available.
COMPRESSIONS = frozenset({"zlib-stream", *(["zstd-stream"] if ZSTD is not None else [])})


@dataclass
class Encoder:
    """Turns frames into websocket messages: text, or a compressed stream of the connection."""

    compress: str | None = None
    compressor: Any = None

    @classmethod
    def for_query(cls, compress: str | None) -> Encoder:
        if compress == "zlib-stream":
            return cls(compress, zlib.compressobj())
        if compress == "zstd-stream" and ZSTD is not None:
            return cls(compress, ZSTD.ZstdCompressor())
        return cls()

    @property
    def binary(self) -> bool:
        return self.compressor is not None

    def encode(self, text: str) -> str | bytes:
        data = text.encode()
        if self.compress == "zlib-stream":
            return self.compressor.compress(data) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
        if self.compress == "zstd-stream":
            # "each websocket message corresponds to a single gateway message, but does not
            # end a zstd frame" (docs): a flushed block of one long-lived frame.
            return self.compressor.compress(data, mode=self.compressor.FLUSH_BLOCK)  # type: ignore[no-any-return]
        return text
