"""The example CI workflow (examples/config-repo/.github/workflows/guichet.yml), its commands
run in order as GitHub would run them, with the wheel built from this repository.

What GitHub provides is stood in for: ``actions/checkout`` is the scratch config repository,
``setup-python`` the fresh venv of the ``installed`` fixture (first on PATH), the cache's
``var/`` stays in the repository between runs. Discord is a local emulator that outlives the
runs (``guichet sandbox --no-bot``): the secret store holds its bot token, and the runner's
environment points Guichet at it (``GUICHET_DISCORD_API`` / ``GUICHET_DISCORD_GATEWAY``), so
the token path runs as in CI, ``--refresh`` included. Every ``run:`` is run verbatim with
``bash -eo pipefail``, GitHub's default shell.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.packaging.conftest import REPO, Installed
from tests.processes import clean_env, run

pytestmark = pytest.mark.install

WORKFLOW = REPO / "examples" / "config-repo" / ".github" / "workflows" / "guichet.yml"
_SECRET = re.compile(r"\$\{\{\s*secrets\.(\w+)\s*\}\}")
# Steps GitHub's own actions perform, stood in for by the test (see the module docstring).
STOOD_IN = ("actions/checkout@", "actions/setup-python@", "actions/cache/")


def _workflow() -> dict[str, Any]:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def _expand(value: str, secrets: dict[str, str]) -> str:
    """``${{ secrets.X }}`` as GitHub expands it: the secret, or empty when unset."""
    assert "${{" not in _SECRET.sub("", value), f"unexpected expression in {value!r}"
    return _SECRET.sub(lambda m: secrets.get(m.group(1), ""), value)


class Runner:
    """Runs one job's steps like a GitHub runner: env layered workflow → job → step."""

    def __init__(self, installed: Installed, repo: Path, discord: dict[str, str]) -> None:
        self.installed = installed
        self.repo = repo
        self.secrets = {"GUICHET_TOKEN": discord.pop("token")}
        self.machine = discord  # where "Discord" is, as the runner's environment

    def job(self, name: str) -> list[tuple[str, int, str]]:
        """(step name, exit code, output) for each ``run:`` step, stopping at the first failure."""
        workflow = _workflow()
        job = workflow["jobs"][name]
        done = []
        for step in job["steps"]:
            if "uses" in step:
                assert step["uses"].startswith(STOOD_IN), f"no stand-in for {step['uses']}"
                continue
            if str(step.get("if", "")) == "always()" or not done or done[-1][1] == 0:
                env = workflow.get("env", {}) | job.get("env", {}) | step.get("env", {})
                done.append(self._step(step, {k: str(v) for k, v in env.items()}))
        return done

    def _step(self, step: dict[str, Any], env: dict[str, str]) -> tuple[str, int, str]:
        expanded = {k: _expand(v, self.secrets) for k, v in env.items()}
        if expanded.get("GUICHET_PACKAGE"):  # the version to install: this build's wheel
            expanded["GUICHET_PACKAGE"] = str(self.installed.wheel)
        path = f"{self.installed.venv / 'bin'}{os.pathsep}{os.environ['PATH']}"
        full = clean_env(PATH=path, LANG="C.UTF-8") | self.machine | expanded
        full = {k: v for k, v in full.items() if not k.startswith("PYTHON")}
        shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
        result = run(shell, cwd=self.repo, env=full, timeout=180)
        return step.get("name", step["run"]), result.returncode, result.stdout + result.stderr


@pytest.fixture
def config_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "config"
    shutil.copytree(REPO / "servers", repo / "servers")
    for locale in ("en-US", "fr"):
        shutil.copytree(
            REPO / "locales" / locale / "servers", repo / "locales" / locale / "servers"
        )
    shutil.copytree(REPO / "examples" / "config-repo" / ".github", repo / ".github")
    return repo


@pytest.fixture
def discord(installed: Installed, config_repo: Path) -> Iterator[dict[str, str]]:
    """The emulator, seeded from the config repository, for as long as the test runs."""
    env = {k: v for k, v in clean_env(LANG="C").items() if not k.startswith("PYTHON")}
    with subprocess.Popen(
        [installed.guichet, "sandbox", "--no-bot"],
        cwd=config_repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as emulator:
        assert emulator.stdout is not None
        ready = _READY.search(emulator.stdout.readline())
        assert ready, "the emulator did not say where it listens"
        url, token = ready.groups()
        try:
            yield {
                "token": token,
                "GUICHET_DISCORD_API": f"{url}/api/v10",
                "GUICHET_DISCORD_GATEWAY": url.replace("http://", "ws://", 1) + "/",
            }
        finally:
            emulator.send_signal(signal.SIGINT)
            emulator.wait(timeout=30)


_READY = re.compile(r" at (http://\S+) \(bot token: ([^)]+)\)")


def _codes(steps: list[tuple[str, int, str]]) -> dict[str, int]:
    return {name: code for name, code, _ in steps}


def test_the_example_workflow_validates_plans_and_applies(
    installed: Installed, config_repo: Path, discord: dict[str, str]
) -> None:
    runner = Runner(installed, config_repo, discord)
    assert set(_workflow()["jobs"]) == {"check", "apply"}

    # A pull request adding the server: valid, and the plan has changes (exit 2 accepted).
    pull = runner.job("check")
    assert _codes(pull) == {
        "Install Guichet": 0,
        "Validate": 0,
        "Check the translations": 0,
        "Plan": 0,
    }, pull
    plan_output = pull[-1][2]
    assert "Plan: 2 to create" in plan_output

    # Merged: applied, and the report shows each change's outcome.
    merged = runner.job("apply")
    assert _codes(merged) == {
        "Install Guichet": 0,
        "Validate": 0,
        "Apply": 0,
        "Show what was applied": 0,
    }, merged
    assert '"outcome": "ok"' in merged[-1][2]
    assert (config_repo / "var" / "guichet.sqlite3").is_file()  # what the cache keeps

    # The next pull request changes nothing Discord holds: nothing planned, and Discord was
    # asked (--refresh) rather than the records alone.
    quiet = runner.job("check")
    assert _codes(quiet)["Plan"] == 0 and "No changes" in quiet[-1][2]
    assert "and with the panels the bot finds in Discord" in quiet[-1][2]

    # A lost cache (a new runner): the panels already posted are found, not posted twice.
    shutil.rmtree(config_repo / "var")
    lost = runner.job("apply")
    assert _codes(lost)["Apply"] == 0, lost
    assert '"create": 0' in lost[-1][2] and '"outcome": "ok"' in lost[-1][2]

    # A pull request with a broken file fails at Validate, and Plan never runs.
    server = config_repo / "servers" / "example.yaml"
    server.write_text(server.read_text().replace("kind: select", "kind: selcet"))
    broken = runner.job("check")
    assert _codes(broken) == {"Install Guichet": 0, "Validate": 1}, broken
    assert "selcet" in broken[-1][2]
