"""Interactions never answered are counted once past Discord's 3 s, oldest first, without
scanning every pending one at each arrival (a burst keeps hundreds pending)."""

from __future__ import annotations

import pytest

from bot.observability import metrics as metrics_module
from bot.observability.metrics import Metrics


def _unanswered(metrics: Metrics, kind: str) -> float:
    value = metrics.registry.get_sample_value(
        "guichet_interactions_total", {"kind": kind, "outcome": "unanswered"}
    )
    return value or 0.0


def test_the_old_ones_expire_and_the_recent_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(metrics_module.time, "monotonic", lambda: now[0])
    metrics = Metrics()
    metrics.interaction_received(1, "component")
    now[0] = 101.0
    metrics.interaction_received(2, "component")
    metrics.interaction_received(1, "component")  # redelivered: now the newest
    now[0] = 103.5  # 2 is 2.5 s old; 1's redelivery too
    metrics.interaction_received(3, "command")
    assert _unanswered(metrics, "component") == 0
    now[0] = 104.2  # past 3 s for 2 and 1, not for 3
    metrics.interaction_received(4, "command")
    assert _unanswered(metrics, "component") == 2
    assert _unanswered(metrics, "command") == 0
    metrics.interaction_answered(3, 200)
    metrics.interaction_answered(4, 200)
    assert _unanswered(metrics, "command") == 0
