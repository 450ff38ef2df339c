"""pytest fixtures for tests that run against the emulator.

Use from a conftest: `pytest_plugins = ["bot.sandbox.pytest_plugin"]` (root conftest) or import
the fixtures. `emulator` is started on a free loopback port with OpenAPI validation of every
request body and Discord's rate limits on; at teardown any schema violation fails the test, and
what the rate limits cost the test (429s, announced waits) is attached to its report. When
Discord's openapi.json cannot be found, the emulator runs unvalidated and says so with a
`SandboxValidationWarning` (once per session), so a missing description never passes for a
validated run. `start_discord_client` logs
a discord.py client in against it, waits for on_ready, and closes it afterwards.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot.sandbox.openapi import ENV_VAR, OpenApiValidator
from bot.sandbox.server import Emulator, load_validator

StartClient = Callable[[Any], Awaitable[Any]]


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
            "validating request bodies against Discord's OpenAPI description"
        ),
        stacklevel=3,
    )


def make_emulator(**overrides: Any) -> Emulator:
    options: dict[str, Any] = {"validator": shared_validator()}
    options.update(overrides)
    return Emulator(**options)


# The key under which each test reports what Discord's rate limits cost it (see
# `rate_limit_costs` and the suite summary in tests/conftest.py).
RATE_LIMIT_PROPERTY = "discord_rate_limits"


def rate_limit_costs(emu: Emulator) -> dict[str, Any]:
    """What the limits did during a test: 429s answered (the limiter's and injected ones), the
    seconds of waiting announced by exhausted buckets (a discord.py client sleeps them), and
    the routes that cost it."""
    limiter = emu.rate_limits
    routes = sorted(
        {f"{e.method} {e.route}" for e in limiter.exhaustions}
        | {f"{r.method} {r.route}" for r in limiter.refusals}
    )
    return {
        "429": len(limiter.refusals),
        "wait": round(limiter.announced_wait(), 3),
        "routes": routes,
    }


@pytest.fixture
async def emulator(request: pytest.FixtureRequest) -> AsyncIterator[Emulator]:
    emu = make_emulator()
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()
        request.node.user_properties.append((RATE_LIMIT_PROPERTY, rate_limit_costs(emu)))
    violations = emu.take_violations()
    if violations:
        pytest.fail(
            "requests Discord would reject as malformed:\n" + "\n".join(map(str, violations)),
            pytrace=False,
        )


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
