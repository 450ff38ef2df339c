"""The configuration the running bot serves: catalog + valid server specs, reloadable.

A reload never makes things worse: a catalog that fails to load keeps the previous one whole,
and a server file with errors keeps its previous spec (if it had one) instead of dropping the
server, so a typo merged by mistake leaves that server's panels and tickets as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Diagnostic, LoadResult, load_servers
from bot.config.binding import bind_server
from bot.config.specs import ServerSpec
from bot.i18n import Catalog, CatalogError
from bot.i18n.ftl import FtlDiagnostic
from bot.i18n.ids import message_id
from bot.resources import BOT_LOCALES
from bot.startup_cache import load_servers_cached
from bot.storage import (
    ConnectOptions,
    Database,
    DatabaseTarget,
    DatabaseUnreachableError,
    SchemaTooNewError,
    StorageError,
)

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator

log = logging.getLogger(__name__)

# A configuration problem: a server file's diagnostic, or a .ftl syntax error.
Problem = Diagnostic | FtlDiagnostic


@dataclass(frozen=True, slots=True)
class Runtime:
    catalog: Catalog
    servers: tuple[ServerSpec, ...]
    # Problems of the last load, kept whole so each reader renders them in its own locale.
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    # Guilds whose file failed the last reload: still served from their previous spec, but
    # never reconciled until the file is fixed (an invalid file applies nothing).
    frozen: frozenset[int] = frozenset()
    # The guild each server file names, valid or not (whose problems are whose).
    file_guilds: Mapping[Path, int] = field(default_factory=dict)

    @property
    def reconcilable(self) -> tuple[ServerSpec, ...]:
        return tuple(s for s in self.servers if s.guild not in self.frozen)

    def server_for(self, guild_id: int | None) -> ServerSpec | None:
        return next((s for s in self.servers if s.guild == guild_id), None)

    def translate(self, msg_id: str, locale: str | None, **kwargs: object) -> str:
        return self.catalog.translate(msg_id, locale, **kwargs)


class StartupError(Exception):
    """The bot could not start; ``msg_id`` is the Fluent message telling the admin why."""

    def __init__(self, msg_id: str, **args: object) -> None:
        super().__init__(msg_id)
        self.msg_id = msg_id
        self.args_ = args


async def open_database(target: DatabaseTarget, options: ConnectOptions | None = None) -> Database:
    """The bot's database, or a :class:`StartupError` saying why it cannot be used."""
    options = options or ConnectOptions()
    try:
        return await Database.open(target, options=options)
    except SchemaTooNewError as exc:
        raise StartupError(
            message_id("run-database-too-new"),
            path=target.display(),
            found=exc.database_version,
            known=exc.code_version,
        ) from None
    except DatabaseUnreachableError as exc:
        raise StartupError(
            message_id("run-database-unreachable"),
            target=target.display(),
            reason=exc.reason,
            timeout=options.timeout,
        ) from None
    except StorageError as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        raise StartupError(
            message_id("run-database-error"), path=target.display(), reason=reason
        ) from None


async def start_emulator(emulator: Emulator, port: int) -> str:
    """Start the local Discord; a busy or forbidden port becomes a :class:`StartupError`."""
    try:
        return await emulator.start(port=port)
    except OSError as exc:
        raise StartupError(
            message_id("run-port-unavailable"), port=str(port), reason=exc.strerror or str(exc)
        ) from None


class RuntimeLoadError(Exception):
    """Nothing usable could be loaded (first start with a broken catalog)."""

    def __init__(self, errors: tuple[Problem, ...]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def load_runtime(
    servers_dir: Path,
    locales_dir: Path,
    previous: Runtime | None = None,
    *,
    strict_catalog: bool = False,
    bot_locales: Path = BOT_LOCALES,
    workers: int = 1,
    cache: bool = False,
) -> Runtime:
    """``bot_locales``: the bot's own messages (the bundled ones; tests pass a pseudo-locale).
    ``workers`` > 1 reads the server files in that many forked processes: only from a process
    with no event loop or thread yet (``guichet run`` before it starts), never on a reload.
    ``cache``: the server files' reading may come from the last start's (bot.startup_cache),
    when nothing it was computed from changed."""
    try:
        catalog = Catalog.load(bot_locales, strict=strict_catalog, server_texts=locales_dir)
    except CatalogError as exc:
        errors: tuple[Problem, ...] = tuple(exc.errors)
        if previous is None:
            raise RuntimeLoadError(errors) from None
        log.warning("locales invalid, keeping the previous ones: %s", "; ".join(map(str, errors)))
        # The server files are still checked (against the texts kept), so a reload reports
        # every problem at once; but nothing changes until the texts load again.
        checked = load_servers([servers_dir], previous.catalog)
        return Runtime(
            previous.catalog,
            previous.servers,
            (*errors, *checked.errors),
            previous.warnings,
            frozenset(s.guild for s in previous.servers),
            {**previous.file_guilds, **checked.file_guilds},
        )

    def load() -> LoadResult:
        return load_servers([servers_dir], catalog, workers=workers)

    result = load_servers_cached(Path(servers_dir), catalog.digest(), load) if cache else load()
    # Declared resources' ids come from the store (bot.reconcile.resources): until the
    # caller binds them, no reference to one is in use, so no key is ever read as an id.
    servers = [bind_server(s, {}) for s in result.servers]
    kept: list[ServerSpec] = []
    if previous is not None:
        failed = {d.path.resolve() for d in result.errors}
        loaded = {s.guild for s in servers}
        kept = [
            s for s in previous.servers if s.source.resolve() in failed and s.guild not in loaded
        ]
    return Runtime(
        catalog,
        tuple(sorted(servers + kept, key=lambda s: s.name)),
        result.errors,
        result.warnings,
        frozenset(s.guild for s in kept),
        result.file_guilds,
    )


def render_problem(problem: Problem, translate: Callable[..., str], locale: str | None) -> str:
    """``file:line:col: where: message`` in ``locale``; .ftl syntax errors quote Fluent's parser."""
    return problem.render(translate, locale)
