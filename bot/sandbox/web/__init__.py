"""The sandbox page: the emulated Discord in a browser, as any seeded person sees it.

``attach_page(emulator, catalog)`` before ``emulator.start()`` mounts it at ``/sandbox/`` on the
emulator's own port (the root URL then sends browsers there; websocket clients still reach the
Gateway at ``/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.sandbox.web.page import SandboxPage

if TYPE_CHECKING:
    from bot.i18n import Catalog
    from bot.sandbox.server import Emulator

__all__ = ["SandboxPage", "attach_page"]


def attach_page(
    emulator: Emulator,
    catalog: Catalog,
    *,
    servers_dir: Path | None = None,
    locales_dir: Path | None = None,
    watch_files: bool = False,
) -> SandboxPage:
    from bot.sandbox.server import PAGE_PREFIX

    page = SandboxPage(
        emulator,
        catalog,
        prefix=PAGE_PREFIX,
        servers_dir=servers_dir,
        locales_dir=locales_dir,
        watch_files=watch_files,
    )
    emulator.page_factory = page.make_app
    return page
