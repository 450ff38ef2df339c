"""Building Guichet as a user's installer would: an sdist from a clean copy of the sources, a
wheel from that sdist, and a fresh virtual environment (outside the checkout) holding it."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import clean_env, run

REPO = Path(__file__).resolve().parents[2]
# What a fresh clone would not hold, or what must not leak into a build.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", ".ci", "build", "dist", "var", "*.egg-info", "__pycache__", ".*_cache"
)


@dataclass(frozen=True, slots=True)
class Installed:
    sdist: Path
    wheel: Path
    venv: Path

    @property
    def guichet(self) -> Path:
        return self.venv / "bin" / "guichet"

    def run(
        self, *args: str, cwd: Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``guichet ARGS`` from the installed environment, with no trace of the checkout."""
        base = {k: v for k, v in clean_env().items() if not k.startswith("PYTHON")}
        base |= {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"} | (env or {})
        return run([self.guichet, *args], cwd=cwd, env=base, timeout=120)


def _run(*command: str | Path, cwd: Path | None = None) -> None:
    done = run(command, cwd=cwd or Path.cwd(), timeout=300)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Built and installed once per run, whatever the number of xdist workers: the first
    worker builds under a lock in the run's shared temporary folder, the others reuse it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = shared / "guichet-install"
    with (shared / "guichet-install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        done = root / "installed.json"
        if not done.is_file():
            _build_and_install(root)
            done.write_text("{}", encoding="utf-8")
    (sdist,) = (root / "dist").glob("guichet-*.tar.gz")
    (wheel,) = (root / "dist").glob("guichet-*.whl")
    return Installed(sdist, wheel, root / "venv")


def _build_and_install(root: Path) -> None:
    """sdist from a clean copy of the sources → wheel from that sdist → ``pip install``."""
    sources = root / "guichet-src"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO, sources, ignore=_NOT_SOURCES)
    dist = root / "dist"
    # Everything runs from the fresh venv: the test venv's editable install would otherwise
    # leak into the build (its import hook outlives pip's build isolation).
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "build>=1.2")
    _run(python, "-m", "build", "--sdist", "--outdir", dist, sources)
    (sdist,) = dist.glob("guichet-*.tar.gz")
    # The wheel is built from the sdist, as pip does from PyPI: the sdist must be complete.
    _run(python, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", dist, sdist)
    (wheel,) = dist.glob("guichet-*.whl")
    _run(python, "-m", "pip", "install", "--quiet", wheel)
