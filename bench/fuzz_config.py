"""Fuzz ``guichet validate`` with hypothesis: mutated copies of servers/example.yaml and its
.ftl texts (structure and bytes; see tests/fuzzing.py), counting outcomes.

.venv/bin/python bench/fuzz_config.py            # 10,000 cases
.venv/bin/python bench/fuzz_config.py -n 500 --seed 7

Prints the cases run, exits 0 and 1, tracebacks, hangs (past tests/fuzzing.HANG_SECONDS of
CPU, so a loaded machine does not count as a hang),
error lines naming no file, the slowest case and the first few problems found.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings

from tests.fuzzing import Case, Outcome, Runner, cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="cases to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the failing cases' files here")
    args = parser.parse_args()

    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    problems: list[tuple[Case, Outcome]] = []
    slowest: tuple[float, str] = (0.0, "")
    started = time.monotonic()

    with Runner() as runner:

        @seed(args.seed)
        @settings(
            max_examples=args.n,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases())
        def run(case: Case) -> None:
            nonlocal slowest
            outcome = runner.run(case)
            counts["cases"] += 1
            kinds[case.kind] += 1
            if outcome.hung:
                counts["hangs"] += 1
            elif outcome.traceback is not None:
                counts["tracebacks"] += 1
            else:
                counts[f"exit {outcome.exit_code}"] += 1
            if outcome.unnamed:
                counts["error lines naming no file"] += 1
            if not outcome.ok or outcome.hung or outcome.traceback:
                problems.append((case, outcome))
            if outcome.cpu_seconds > slowest[0]:
                slowest = (outcome.cpu_seconds, case.kind)
            if counts["cases"] % 500 == 0:  # a long run can be read while it goes
                print(
                    f"... {counts['cases']} cases: exit 0 {counts['exit 0']}, "
                    f"exit 1 {counts['exit 1']}, tracebacks {counts['tracebacks']}, "
                    f"hangs {counts['hangs']}, slowest {slowest[0]:.3f} s",
                    flush=True,
                )

        run()

    elapsed = time.monotonic() - started
    print(f"command:    .venv/bin/python bench/fuzz_config.py -n {args.n} --seed {args.seed}")
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"cases:      {counts['cases']}  ({by_kind})")
    print(f"exit 0:     {counts['exit 0']}")
    print(f"exit 1:     {counts['exit 1']}")
    other = (
        counts["cases"]
        - counts["exit 0"]
        - counts["exit 1"]
        - counts["tracebacks"]
        - counts["hangs"]
    )
    print(f"other exit: {other}")
    print(f"tracebacks: {counts['tracebacks']}")
    print(f"hangs:      {counts['hangs']}")
    unnamed = counts["error lines naming no file"]
    print(f"unnamed:    {unnamed} (cases with an error line naming no file)")
    print(f"slowest:    {slowest[0]:.3f} s of CPU ({slowest[1]})")
    print(f"total:      {elapsed:.1f} s ({elapsed / max(counts['cases'], 1) * 1000:.1f} ms/case)")
    for case, outcome in problems[:5]:
        print(f"- {case.kind}: {outcome.traceback or outcome.unnamed or 'hang'}")
        if args.keep:  # the failing inputs, to reproduce with guichet validate
            folder = args.keep / f"case-{len(list(args.keep.glob('case-*')))}"
            (folder / "servers").mkdir(parents=True)
            (folder / "servers" / "example.yaml").write_bytes(case.server)
            for locale, data in case.texts.items():
                (folder / "locales" / locale / "servers").mkdir(parents=True)
                (folder / "locales" / locale / "servers" / "example.ftl").write_bytes(data)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
