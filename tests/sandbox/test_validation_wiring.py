"""Every way of starting the emulator validates request bodies when Discord's description is
there, and the test plugin says so loudly when it is not."""

from __future__ import annotations

import warnings

import aiohttp
import pytest

from bot.sandbox import pytest_plugin
from bot.sandbox.openapi import find_spec
from bot.sandbox.pytest_plugin import SandboxValidationWarning, make_emulator
from bot.sandbox.server import Emulator, load_validator

needs_spec = pytest.mark.skipif(find_spec() is None, reason="Discord's openapi.json not found")


@needs_spec
async def test_a_default_emulator_validates_with_the_shared_description() -> None:
    emulator = Emulator()  # what `guichet sandbox` and `run --sandbox` build
    assert emulator.validator is not None and emulator.validator is load_validator()
    assert Emulator(validator=None).validator is None  # benchmarks opt out explicitly
    guild = emulator.add_guild("Default")
    lobby = emulator.add_channel(guild.id, "lobby")
    async with emulator, aiohttp.ClientSession() as session:
        async with session.post(
            f"{emulator.api_url}/channels/{lobby.id}/messages",
            json={"content": "hi", "tts": "yes"},
            headers={"Authorization": f"Bot {emulator.token}"},
        ) as response:
            assert response.status == 400
            assert (await response.json())["code"] == 50035
    assert [v.path for v in emulator.take_violations()] == [f"/channels/{lobby.id}/messages"]


def test_plugin_warns_once_when_the_description_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pytest_plugin, "load_validator", lambda: None)
    pytest_plugin._warn_unvalidated.cache_clear()
    try:
        with pytest.warns(SandboxValidationWarning, match="WITHOUT validating"):
            assert make_emulator().validator is None
        with warnings.catch_warnings():
            warnings.simplefilter("error", SandboxValidationWarning)
            assert make_emulator().validator is None  # said once per session is enough
    finally:
        pytest_plugin._warn_unvalidated.cache_clear()


@needs_spec
def test_plugin_emulators_validate_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SandboxValidationWarning)
        assert make_emulator().validator is load_validator()
