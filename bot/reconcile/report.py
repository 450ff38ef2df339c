"""What ``guichet apply`` did: one line per change naming its server, or one JSON document.

An apply has three kinds of outcome: each panel change (done, failed, or skipped when a move's
create failed and the old panel was kept), each slash-command sync, and each server file left
out because it has errors (counted as skipped: nothing of that server was touched).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.reconcile.apply import ApplyReport, ChangeResult, Outcome, Progress
from bot.reconcile.commands import CommandChange
from bot.reconcile.panels import Translate
from bot.reconcile.plan import ChangeAction
from bot.reconcile.render import (
    ACTION_NAME,
    ERROR_TEXT,
    JSON_FORMAT,
    OTHER_ERROR,
    command_scope,
    plan_to_json,
)
from bot.reconcile.safety import UnsafePlanError
from bot.reconcile.sync import PanelSync


@dataclass(frozen=True, slots=True)
class ApplyOutcome:
    """An apply as the CLI reports it: the sync's result and the files it left out."""

    sync: PanelSync
    server_names: Mapping[int, str]  # guild id -> server file name
    skipped_files: tuple[str, ...] = ()  # server files with errors: not applied at all

    @property
    def commands_synced(self) -> tuple[CommandChange, ...]:
        """Syncs that were done (a failed sync stops the apply before any panel)."""
        if self.sync.report is None:
            return ()
        return tuple(c for c in self.sync.commands if c.action is not ChangeAction.UNCHANGED)

    def counts(self) -> dict[Outcome, int]:
        report = self.sync.report or ApplyReport()
        counts = {outcome: report.count(outcome) for outcome in Outcome}
        counts[Outcome.OK] += len(self.commands_synced)
        counts[Outcome.SKIPPED] += len(self.skipped_files)
        return counts

    def server(self, guild_id: int) -> str:
        return self.server_names.get(guild_id, str(guild_id))


def render_apply_report(outcome: ApplyOutcome, translate: Translate, locale: str | None) -> str:
    def t(msg_id: str, **args: Any) -> str:
        return translate(msg_id, locale, **args)

    lines = [t("apply-commands-synced", scope=command_scope(c, t)) for c in outcome.commands_synced]
    report = outcome.sync.report or ApplyReport()
    lines += [_result_line(r, outcome.server(r.change.guild_id), t) for r in report.results]
    lines += [t("apply-file-skipped", path=path) for path in outcome.skipped_files]
    counts = outcome.counts()
    lines.append(
        t(
            "apply-summary",
            ok=counts[Outcome.OK],
            failed=counts[Outcome.FAILED],
            skipped=counts[Outcome.SKIPPED],
        )
    )
    return "\n".join(lines) + "\n"


def _result_line(result: ChangeResult, server: str, t: Callable[..., str]) -> str:
    change = result.change
    action = t(ACTION_NAME[change.action])
    where = {"name": server, "panel": change.panel_id}  # "server" is translate()'s own
    if result.outcome is Outcome.FAILED:
        error = t(_error_text(result))
        return t("apply-failed", action=action, error=error, **where)
    if result.outcome is Outcome.SKIPPED:
        current = change.current
        return t(
            "apply-skipped",
            message=str(current.message_id) if current else "",
            channel=str(current.channel_id) if current else "",
            **where,
        )
    if result.recreated:
        return t("apply-recreated", message=str(result.message_id), **where)
    if result.message_id is not None:
        return t("apply-ok-message", action=action, message=str(result.message_id), **where)
    return t("apply-ok", action=action, **where)


def _error_text(result: ChangeResult) -> str:
    return ERROR_TEXT.get(result.error, OTHER_ERROR) if result.error else OTHER_ERROR


def render_progress(progress: Progress, translate: Translate, locale: str | None) -> str:
    return translate(
        "apply-progress",
        locale,
        done=progress.done,
        total=progress.total,
        guild=str(progress.guild_id),
    )


# --- JSON ---------------------------------------------------------------------------------


def apply_to_json(
    outcome: ApplyOutcome, *, unsafe: UnsafePlanError | None = None
) -> dict[str, Any]:
    """The plan, then what happened to each of its writes (codes, never words); ids are
    strings."""
    sync = outcome.sync
    report = sync.report or ApplyReport()
    counts = outcome.counts()
    return {
        "format": JSON_FORMAT,
        "applied": sync.report is not None,
        "refused": None
        if unsafe is None
        else {"deletes": unsafe.deletes, "existing": unsafe.existing},
        "plan": plan_to_json(sync.plan, commands=sync.commands, previous=sync.previous()),
        "summary": {o.value: counts[o] for o in Outcome},
        "commands": [
            {"scope": c.scope, "action": c.action.value, "outcome": Outcome.OK.value}
            for c in outcome.commands_synced
        ],
        "results": [_result_json(r, outcome) for r in report.results],
        "skipped_files": list(outcome.skipped_files),
    }


def _result_json(result: ChangeResult, outcome: ApplyOutcome) -> dict[str, Any]:
    change = result.change
    return {
        "server": outcome.server(change.guild_id),
        "guild_id": str(change.guild_id),
        "panel_id": change.panel_id,
        "action": change.action.value,
        "outcome": result.outcome.value,
        "error": None if result.error is None else result.error.value,
        "message_id": None if result.message_id is None else str(result.message_id),
        "recreated": result.recreated,
    }


def render_apply_json(outcome: ApplyOutcome, *, unsafe: UnsafePlanError | None = None) -> str:
    data = apply_to_json(outcome, unsafe=unsafe)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
