"""What an operator watches: Prometheus metrics and a health endpoint.

Pure of discord: the metric definitions (:mod:`.metrics`), the route names of Discord's API
(:mod:`.routes`) and the HTTP endpoint (:mod:`.endpoint`). The bot's wiring (what feeds the
metrics, what health checks) lives in ``bot/discord_app/observability.py``.
"""

from bot.observability.endpoint import HealthCheck, ObservabilityServer
from bot.observability.metrics import Metrics

__all__ = ["HealthCheck", "Metrics", "ObservabilityServer"]
