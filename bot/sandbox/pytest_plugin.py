"""pytest fixtures and hooks for tests that run against the emulator.

Register it from the root conftest (`pytest_plugins = ["bot.sandbox.pytest_plugin"]`). `emulator`
is started on a free loopback port with Discord's rate limits on, validating every request
body, response and Gateway payload against Discord's OpenAPI description; at teardown any
violation fails the test (and a violation from an emulator made outside the fixture fails the
test that made it), and what the rate limits cost the test (429s, announced waits) is attached
to its report. When
Discord's openapi.json cannot be found, the emulator runs unvalidated and says so with a
`SandboxValidationWarning` (once per session), so a missing description never passes for a
validated run. `start_discord_client` logs a discord.py client in against it, waits for
on_ready, and closes it afterwards. The terminal summary ends with one line counting what the
whole run validated and the violations left (summed over xdist workers).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from bot.sandbox.openapi import ENV_VAR, OpenApiValidator
from bot.sandbox.recorder import SUITE, SuiteTally, Violation
from bot.sandbox.server import Emulator, load_validator

StartClient = Callable[[Any], Awaitable[Any]]
_WORKER_KEY = "guichet_discord_conformance"


class SandboxValidationWarning(UserWarning):
    """Request bodies are not checked against Discord's description in this run."""


def shared_validator() -> OpenApiValidator | None:
    """Parsed once per test process; warns (once) when the description is missing."""
    validator = load_validator()
    if validator is None:
        _warn_unvalidated()
    return validator


@functools.cache
def _warn_unvalidated() -> None:
    warnings.warn(
        SandboxValidationWarning(
            "Discord's openapi.json was not found (set $"
            + ENV_VAR
            + " or place it at ../shared/discord/openapi.json): emulator tests run WITHOUT "
            "validating requests, responses and gateway payloads against Discord's OpenAPI "
            "description"
        ),
        stacklevel=3,
    )


def make_emulator(**overrides: Any) -> Emulator:
    options: dict[str, Any] = {"validator": shared_validator()}
    options.update(overrides)
    emulator = Emulator(**options)
    # Discord's identify limit (one IDENTIFY per 5 s per rate-limit key) is off in tests: a
    # test restarts the bot or starts a second client within a second, where a real restart
    # would wait for the window and go on (the bot paces itself: `identify_pacing`). The rule
    # has its own tests (tests/sandbox/test_gateway_protocol.py, the sharded bot's).
    emulator.gateway.identify_window = 0
    return emulator


# The key under which each test reports what Discord's rate limits cost it (see
# `rate_limit_costs` and the suite summary in tests/conftest.py).
RATE_LIMIT_PROPERTY = "discord_rate_limits"


def rate_limit_costs(emu: Emulator) -> dict[str, Any]:
    """What the limits did during a test: 429s answered (the limiter's and injected ones), the
    seconds of waiting announced by exhausted buckets (a discord.py client sleeps them), and
    the routes that cost it."""
    costs = emu.rate_limits.costs()
    return {"429": costs.total_refused, "wait": round(costs.waited, 3), "routes": costs.routes}


def _fail_on(violations: list[Violation]) -> None:
    if violations:
        SUITE.failing(violations)
        pytest.fail(
            "the emulator and Discord's description disagree (a request Discord would reject, "
            "or a response or gateway payload Discord would never send):\n"
            + "\n".join(map(str, violations)),
            pytrace=False,
        )


@pytest.fixture
def prepare_emulator() -> Callable[[Emulator], Any]:
    """Called with the emulator before it starts; override it to mount things on it (the
    sandbox page's browser tests attach the page here)."""
    return lambda _emulator: None


@pytest.fixture
async def emulator(
    request: pytest.FixtureRequest, prepare_emulator: Callable[[Emulator], Any]
) -> AsyncIterator[Emulator]:
    emu = make_emulator()
    prepare_emulator(emu)
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()
        request.node.user_properties.append((RATE_LIMIT_PROPERTY, rate_limit_costs(emu)))
    _fail_on(emu.take_violations())


@pytest.fixture(autouse=True)
def _no_violation_left() -> Iterator[None]:
    """Emulators made without the fixture (the CLI's, a test's own) are held to it too."""
    SUITE.drain()
    yield
    _fail_on(SUITE.drain())


@pytest.fixture
async def start_discord_client(emulator: Emulator) -> AsyncIterator[StartClient]:
    """`client = await start_discord_client(MyClient(**sandbox_client_options()))`."""
    from bot.sandbox.discord_client import (
        configure_discord_for,
        restore_discord_defaults,
        start_client,
        stop_client,
    )

    started: list[tuple[Any, Any]] = []

    async def start(client: Any) -> Any:
        configure_discord_for(emulator.url)
        task = await start_client(client, emulator.token)
        started.append((client, task))
        return client

    try:
        yield start
    finally:
        for client, task in reversed(started):
            await stop_client(client, task)
        restore_discord_defaults()


# -- the run's count ------------------------------------------------------------------------------
_TOTAL = SuiteTally()


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the counts to the controller
        workeroutput[_WORKER_KEY] = SUITE.as_dict()
    else:
        _TOTAL.add(SUITE.as_dict())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any) -> None:
    _TOTAL.add(getattr(node, "workeroutput", {}).get(_WORKER_KEY, {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if sum(_TOTAL.validated.values()):
        terminalreporter.write_line(_TOTAL.summary())
