"""Browser tests of the sandbox page: the real bot, the emulator with its page mounted, and
Debian's Chromium headless driving the page as a person would. They skip (and CI fails) where
Chromium or Playwright is missing."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import Catalog
from bot.sandbox.server import Emulator
from bot.sandbox.web import SandboxPage, attach_page
from bot.storage.targets import DatabaseTarget, parse_target
from tests.e2e.browser.chromium import INSTALL_HINT, chromium_path, headless_chromium
from tests.needs import skip_needs

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "var" / "test-artifacts" / "browser"


@pytest.fixture
def database_target(tmp_path: Path) -> DatabaseTarget:
    """The page is what these tests look at: SQLite alone (the end-to-end tests without a
    browser run the same flows on both engines)."""
    return parse_target(tmp_path / "data" / "guichet.sqlite3")


@pytest.fixture
def sandbox_page() -> dict[str, SandboxPage]:
    return {}


@pytest.fixture
def prepare_emulator(
    workspace: Path, sandbox_page: dict[str, SandboxPage]
) -> Callable[[Emulator], Any]:
    def attach(emulator: Emulator) -> None:
        catalog = Catalog.load(workspace / "locales", strict=True)
        sandbox_page["page"] = attach_page(emulator, catalog)

    return attach


@pytest.fixture
def chromium() -> str:
    path = chromium_path()
    if path is None:
        skip_needs("Chromium", INSTALL_HINT)
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        skip_needs("Playwright", "install the test extra: pip install -e '.[test]'")
    return path


@pytest.fixture
async def browser(chromium: str, tmp_path: Path) -> AsyncIterator[Any]:
    async with headless_chromium(
        tmp_path / "chromium-profile",
        executable=chromium,
        viewport={"width": 1280, "height": 800},
    ) as context:
        context.set_default_timeout(8000)
        yield context


class Screenshots:
    """One PNG per step under var/test-artifacts/browser/<test>/ (git-ignored), kept after the
    run so a failure can be looked at."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    async def take(self, page: Any, step: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        await page.screenshot(path=str(path))
        return path


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    return Screenshots(ARTIFACTS / name)
