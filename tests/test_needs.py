"""The CI rule of tests/conftest.py: a "needs" skip fails when GUICHET_REQUIRE_SERVICES is set."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.processes import run

REPO = Path(__file__).resolve().parents[1]

SKIPPING_TEST = """
from tests.needs import skip_needs

def test_needs_something():
    skip_needs("a test service", "none on this machine")
"""


def _run(tmp_path: Path, *, require: bool) -> subprocess.CompletedProcess[str]:
    """pytest in a scratch tree holding the suite's conftest.py and needs.py and one test."""
    tests = tmp_path / "tests"
    tests.mkdir()
    for name in ("conftest.py", "needs.py", "databases.py"):
        shutil.copy(REPO / "tests" / name, tests / name)
    (tests / "test_probe.py").write_text(SKIPPING_TEST, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{tmp_path}:{REPO}"}  # REPO: bot.storage
    if require:
        env["GUICHET_REQUIRE_SERVICES"] = "1"
    pytest_argv = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "tests"]
    return run([sys.executable, *pytest_argv], cwd=tmp_path, env=env)


def test_a_needs_skip_is_a_skip_on_a_laptop(tmp_path: Path) -> None:
    result = _run(tmp_path, require=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout


def test_a_needs_skip_fails_in_ci(tmp_path: Path) -> None:
    result = _run(tmp_path, require=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "needs a test service: none on this machine" in result.stdout
