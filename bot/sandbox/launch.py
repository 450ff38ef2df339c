"""The sandbox as `guichet run` (no token) and `guichet sandbox` start it: an emulator seeded
from the server files, with its web page mounted and watching the files, on loopback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.sandbox.web import attach_page

if TYPE_CHECKING:
    from bot.config.specs import ServerSpec
    from bot.i18n import Catalog

# Members with these Discord client languages are seeded in every guild: the two Guichet
# ships, and one it does not (German), to see the fallback a member of that language gets.
DEMO_LOCALES = ("en-US", "fr", "de")


def sandbox_emulator(
    servers: tuple[ServerSpec, ...],
    catalog: Catalog,
    *,
    servers_dir: Path | None = None,
    locales_dir: Path | None = None,
) -> Emulator:
    """A seeded emulator with the sandbox page attached (not started yet)."""
    emulator = Emulator()
    attach_page(
        emulator,
        catalog,
        servers_dir=servers_dir,
        locales_dir=locales_dir,
        watch_files=servers_dir is not None,
    )
    for server in servers:
        seed_from_server(emulator, server, demo_locales=DEMO_LOCALES)
    # The staff dashboard signs in against it from any loopback port (guichet web, run).
    emulator.oauth2.allow_loopback_redirects = True
    emulator.oauth2.catalog = catalog
    return emulator


def reset_sandbox_database(path: Path) -> None:
    """Forget a previous sandbox run's records: its Discord died with it, and records of
    panels and commands it no longer holds would keep the bot from posting them again."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
