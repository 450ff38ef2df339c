"""Guichet's Prometheus metrics, on a registry of their own (one per bot: tests run several).

Names follow Prometheus conventions: ``_total`` counters, ``_seconds`` histograms. Label
values are bounded: server file names, interaction kinds, route templates, reason codes.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# Discord wants an answer within 3 s; the buckets straddle it.
ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 2.5, 3.0, 5.0)
ANSWER_DEADLINE = 3.0


@dataclass(slots=True)
class _Pending:
    kind: str
    received: float  # monotonic


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    # In arrival order, so expiring looks at the oldest only (a burst keeps hundreds pending:
    # a scan of all of them at every arrival was quadratic work on the event loop).
    _pending: OrderedDict[int, _Pending] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        r = self.registry
        self.interactions = Counter(
            "guichet_interactions",
            "Interactions received, by kind (command, component, modal, autocomplete) and "
            "outcome (answered; failed: Discord refused the answer; unanswered: none in 3 s).",
            ["kind", "outcome"],
            registry=r,
        )
        self.interaction_errors = Counter(
            "guichet_interaction_errors",
            "Interactions whose handler failed (the member was told something went wrong).",
            ["kind"],
            registry=r,
        )
        self.answer_seconds = Histogram(
            "guichet_interaction_answer_seconds",
            "Time from receiving an interaction to Discord accepting its first answer.",
            ["kind"],
            buckets=ANSWER_BUCKETS,
            registry=r,
        )
        self.tickets_opened = Counter(
            "guichet_tickets_opened", "Tickets opened.", ["server"], registry=r
        )
        self.tickets_closed = Counter(
            "guichet_tickets_closed", "Tickets closed.", ["server"], registry=r
        )
        self.tickets_refused = Counter(
            "guichet_tickets_refused",
            "Ticket openings refused, by reason (limit, cooldown, disabled, missing "
            "permissions...).",
            ["server", "reason"],
            registry=r,
        )
        self.open_tickets = Gauge(
            "guichet_open_tickets", "Tickets not closed, per server.", ["server"], registry=r
        )
        self.discord_requests = Counter(
            "guichet_discord_requests",
            "Requests to Discord's API, by method, route and HTTP status.",
            ["method", "route", "status"],
            registry=r,
        )
        self.discord_rate_limited = Counter(
            "guichet_discord_rate_limited",
            "429 answers from Discord, by route and scope (user, global, shared).",
            ["route", "scope"],
            registry=r,
        )
        self.reconcile_changes = Counter(
            "guichet_reconcile_changes",
            "Panel changes applied by the reconciler, by action and outcome.",
            ["server", "action", "outcome"],
            registry=r,
        )
        self.gateway_connected = Gauge(
            "guichet_gateway_connected", "1 while the gateway connection is up.", registry=r
        )

    # --- interactions: received, then answered (or not) ---------------------------------

    def interaction_received(self, interaction_id: int, kind: str) -> None:
        self._expire()
        self._pending[interaction_id] = _Pending(kind, time.monotonic())
        self._pending.move_to_end(interaction_id)  # a redelivery: arrival order kept

    def interaction_answered(self, interaction_id: int, status: int) -> None:
        pending = self._pending.pop(interaction_id, None)
        if pending is None:
            return  # a follow-up, or an interaction received before a restart
        if 200 <= status < 300:
            self.answer_seconds.labels(pending.kind).observe(time.monotonic() - pending.received)
            self.interactions.labels(pending.kind, "answered").inc()
        else:
            self.interactions.labels(pending.kind, "failed").inc()

    def interaction_failed(self, kind: str) -> None:
        """The handler raised (the member got the generic error), answered or not yet."""
        self.interaction_errors.labels(kind).inc()

    def _expire(self) -> None:
        deadline = time.monotonic() - ANSWER_DEADLINE
        while self._pending:
            oldest = next(iter(self._pending.values()))
            if oldest.received >= deadline:
                return  # the rest arrived later still
            self._pending.popitem(last=False)
            self.interactions.labels(oldest.kind, "unanswered").inc()

    # --- the rest -----------------------------------------------------------------------

    def set_open_tickets(self, counts: Mapping[str, int]) -> None:
        for server, count in counts.items():
            self.open_tickets.labels(server).set(count)

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        self._expire()
        return generate_latest(self.registry)
