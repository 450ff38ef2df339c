"""Profiles a ``guichet run`` started by a benchmark (bench/burst_bench.py --profile): put
this folder on the process's PYTHONPATH with GUICHET_BENCH_PROFILE=<folder>. SIGUSR1 starts
cProfile, SIGUSR2 stops it and writes <folder>/<pid>.pstats, so the figures cover the burst
only, not the start-up. Python imports ``sitecustomize`` by itself at start."""

from __future__ import annotations

import cProfile
import os
import signal
from pathlib import Path

_FOLDER = os.environ.get("GUICHET_BENCH_PROFILE")

if _FOLDER:
    _profile = cProfile.Profile()

    def _start(_signum: int, _frame: object) -> None:
        _profile.enable()

    def _stop(_signum: int, _frame: object) -> None:
        _profile.disable()
        _profile.dump_stats(Path(_FOLDER) / f"{os.getpid()}.pstats")

    signal.signal(signal.SIGUSR1, _start)
    signal.signal(signal.SIGUSR2, _stop)
