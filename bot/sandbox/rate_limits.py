"""Discord's REST rate limits as the emulator applies them: per-route buckets keyed by the route
and its top-level resource, the per-bot global limit, and the channel name/topic sub-limit.

Every API response but the interaction callback's (`UNBUCKETED_ROUTES`) carries
`X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket`; a request beyond a limit gets
Discord's 429: `{"message", "retry_after", "global", "code"}` with `Retry-After` and
`X-RateLimit-Scope` (`user`, `global` or `shared`), and `X-RateLimit-Global` for the global
limit. Windows are fixed: a bucket's window opens with its first request and
resets `per` seconds later, which is what Discord's `Reset-After` countdown describes.

Discord publishes the mechanism and the global figure, never the per-route figures ("rate
limits should not be hard coded"): the figures applied here are observed behaviour, each with
its source, or a stand-in said to be one; they all live in `bot.sandbox.rate_limit_figures`.
The clock is injectable (`ManualClock`) so a test of the 10-minute rename
window advances time instead of sleeping.

`speedup` runs Discord's windows faster than the wall clock (every count unchanged, every
duration divided, headers in wall-clock seconds so a client waits the compressed time): the
end-to-end suite's members act at machine speed, far faster than people click, and would
otherwise wait out windows no person fills. A burst by the bot itself fills its bucket at any
speed. What the limits cost is reported in Discord's seconds (`announced_wait`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from bot.sandbox.rate_limit_answers import (
    Admission,
    Costs,
    Exhaustion,
    Refusal,
    Scope,
    bucket_hash,
    too_many_requests,
)
from bot.sandbox.rate_limit_figures import (
    CHANNEL_NAME_TOPIC,
    GLOBAL,
    MAJOR_PARAMETERS,
    MESSAGE_CREATE,
    NAME_TOPIC_BUCKET,
    NAME_TOPIC_FIELDS,
    ROUTE_DEFAULT,
    ROUTE_LIMITS,
    UNBUCKETED_ROUTES,
    Limit,
    RouteLimit,
)

__all__ = [
    "CHANNEL_NAME_TOPIC",
    "GLOBAL",
    "MESSAGE_CREATE",
    "Admission",
    "Clock",
    "Costs",
    "ManualClock",
    "RateLimits",
    "Scope",
    "SystemClock",
    "bucket_hash",
    "too_many_requests",
]


# --- clocks --------------------------------------------------------------------------------


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def time(self) -> float:
        """Seconds since the epoch (X-RateLimit-Reset)."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()


