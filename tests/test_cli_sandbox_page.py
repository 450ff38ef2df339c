"""The sandbox page from the command line, as a new user meets it: `guichet run` without a
token prints the page's address and the page shows the server; `guichet sandbox --no-bot`
serves the page and the line that starts a bot elsewhere, and a bot started with that line
shows up in the page."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GUILD = 123456789012345678
PANEL = 777777777777777777


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    return base | {"LANG": "C"} | extra


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in reversed(started):
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start(
    processes: list[subprocess.Popen[str]], workspace: Path, env: dict[str, str], *args: str
) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=workspace,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    processes.append(process)
    return process


def _line(process: subprocess.Popen[str], starts: str) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(starts):
            return line.strip()
    raise AssertionError(f"no line starting {starts!r}; stderr: {process.stderr.read()}")  # type: ignore[union-attr]


def _page_until(url: str, *wanted: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=5) as response:
            html = response.read().decode()
        if all(w in html for w in wanted):
            return html
        time.sleep(0.2)
    raise AssertionError(f"{wanted} not all in the page after {timeout}s")


def test_run_without_a_token_prints_the_page_which_shows_the_server(workspace, processes):
    run = _start(processes, workspace, _env(), "run")
    line = _line(run, "Sandbox page:")
    url = line.split(": ", 1)[1].split(" ", 1)[0]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/sandbox/")
    # The owner's Discord speaks the server's language (fr): the panel, in French.
    html = _page_until(f"{url}g/{GUILD}/c/{PANEL}", "Choisissez un sujet", "Bot connecté")
    assert "support-select" in html


def test_a_bot_started_elsewhere_shows_up_in_the_page(workspace, processes):
    emulator = _start(processes, workspace, _env(), "sandbox", "--no-bot")
    page = _line(emulator, "Sandbox page:").split(": ", 1)[1].split(" ", 1)[0]
    hint = _line(emulator, "To run a bot elsewhere")
    settings = dict(pair.split("=", 1) for pair in hint.split(": ", 1)[1].split() if "=" in pair)
    assert set(settings) == {
        "GUICHET_DATABASE",
        "GUICHET_DISCORD_API",
        "GUICHET_DISCORD_GATEWAY",
        "GUICHET_TOKEN",
    }
    channel = f"{page}g/{GUILD}/c/{PANEL}"
    assert "Bot non connecté" in _page_until(channel, "Bot non connecté")
    settings["GUICHET_DATABASE"] = str(workspace / settings["GUICHET_DATABASE"])
    _start(processes, workspace, _env(**settings), "run")
    _page_until(channel, "Choisissez un sujet", "Bot connecté")


def test_an_api_url_without_a_token_is_one_clear_line(workspace):
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=workspace,
        env=_env(GUICHET_DISCORD_API="http://127.0.0.1:9/api/v10"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "GUICHET_DISCORD_API is set: GUICHET_TOKEN must be" in result.stderr
    assert "Traceback" not in result.stderr
