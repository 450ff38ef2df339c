"""The metrics and health endpoint of a running bot: members act, the counters move."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.discord_app.observability import start_observability
from tests.e2e.conftest import StartGuichet
from tests.e2e.tickets_helpers import opened, pick, reply_text, start_tickets


async def _scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _total(samples: dict, name: str, **labels: str) -> float:
    """The sum over every sample of ``name`` whose labels include ``labels``."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= set(ls))


async def test_counters_move_as_members_act(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: at most 2 open tickets
    assert g.bot is not None
    endpoint = await start_observability(g.bot, "127.0.0.1", 0)
    try:
        assert endpoint.url is not None and endpoint.url.startswith("http://127.0.0.1:")
        before = await _scrape(endpoint.url)
        # The start-up reconcile posted both panels of the example.
        assert (
            _value(
                before,
                "guichet_reconcile_changes_total",
                server="example",
                action="create",
                outcome="ok",
            )
            == 2
        )
        assert _value(before, "guichet_open_tickets", server="example") == 0

        member = g.member("fr")
        await opened(g, await pick(g, member, "other"))
        await opened(g, await pick(g, member, "other"))
        refused = await reply_text(await pick(g, member, "other"))  # a third: over the limit
        assert refused

        after = await _scrape(endpoint.url)
        assert _value(after, "guichet_tickets_opened_total", server="example") == 2
        assert _value(after, "guichet_open_tickets", server="example") == 2
        assert (
            _value(after, "guichet_tickets_refused_total", server="example", reason="too-many-open")
            == 1
        )
        answered = _value(after, "guichet_interactions_total", kind="component", outcome="answered")
        assert (
            answered
            - _value(before, "guichet_interactions_total", kind="component", outcome="answered")
            == 3
        )
        assert _value(after, "guichet_interaction_answer_seconds_count", kind="component") == 3
        # The ticket channels went through Discord's API, counted by route and status.
        requests = "guichet_discord_requests_total"
        assert _total(after, requests, method="POST", route="/guilds/{id}/channels") == 2
        assert (
            _total(
                after, "guichet_discord_requests_total", route="/interactions/{id}/{token}/callback"
            )
            >= 3
        )
        assert _value(after, "guichet_gateway_connected") == 1

        # A handler that fails: the member gets the generic error, the metrics an error.
        async def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("storage is on fire")

        monkeypatch.setattr(g.bot.tickets, "open_ticket", broken)
        assert await reply_text(await pick(g, g.member("en-US"), "other"))
        failed = await _scrape(endpoint.url)
        assert _value(failed, "guichet_interaction_errors_total", kind="component") == 1
        assert (
            _value(failed, "guichet_interactions_total", kind="component", outcome="answered") == 4
        )

        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{endpoint.url}/healthz") as response,
        ):
            assert response.status == 200
            assert await response.json() == {
                "status": "ok",
                "checks": {"gateway": True, "database": True, "configuration": True},
            }
        await g.stop()  # the gateway goes away: unhealthy
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{endpoint.url}/healthz") as response,
        ):
            assert response.status == 503
            assert (await response.json())["checks"]["gateway"] is False
    finally:
        await endpoint.stop()
