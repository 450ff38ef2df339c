"""Suite-wide rules: in CI (`GUICHET_REQUIRE_SERVICES=1`, set by `.ci/run`) a test skipped
because a service or program is missing (see `tests/needs.py`) fails instead."""

from __future__ import annotations

import os

import pytest

from tests.needs import NEEDS_PREFIX, REQUIRE_SERVICES


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or not os.environ.get(REQUIRE_SERVICES):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if reason.removeprefix("Skipped: ").startswith(NEEDS_PREFIX):
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_SERVICES} is set, but this test was skipped: {reason}"
