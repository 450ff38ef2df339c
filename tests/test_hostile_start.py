"""Issue 10: at start, ``guichet run`` bounds hostile files as ``validate`` does: a YAML bomb
is one localized line and the bot runs on without that server; looping .ftl references
stop the start with a localized line. Never a hang, never a traceback."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.i18n import Catalog
from bot.resources import BOT_LOCALES
from tests.processes import clean_env, run

REPO = Path(__file__).resolve().parents[1]
LANG = {"en-US": "C.UTF-8", "fr": "fr_FR.UTF-8"}
BOMB = 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    return tmp_path


def _text(msg_id: str, locale: str, **args: object) -> str:
    return Catalog.load(BOT_LOCALES).translate(msg_id, locale, **args)


def _env(workspace: Path, locale: str) -> dict[str, str]:
    return clean_env(LANG=LANG[locale], LC_ALL="", GUICHET_DATABASE=str(workspace / "db.sqlite3"))


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_start_refuses_looping_texts_with_their_position(workspace: Path, locale: str) -> None:
    ftl = workspace / "locales" / "fr" / "servers" / "example.ftl"
    lines = len(ftl.read_text(encoding="utf-8").splitlines())
    ftl.write_text(ftl.read_text(encoding="utf-8") + "a = { b }\nb = { a }\n", encoding="utf-8")

    result = run(
        [sys.executable, "-m", "bot.cli", "run", "--sandbox"],
        cwd=workspace,
        env=_env(workspace, locale),
        timeout=60,
    )

    assert result.returncode == 1
    cycle = _text("ftl-limit-reference-cycle", locale, id="a")
    assert f"locales/fr/servers/example.ftl:{lines + 1}:1: {cycle}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_start_bounds_a_yaml_bomb_and_runs_on(workspace: Path, locale: str) -> None:
    (workspace / "servers" / "bomb.yaml").write_text(
        "guild: 111111111111111111\n" + BOMB, encoding="utf-8"
    )
    expected = "servers/bomb.yaml:6:1: " + _text("config-limit-expanded", locale, limit="20000")
    with subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--sandbox"],
        cwd=workspace,
        env=_env(workspace, locale),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stderr is not None
        seen: list[str] = []
        deadline = time.monotonic() + 30
        while expected not in seen and time.monotonic() < deadline:
            seen.append(process.stderr.readline().rstrip("\n"))
        assert expected in seen, seen
        while not any("connected to Gateway" in line for line in seen[-1:]):
            assert time.monotonic() < deadline, seen
            seen.append(process.stderr.readline().rstrip("\n"))
        assert process.poll() is None  # the bot runs on, without that server
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(timeout=30) == 0
    assert "Traceback" not in "\n".join(seen) + rest
