"""What feeds the metrics from discord.py, and what ``/healthz`` checks.

Every request discord.py sends goes through one aiohttp session, whose trace counts it by
route and status (429s apart), and notices an interaction's first answer (its callback) to
time it. Health: the gateway is connected, the database answers, a configuration is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.config.specs import ServerSpec
from bot.domain.log_lines import LogEntry, LogKind
from bot.domain.tickets import TicketStatus
from bot.observability import HealthCheck, Metrics, ObservabilityServer
from bot.observability.routes import interaction_callback, route_of
from bot.reconcile.apply import Outcome
from bot.reconcile.sync import PanelSync
from bot.storage.tickets import TicketFilter

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot

KINDS = {
    discord.InteractionType.application_command: "command",
    discord.InteractionType.component: "component",
    discord.InteractionType.modal_submit: "modal",
    discord.InteractionType.autocomplete: "autocomplete",
}
OPEN = frozenset({TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD})


def interaction_kind(interaction: discord.Interaction) -> str:
    return KINDS.get(interaction.type, "other")


def http_trace(metrics: Metrics) -> aiohttp.TraceConfig:
    """Counts Discord API requests (not CDN downloads) and times interaction answers."""
    trace = aiohttp.TraceConfig()

    async def ended(
        _session: aiohttp.ClientSession,
        _context: SimpleNamespace,
        params: aiohttp.TraceRequestEndParams,
    ) -> None:
        path = params.url.path
        if not path.startswith("/api/"):
            return
        route, status = route_of(path), params.response.status
        metrics.discord_requests.labels(params.method, route, str(status)).inc()
        if status == 429:
            scope = params.response.headers.get("X-RateLimit-Scope", "user")
            metrics.discord_rate_limited.labels(route, scope).inc()
        interaction_id = interaction_callback(path)
        if interaction_id is not None:
            metrics.interaction_answered(interaction_id, status)

    async def failed(
        _session: aiohttp.ClientSession,
        _context: SimpleNamespace,
        params: aiohttp.TraceRequestExceptionParams,
    ) -> None:
        if params.url.path.startswith("/api/"):
            metrics.discord_requests.labels(params.method, route_of(params.url.path), "error").inc()

    trace.on_request_end.append(ended)
    trace.on_request_exception.append(failed)
    return trace


# Log events that open or close a ticket (APPROVED: a request accepted is a ticket opened).
_OPENING = frozenset({LogKind.OPENED, LogKind.APPROVED})


def ticket_event_counter(metrics: Metrics) -> Callable[[ServerSpec, LogEntry], None]:
    """The event log's observer: tickets opened and closed, whether a log channel is set."""

    def observe(server: ServerSpec, entry: LogEntry) -> None:
        if entry.kind in _OPENING:
            metrics.tickets_opened.labels(server.name).inc()
        elif entry.kind is LogKind.CLOSED:
            metrics.tickets_closed.labels(server.name).inc()
        elif entry.kind is LogKind.REFUSED:
            metrics.tickets_refused.labels(server.name, "refused-by-staff").inc()

    return observe


def count_refusal(metrics: Metrics, server: ServerSpec, reason: str) -> None:
    metrics.tickets_refused.labels(server.name, reason).inc()


def count_reconcile(metrics: Metrics, result: PanelSync, names: dict[int, str]) -> None:
    if result.report is None:
        return
    for change in result.report.results:
        server = names.get(change.change.guild_id, str(change.change.guild_id))
        outcome = change.outcome.value if change.outcome is not Outcome.OK else "ok"
        metrics.reconcile_changes.labels(server, change.change.action.value, outcome).inc()


def health_checks(bot: GuichetBot) -> tuple[HealthCheck, ...]:
    async def gateway() -> bool:
        connected = bot.is_ready() and not bot.is_closed()
        bot.metrics.gateway_connected.set(1 if connected else 0)
        return connected

    async def database() -> bool:
        return await bot.db.fetch_value("SELECT 1") == 1

    async def configuration() -> bool:
        return bool(bot.runtime.servers)

    return (
        HealthCheck("gateway", gateway),
        HealthCheck("database", database),
        HealthCheck("configuration", configuration),
    )


async def refresh_open_tickets(bot: GuichetBot) -> None:
    """The open-tickets gauge, from the database, at scrape time."""
    counts = {}
    for server in bot.runtime.servers:
        counts[server.name] = await bot.ticket_repo.count(server.guild, TicketFilter(statuses=OPEN))
    bot.metrics.set_open_tickets(counts)


async def start_observability(bot: GuichetBot, host: str, port: int) -> ObservabilityServer:
    async def before_scrape() -> None:
        await refresh_open_tickets(bot)
        await health_checks(bot)[0].check()  # the gateway gauge

    server = ObservabilityServer(bot.metrics, health_checks(bot), before_scrape=before_scrape)
    await server.start(host, port)
    return server
