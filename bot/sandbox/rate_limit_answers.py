"""What the emulator's rate limiter (`bot.sandbox.rate_limits`) answers and records: the
scope of a limit, Discord's 429 (body and headers), the headers an admitted request gets, and
the refusals and drained buckets a test reads back as costs."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from aiohttp import web


class Scope(Enum):
    USER = "user"  # this bot's own limit on the route
    GLOBAL = "global"  # this bot's global limit
    SHARED = "shared"  # the resource's limit, shared by everyone ("not counted against you")


@dataclass(frozen=True, slots=True)
class Refusal:
    """A 429 the limiter (or a fault) answered; `retry_after` in Discord's seconds."""

    method: str
    route: str
    scope: Scope
    retry_after: float
    bucket: str


@dataclass(frozen=True, slots=True)
class Exhaustion:
    """A response that left its bucket at 0 remaining: a client honouring the headers waits
    `reset_after` (Discord's seconds) before its next request there (discord.py sleeps at
    once)."""

    method: str
    route: str
    bucket: str
    reset_after: float


@dataclass
class Admission:
    """The outcome of `RateLimits.admit`: the headers for the response, or the 429 itself."""

    headers: dict[str, str] = field(default_factory=dict)
    refused: web.Response | None = None

    def stamp(self, response: web.StreamResponse) -> web.StreamResponse:
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


def bucket_hash(name: str) -> str:
    """A stable 32-hex-digit id like Discord's X-RateLimit-Bucket values."""
    return hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


def too_many_requests(
    retry_after: float,
    *,
    scope: Scope,
    headers: Mapping[str, str] | None = None,
    code: int = 0,
) -> web.Response:
    """Discord's 429: the body of the docs' examples, `Retry-After` in whole seconds rounded up,
    the route's headers when the limit is not the global one."""
    is_global = scope is Scope.GLOBAL
    message = (
        "The resource is being rate limited."
        if scope is Scope.SHARED
        else "You are being rate limited."
    )
    body = {"message": message, "retry_after": round(retry_after, 3), "global": is_global}
    body["code"] = code
    sent = {
        "Content-Type": "application/json",
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Scope": scope.value,
        # discord.py treats a 429 without Via as a Cloudflare ban, not a rate limit; Discord's
        # answers come through Google's front end and carry it.
        "Via": "1.1 google",
        **(headers or {}),
    }
    if is_global:
        sent["X-RateLimit-Global"] = "true"
    return web.Response(body=json.dumps(body).encode(), status=429, headers=sent)


@dataclass(frozen=True, slots=True)
class Costs:
    """What the limits cost a client over a span: 429s by scope, buckets it drained and the
    waiting those announced (Discord's seconds), and the routes involved."""

    refused: dict[Scope, int]
    exhausted: int
    waited: float
    routes: tuple[str, ...]

    @property
    def total_refused(self) -> int:
        return sum(self.refused.values())

    def __str__(self) -> str:
        scopes = ", ".join(f"{scope.value} {n}" for scope, n in self.refused.items())
        return (
            f"{self.total_refused} answers 429 ({scopes}); {self.exhausted} buckets drained, "
            f"{self.waited:.1f} s of waiting announced"
        )
