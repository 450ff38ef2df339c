"""A 429 longer than the client will wait (``max_ratelimit_timeout``, 30 s) makes discord.py
raise ``discord.RateLimited``, which is no ``HTTPException``. Every port maps it through
``bot.discord_app.http_errors.within``: a panel apply and a declared-resource apply report
that change as rate limited, in the reader's language, and go on; nothing escapes as a
traceback (before, only the ticket port mapped it and a start-up sync died of it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.domain.port_errors import PortErrorKind
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.declared_helpers import write_shop
from tests.e2e.test_declared_resources import Shop, shop  # noqa: F401 (the fixture)
from tests.e2e.test_reload_guard import staff
from tests.e2e.tickets_helpers import reply_text, start_tickets, t

pytestmark = pytest.mark.e2e

MESSAGES = "/channels/{channel_id}/messages"
ROLES = "/guilds/{guild_id}/roles"
# Past the bot's max_ratelimit_timeout: discord.py raises instead of sleeping it through.
LONG = 60.0


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING]


def long_429(method: str, route: str) -> Callable[[Guichet], None]:
    def prepare(g: Guichet) -> None:
        g.emulator.faults.rate_limit(method, route, retry_after=LONG)

    return prepare


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_long_429_fails_one_panel_as_rate_limited_and_reload_says_so(
    start_guichet: StartGuichet,
    workspace: Path,
    locale: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    g = await start_tickets(start_guichet, workspace, prepare=long_429("POST", MESSAGES))
    assert g.bot is not None and g.bot.last_sync is not None  # the start-up sync finished
    report = g.bot.last_sync.report
    assert report is not None
    [failed] = report.failed
    assert failed.error == PortErrorKind.RATE_LIMITED
    assert len(report.results) == 2  # the other panel was still posted

    # The reload tries that panel again, into a second long 429: it says why it failed.
    g.emulator.faults.rate_limit("POST", MESSAGES, retry_after=LONG)
    text = await reply_text(await staff(g).slash("guichet", "reload", locale=locale), timeout=10)
    reason = t(g, "admin-port-error-rate_limited", locale)
    assert (
        t(g, "admin-reload-panel-failed", locale, panel=failed.change.panel_id, reason=reason)
        in text
    )
    assert tracebacks(caplog) == []


async def test_a_long_429_fails_a_declared_role_as_rate_limited_at_start(
    start_guichet: StartGuichet, workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_shop(workspace)
    g = await start_guichet(prepare=long_429("POST", ROLES))
    assert g.bot is not None and g.bot.last_sync is not None
    resources = g.bot.last_sync.resources
    assert resources is not None and resources.report is not None
    errors = {r.change.key: r.error for r in resources.report.results if r.error}
    assert errors, resources.report.results
    assert set(errors.values()) == {PortErrorKind.RATE_LIMITED}
    assert any("staff" in str(key) for key in errors)
    assert tracebacks(caplog) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_guichet_apply_reports_long_429s_localized_without_a_traceback(
    shop: Shop,  # noqa: F811
    locale: str,
) -> None:
    shop.g.emulator.faults.rate_limit("POST", ROLES, retry_after=LONG)
    shop.g.emulator.faults.rate_limit("POST", MESSAGES, retry_after=LONG)

    done = await shop.run("apply", locale=locale)

    reason = shop.g.runtime.catalog.translate("plan-error-rate-limited", locale)
    failed = [line for line in done.out.splitlines() if reason in line]
    assert any("staff" in line.lower() for line in failed), done.out
    assert any("welcome-panel" in line for line in failed), done.out
    assert "Traceback" not in done.err, done.err
