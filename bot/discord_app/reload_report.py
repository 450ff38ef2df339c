"""Words for the outcome of a panel sync, shown to staff after /guichet reload."""

from __future__ import annotations

from bot.i18n.ids import message_id
from bot.reconcile.apply import Outcome
from bot.reconcile.plan import ChangeAction
from bot.reconcile.port import PortErrorKind
from bot.reconcile.sync import PanelSync
from bot.runtime import Runtime

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


def reload_report(runtime: Runtime, sync: PanelSync, locale: str | None) -> str:
    t = runtime.catalog.translate
    changes = sum(1 for c in sync.plan.changes if c.action is not ChangeAction.UNCHANGED)
    lines = [t("admin-reload-done", locale, servers=len(runtime.servers), changes=changes)]
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
            if result.outcome is Outcome.FAILED and result.error is not None:
                text = PORT_ERROR_TEXT.get(result.error, PORT_ERROR_TEXT[PortErrorKind.OTHER])
                reason = t(text, locale)
                panel = result.change.panel_id
                lines.append(t("admin-reload-panel-failed", locale, panel=panel, reason=reason))
    if runtime.errors:
        lines.append(t("admin-reload-errors", locale, count=len(runtime.errors)))
        lines += [f"`{e[:180]}`" for e in runtime.errors[:MAX_LINES]]
    return "\n".join(lines)[:2000]
