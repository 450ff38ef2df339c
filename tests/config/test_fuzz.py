"""Issue 10: ``guichet validate`` on mutated copies of the real server file and .ftl texts
(structure and bytes, see tests/fuzzing.py): exit 0 or 1, never a traceback, never a hang,
every error line naming the file. A short run here; ``bench/fuzz_config.py`` runs 10,000."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import Case, Runner, cases


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    with Runner() as running:
        yield running


@settings(
    max_examples=25,
    deadline=None,  # the case's own alarm bounds it; timing belongs to the bench
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(case=cases())
def test_validate_never_crashes_nor_hangs(runner: Runner, case: Case) -> None:
    outcome = runner.run(case)
    assert outcome.traceback is None, (case.kind, outcome.traceback)
    assert not outcome.hung, case.kind
    assert outcome.exit_code in (0, 1), (case.kind, outcome.exit_code)
    assert not outcome.unnamed, (case.kind, outcome.unnamed)
