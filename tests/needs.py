"""Skips for tests that need a service or a program the machine may lack (a PostgreSQL server,
Chromium). The reason always starts with "needs ", which `tests/conftest.py` turns into a failure
when `GUICHET_REQUIRE_SERVICES` is set (CI), so a run that tested less than it should cannot pass.
"""

from __future__ import annotations

import pytest

REQUIRE_SERVICES = "GUICHET_REQUIRE_SERVICES"
NEEDS_PREFIX = "needs "


def needs(what: str, why: str) -> pytest.MarkDecorator:
    """A skip mark: `@needs("PostgreSQL", "set GUICHET_TEST_POSTGRES to a server URL")`."""
    return pytest.mark.skip(reason=f"{NEEDS_PREFIX}{what}: {why}")


def skip_needs(what: str, why: str) -> None:
    """Skip the running test (or fixture) because `what` is unavailable."""
    pytest.skip(f"{NEEDS_PREFIX}{what}: {why}")
