"""Suite-wide rules: in CI (`GUICHET_REQUIRE_SERVICES=1`, set by `.ci/run`) a test skipped
because a service or program is missing (see `tests/needs.py`) fails instead; and the summary
says what Discord's rate limits cost the tests (the emulator applies them, see
`bot.sandbox.rate_limits`): 429s met and seconds of waiting, the costliest tests first. The
database fixtures (`database_target`: each test once per engine) come from
`tests/databases.py`."""

from __future__ import annotations

import os

import pytest

from tests.needs import NEEDS_PREFIX, REQUIRE_SERVICES

# The emulator's fixtures, and its check that nothing it sent or received broke Discord's
# description (with a count of what was validated at the end of the run).
# The database fixtures: `database_target` runs a test once per engine.
pytest_plugins = ["bot.sandbox.pytest_plugin", "tests.databases"]

SHOWN_COSTLIEST = 8


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown to a run without the plugin
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the machine has cores. A third of the suite's time
    is waiting, not computing (bots in subprocesses, the emulator's sockets, PostgreSQL,
    timers), so a worker per core leaves the cores idle: on 2 cores, 2 workers kept the load
    near 1.5 and took 13.5 min, 3 workers 8.6 min for the same tests. One more, not twice as
    many: each worker starts bots and opens database connections of its own."""
    return (os.cpu_count() or 1) + 1


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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Imported here: the plugin is registered by `pytest_plugins` above, and importing it at the
    # top would keep pytest from loading it as a plugin module (assertion rewriting).
    from bot.sandbox.pytest_plugin import RATE_LIMIT_PROPERTY

    costs: list[tuple[float, int, str, list[str]]] = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "teardown":
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key == RATE_LIMIT_PROPERTY and (value["wait"] or value["429"]):
                    costs.append((value["wait"], value["429"], report.nodeid, value["routes"]))
    if not costs:
        return
    costs.sort(reverse=True)
    total_wait = sum(c[0] for c in costs)
    total_429 = sum(c[1] for c in costs)
    terminalreporter.write_sep("-", "Discord rate limits (emulated)")
    terminalreporter.write_line(
        f"{len(costs)} tests met them: {total_429} answers 429, "
        f"{total_wait:.1f} s of waiting announced by exhausted buckets"
    )
    for wait, refused, nodeid, routes in costs[:SHOWN_COSTLIEST]:
        terminalreporter.write_line(f"  {wait:6.1f} s  {refused:3d} x 429  {nodeid}")
        terminalreporter.write_line(f"{'':24s}{', '.join(routes)}")
