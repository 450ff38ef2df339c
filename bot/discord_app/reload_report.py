"""Words for the outcome of a panel sync, shown to staff after /guichet reload."""

from __future__ import annotations

from bot.i18n.ids import message_id
from bot.reconcile.apply import Outcome
from bot.reconcile.plan import ChangeAction
from bot.reconcile.port import PortErrorKind
from bot.reconcile.sync import PanelSync
from bot.runtime import Runtime, render_problem

PORT_ERROR_TEXT = {
    PortErrorKind.MISSING_PERMISSIONS: message_id("admin-port-error-missing_permissions"),
    PortErrorKind.MISSING_ACCESS: message_id("admin-port-error-missing_access"),
    PortErrorKind.UNKNOWN_CHANNEL: message_id("admin-port-error-unknown_channel"),
    PortErrorKind.UNKNOWN_MESSAGE: message_id("admin-port-error-unknown_message"),
    PortErrorKind.SERVER_ERROR: message_id("admin-port-error-server_error"),
    PortErrorKind.RATE_LIMITED: message_id("admin-port-error-rate_limited"),
    PortErrorKind.OTHER: message_id("admin-port-error-other"),
}

MAX_LINES = 10  # keep the reply well under Discord's 2000 characters


def reload_report(
    runtime: Runtime, sync: PanelSync, locale: str | None, guild_id: int | None = None
) -> str:
    """What staff of ``guild_id`` see after a reload: their server only (``None``: every
    server, for the process log). Other servers' file paths and failures are not theirs."""
    t = runtime.catalog.translate

    def ours(change_guild: int) -> bool:
        return guild_id is None or change_guild == guild_id

    changes = sum(
        1 for c in sync.plan.changes if c.action is not ChangeAction.UNCHANGED and ours(c.guild_id)
    )
    servers = [s for s in runtime.servers if ours(s.guild)]
    lines = [t("admin-reload-done", locale, servers=len(servers), changes=changes)]
    if sync.unsafe is not None:
        lines.append(
            t(
                "admin-reload-unsafe",
                locale,
                deletes=sync.unsafe.deletes,
                existing=sync.unsafe.existing,
            )
        )
    if sync.report is not None:
        for result in sync.report.results:
            if result.outcome is Outcome.FAILED and ours(result.change.guild_id):
                kind = result.error or PortErrorKind.OTHER
                text = PORT_ERROR_TEXT.get(kind, PORT_ERROR_TEXT[PortErrorKind.OTHER])
                reason = t(text, locale)
                panel = result.change.panel_id
                lines.append(t("admin-reload-panel-failed", locale, panel=panel, reason=reason))
    sources = {s.source.resolve() for s in servers}
    errors = [e for e in runtime.errors if guild_id is None or e.path.resolve() in sources]
    if errors:
        lines.append(t("admin-reload-errors", locale, count=len(errors)))
        rendered = (render_problem(e, t, locale) for e in errors[:MAX_LINES])
        lines += [f"`{line[:180]}`" for line in rendered]
    return "\n".join(lines)[:2000]
