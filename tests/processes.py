"""Running a program the way a user or CI would, and reading what it printed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def clean_env(**overrides: str) -> dict[str, str]:
    """This process's environment without Guichet's settings or a token, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    return env | overrides


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``command`` in ``cwd``; the exit code is the caller's to check."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
