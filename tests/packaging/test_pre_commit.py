"""The ``guichet-validate`` hook as another repository runs it: ``pre-commit try-repo`` builds
the hook's environment from this repository (``pip install .``) and runs it in a scratch
config repository, which it passes and then fails once a file is broken."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.processes import clean_env, run

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.install


def _git(repo: Path, *args: str) -> None:
    done = run(["git", *args], cwd=repo)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def config_repo(tmp_path: Path) -> Path:
    """An admin's config repository: a scaffolded server, committed."""
    repo = tmp_path / "config"
    repo.mkdir()
    shutil.copytree(REPO / "servers", repo / "servers")
    for locale in ("en-US", "fr"):
        shutil.copytree(
            REPO / "locales" / locale / "servers", repo / "locales" / locale / "servers"
        )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=admin", "-c", "user.email=admin@example.com", "commit", "-qm", "x")
    return repo


def test_the_hook_runs_from_a_scratch_config_repository(config_repo: Path, tmp_path: Path) -> None:
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), LANG="C.UTF-8")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", REPO, "guichet-validate"]
    passed = run([*try_repo, "--all-files"], cwd=config_repo, env=env, timeout=300)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "guichet validate" in passed.stdout and "Passed" in passed.stdout

    server = config_repo / "servers" / "example.yaml"
    server.write_text(server.read_text().replace("kind: select", "kind: selcet"))
    failed = run([*try_repo, "--all-files"], cwd=config_repo, env=env, timeout=300)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert "servers/example.yaml:" in failed.stdout and "selcet" in failed.stdout
