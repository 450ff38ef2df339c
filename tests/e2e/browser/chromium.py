"""Debian's Chromium, headless, driven by Playwright: the one way tests and benchmarks open a
browser. Playwright never downloads a browser here: it is pointed at the ``chromium`` binary
on PATH (``apt-get install chromium``), started with the flags that keep an offline machine's
Chromium from calling home, in a user-data dir of its own."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext

FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
INSTALL_HINT = "install Debian's package (apt-get install -y chromium)"


def chromium_path() -> str | None:
    return shutil.which("chromium")


@contextlib.asynccontextmanager
async def headless_chromium(
    profile: Path, *, executable: str, **context_options: Any
) -> AsyncIterator[BrowserContext]:
    """A fresh browser context on a new ``profile`` directory; closed on exit."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=list(FLAGS),
            **context_options,
        )
        try:
            yield context
        finally:
            await context.close()
