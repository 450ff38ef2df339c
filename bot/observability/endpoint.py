"""The HTTP endpoint: ``/healthz`` (200 when every check passes, else 503, with each check's
result as JSON) and ``/metrics`` (Prometheus' text format). Off unless asked for; it listens
on loopback unless told otherwise, since metrics name servers and routes."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.observability.metrics import Metrics

log = logging.getLogger(__name__)

# A check answers within this or counts as failed: a health probe must never hang.
CHECK_TIMEOUT = 2.0


@dataclass(frozen=True, slots=True)
class HealthCheck:
    name: str  # gateway, database, configuration
    check: Callable[[], Awaitable[bool]]


class ObservabilityServer:
    def __init__(
        self,
        metrics: Metrics,
        checks: tuple[HealthCheck, ...],
        *,
        before_scrape: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._metrics = metrics
        self._checks = checks
        self._before_scrape = before_scrape
        self._runner: web.AppRunner | None = None
        self.url: str | None = None

    async def health(self) -> Mapping[str, bool]:
        async def run(check: HealthCheck) -> bool:
            try:
                return await asyncio.wait_for(check.check(), CHECK_TIMEOUT)
            except Exception:  # a failing check is an unhealthy answer, not a crash
                log.warning("health check failed", exc_info=True, extra={"check": check.name})
                return False

        results = await asyncio.gather(*(run(c) for c in self._checks))
        return {c.name: ok for c, ok in zip(self._checks, results, strict=True)}

    async def _healthz(self, _request: web.Request) -> web.Response:
        checks = await self.health()
        healthy = all(checks.values())
        body = json.dumps({"status": "ok" if healthy else "failing", "checks": checks})
        return web.Response(
            body=body.encode(), status=200 if healthy else 503, content_type="application/json"
        )

    async def _metrics_page(self, _request: web.Request) -> web.Response:
        if self._before_scrape is not None:
            try:
                await asyncio.wait_for(self._before_scrape(), CHECK_TIMEOUT)
            except Exception:
                log.warning("metrics refresh failed", exc_info=True)
        response = web.Response(body=self._metrics.exposition())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    async def start(self, host: str, port: int) -> str:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics_page)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self.url = f"http://{host}:{bound[1]}"
        log.info("metrics and health endpoint listening", extra={"url": self.url})
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
