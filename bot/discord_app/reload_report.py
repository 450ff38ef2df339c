"""Words for the outcome of a panel sync, shown to staff after /guichet reload."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from bot.config.diagnostics import Diagnostic
from bot.i18n.catalog import SERVERS_FOLDER
from bot.i18n.ids import message_id
from bot.reconcile.apply import Outcome
from bot.reconcile.plan import ChangeAction
from bot.reconcile.port import PortErrorKind
from bot.reconcile.sync import PanelSync
from bot.runtime import Problem, Runtime, render_problem

PORT_ERROR_TEXT = {
    PortErrorKind.MISSING_PERMISSIONS: message_id("admin-port-error-missing_permissions"),
    PortErrorKind.MISSING_ACCESS: message_id("admin-port-error-missing_access"),
    PortErrorKind.UNKNOWN_CHANNEL: message_id("admin-port-error-unknown_channel"),
    PortErrorKind.UNKNOWN_MESSAGE: message_id("admin-port-error-unknown_message"),
    PortErrorKind.SERVER_ERROR: message_id("admin-port-error-server_error"),
    PortErrorKind.RATE_LIMITED: message_id("admin-port-error-rate_limited"),
    PortErrorKind.TIMEOUT: message_id("admin-port-error-timeout"),
    PortErrorKind.OTHER: message_id("admin-port-error-other"),
}

MAX_LINES = 10  # keep the reply well under Discord's 2000 characters


def reload_report(
    runtime: Runtime,
    sync: PanelSync,
    locale: str | None,
    guild_id: int | None = None,
    *,
    servers_dir: Path | None = None,
    locales_dir: Path | None = None,
) -> str:
    """What staff of ``guild_id`` see after a reload: their server only (``None``: every
    server, for the process log). Other servers' file paths and failures are not theirs, and
    paths are shown relative to the servers (or locales) folder, never as the host's."""
    t = runtime.catalog.translate

    def ours(change_guild: int) -> bool:
        return guild_id is None or change_guild == guild_id

    changes = sum(
        1 for c in sync.plan.changes if c.action is not ChangeAction.UNCHANGED and ours(c.guild_id)
    )
    servers = [s for s in runtime.servers if ours(s.guild)]
    lines = [t("admin-reload-done", locale, servers=len(servers), changes=changes)]
    if sync.unsafe is not None:
        deletes = sum(
            1 for c in sync.plan.changes if c.action is ChangeAction.DELETE and ours(c.guild_id)
        )
        existing = sum(1 for r in sync.records if ours(r.guild_id))
        if guild_id is None:
            deletes, existing = sync.unsafe.deletes, sync.unsafe.existing
        lines.append(t("admin-reload-unsafe", locale, deletes=deletes, existing=existing))
    if sync.report is not None:
        for result in sync.report.results:
            if result.outcome is Outcome.FAILED and ours(result.change.guild_id):
                kind = result.error or PortErrorKind.OTHER
                text = PORT_ERROR_TEXT.get(kind, PORT_ERROR_TEXT[PortErrorKind.OTHER])
                reason = t(text, locale)
                panel = result.change.panel_id
                lines.append(t("admin-reload-panel-failed", locale, panel=panel, reason=reason))
    if guild_id is None:
        errors = list(runtime.errors)
    else:
        errors = list(_problems_of(runtime, guild_id, servers_dir, locales_dir))
        if any(not isinstance(e, Diagnostic) for e in runtime.errors) and not any(
            not isinstance(e, Diagnostic) for e in errors
        ):
            # The bot's own texts (or another server's) failed: nothing of theirs to show,
            # but their reload did not take the new texts either.
            lines.append(t("reload-texts-kept", locale))
    if errors:
        lines.append(t("admin-reload-errors", locale, count=len(errors)))
        rendered = (render_problem(e, t, locale) for e in errors[:MAX_LINES])
        lines += [f"`{line[:180]}`" for line in rendered]
    return "\n".join(lines)[:2000]


def _problems_of(
    runtime: Runtime, guild_id: int, servers_dir: Path | None, locales_dir: Path | None
) -> Iterator[Problem]:
    """The problems of ``guild_id``'s own files (its server file, valid or not, and its
    ``servers/<name>.ftl`` texts), with paths made relative."""
    files = {p.resolve() for p, g in runtime.file_guilds.items() if g == guild_id}
    files |= {s.source.resolve() for s in runtime.servers if s.guild == guild_id}
    names = {p.stem for p in files}
    for problem in runtime.errors:
        if isinstance(problem, Diagnostic):
            if problem.path.resolve() in files:
                yield dataclasses.replace(problem, path=_relative(problem.path, servers_dir))
        elif problem.path.parent.name == SERVERS_FOLDER and problem.path.stem in names:
            yield dataclasses.replace(problem, path=_relative(problem.path, locales_dir))


def _relative(path: Path, base: Path | None) -> Path:
    """``path`` under ``base`` (``example.yaml``, ``fr/servers/example.ftl``); its bare name
    when it is elsewhere or no base is known: never the host's absolute path."""
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve())
        except ValueError:
            pass
    return Path(path.name)