class ManualClock:
    """A clock that moves only when told: `advance(600)` ends a rename window at once."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = start

    def monotonic(self) -> float:
        return self._now

    def time(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


# --- buckets -------------------------------------------------------------------------------


@dataclass
class _Window:
    limit: Limit
    opened: float = -math.inf
    used: int = 0

    def roll(self, now: float) -> None:
        if now >= self.opened + self.limit.per:
            self.opened, self.used = now, 0

    def full(self, now: float) -> bool:
        self.roll(now)
        return self.used >= self.limit.requests

    def reset_after(self, now: float) -> float:
        return max(0.0, self.opened + self.limit.per - now)

    @property
    def remaining(self) -> int:
        return max(0, self.limit.requests - self.used)


class RateLimits:
    """The emulator's limiter: `admit()` each API request before handling it."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        application_id: int | None = None,
        speedup: float = 1.0,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.application_id = application_id
        self.speedup = speedup
        self.enabled = True
        self.off_reason: str | None = None
        self.refusals: list[Refusal] = []
        self.exhaustions: list[Exhaustion] = []
        self._buckets: dict[tuple[str, tuple[str, ...]], _Window] = {}
        self._global = _Window(GLOBAL)

    def off(self, *, reason: str) -> None:
        """Stop limiting (headers still sent, never a 429). Say why: Discord never does."""
        if not reason.strip():
            raise ValueError("say why rate limits are off")
        self.enabled, self.off_reason = False, reason

    def on(self) -> None:
        self.enabled, self.off_reason = True, None

    def reset(self) -> None:
        """Forget every window (a fresh token, or a test starting over)."""
        self._buckets.clear()
        self._global = _Window(GLOBAL)

    @staticmethod
    def route_limit(method: str, route: str) -> RouteLimit:
        found = ROUTE_LIMITS.get((method, route))
        return found if found is not None else RouteLimit(f"{method} {route}", ROUTE_DEFAULT)

    def _window(self, bucket: str, limit: Limit, major: tuple[str, ...]) -> _Window:
        key = (bucket, major)
        window = self._buckets.get(key)
        if window is None:
            window = self._buckets[key] = _Window(limit)
        return window

    def _is_interaction_endpoint(self, path: str, params: Mapping[str, str]) -> bool:
        if path.startswith("/interactions/"):
            return True
        if not path.startswith("/webhooks/"):
            return False
        webhook = params.get("webhook_id", "")
        # The application's own webhook is the interaction's (follow-ups, original response).
        return self.application_id is None or webhook == str(self.application_id)

    def admit(
        self,
        method: str,
        route: str,
        path: str,
        params: Mapping[str, str],
        body: Any = None,
    ) -> Admission:
        """Count this request; the response headers, or the 429 answering it instead."""
        if (method, route) in UNBUCKETED_ROUTES:
            return Admission()
        now = self._now()
        rule = self.route_limit(method, route)
        major = _major(params)
        window = self._window(rule.bucket, rule.limit, major)
        bucket = bucket_hash(rule.bucket)
        limited = self.enabled
        counts_globally = not self._is_interaction_endpoint(path, params)

        if limited and counts_globally and self._global.full(now):
            retry = self._global.reset_after(now)
            self.refusals.append(Refusal(method, route, Scope.GLOBAL, retry, bucket))
            retry = self._wall(retry)
            # The docs: normal route headers "will also be sent in this response".
            headers = self._headers(window, bucket, now)
            return Admission(refused=too_many_requests(retry, scope=Scope.GLOBAL, headers=headers))
        if limited and window.full(now):
            retry = window.reset_after(now)
            self.refusals.append(Refusal(method, route, Scope.USER, retry, bucket))
            retry = self._wall(retry)
            headers = self._headers(window, bucket, now)
            return Admission(refused=too_many_requests(retry, scope=Scope.USER, headers=headers))
        sub = self._sub_limit(method, route, major, body)
        if limited and sub is not None and sub.full(now):
            retry = sub.reset_after(now)
            sub_bucket = bucket_hash(NAME_TOPIC_BUCKET)
            self.refusals.append(Refusal(method, route, Scope.USER, retry, sub_bucket))
            retry = self._wall(retry)
            # As observed (issue 1900): the route's own headers, the sub-limit's retry_after.
            headers = self._headers(window, bucket, now)
            return Admission(refused=too_many_requests(retry, scope=Scope.USER, headers=headers))

        window.roll(now)
        window.used += 1
        if counts_globally:
            self._global.roll(now)
            self._global.used += 1
        if sub is not None:
            sub.roll(now)
            sub.used += 1
        headers = self._headers(window, bucket, now)
        if window.remaining == 0:
            self.exhaustions.append(Exhaustion(method, route, rule.bucket, window.reset_after(now)))
        return Admission(headers=headers)

    def _sub_limit(
        self, method: str, route: str, major: tuple[str, ...], body: Any
    ) -> _Window | None:
        if (method, route) != ("PATCH", "/channels/{channel_id}") or not isinstance(body, dict):
            return None
        if not NAME_TOPIC_FIELDS & body.keys():
            return None
        return self._window(NAME_TOPIC_BUCKET, CHANNEL_NAME_TOPIC, major)

    def _now(self) -> float:
        """Discord's time: the clock's, `speedup` times faster."""
        return self.clock.monotonic() * self.speedup

    def _wall(self, seconds: float) -> float:
        """A duration in Discord's time as the client lives it."""
        return seconds / self.speedup

    def _headers(self, window: _Window, bucket: str, now: float) -> dict[str, str]:
        reset_after = self._wall(window.reset_after(now))
        return {
            "X-RateLimit-Limit": str(window.limit.requests),
            "X-RateLimit-Remaining": str(window.remaining),
            "X-RateLimit-Reset": f"{self.clock.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket,
        }

    def route_headers(self, method: str, route: str, *, exhausted_for: float) -> dict[str, str]:
        """The headers of `route`'s bucket drained for `exhausted_for` seconds (a fault's 429)."""
        rule = self.route_limit(method, route)
        return {
            "X-RateLimit-Limit": str(rule.limit.requests),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{self.clock.time() + exhausted_for:.3f}",
            "X-RateLimit-Reset-After": f"{exhausted_for:.3f}",
            "X-RateLimit-Bucket": bucket_hash(rule.bucket),
        }

    def record_fault(self, method: str, route: str, scope: Scope, retry_after: float) -> None:
        """A 429 a test injected (`Faults.rate_limit`): counted with the limiter's own."""
        bucket = bucket_hash(self.route_limit(method, route).bucket)
        self.refusals.append(Refusal(method, route, scope, retry_after * self.speedup, bucket))

    # --- what happened -----------------------------------------------------------------

    def refused(self, scope: Scope | None = None) -> list[Refusal]:
        return [r for r in self.refusals if scope is None or r.scope is scope]

    def announced_wait(self, *, since: int = 0) -> float:
        """Seconds a header-honouring client was told to wait after exhausted buckets."""
        return sum(e.reset_after for e in self.exhaustions[since:])

    def mark(self) -> tuple[int, int]:
        """A position to pass to `costs(since=...)`: counts only what happens after it."""
        return len(self.refusals), len(self.exhaustions)

    def costs(self, since: tuple[int, int] = (0, 0)) -> Costs:
        refusals = self.refusals[since[0] :]
        exhaustions = self.exhaustions[since[1] :]
        return Costs(
            refused={scope: sum(r.scope is scope for r in refusals) for scope in Scope},
            exhausted=len(exhaustions),
            waited=sum(e.reset_after for e in exhaustions),
            routes=tuple(
                sorted(
                    {f"{e.method} {e.route}" for e in exhaustions}
                    | {f"{r.method} {r.route}" for r in refusals}
                )
            ),
        )


def _major(params: Mapping[str, str]) -> tuple[str, ...]:
    for names in MAJOR_PARAMETERS:
        if all(name in params for name in names):
            return tuple(params[name] for name in names)
    return ()
