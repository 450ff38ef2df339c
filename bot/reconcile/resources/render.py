"""The resource plan and apply report as text (every word from ``resources-plan.ftl``) and as
stable JSON (codes, never words; ids as strings)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import groupby
from typing import Any

from bot.config.resource_specs import ResourceKind, permission_names
from bot.i18n.ids import message_id
from bot.reconcile.render import ERROR_TEXT, OTHER_ERROR
from bot.reconcile.resources.apply import ResourceOutcome, ResourceReport, ResourceResult
from bot.reconcile.resources.changes import (
    Caution,
    ResourceAction,
    ResourceChange,
    ResourcePlan,
    Why,
)
from bot.reconcile.resources.state import Translate

_INDENT = "  "
LINE = {
    ResourceAction.CREATE: message_id("resource-plan-create"),
    ResourceAction.ADOPT: message_id("resource-plan-adopt"),
    ResourceAction.UPDATE: message_id("resource-plan-update"),
    ResourceAction.DELETE: message_id("resource-plan-delete"),
    ResourceAction.LEAVE: message_id("resource-plan-leave"),
    ResourceAction.UNCHANGED: message_id("resource-plan-unchanged"),
}
ACTION = {
    ResourceAction.CREATE: message_id("resource-action-create"),
    ResourceAction.ADOPT: message_id("resource-action-adopt"),
    ResourceAction.UPDATE: message_id("resource-action-update"),
    ResourceAction.DELETE: message_id("resource-action-delete"),
    ResourceAction.LEAVE: message_id("resource-action-leave"),
    ResourceAction.UNCHANGED: message_id("resource-action-unchanged"),
}
NOUN = {
    ResourceKind.ROLE: message_id("resource-noun-role"),
    ResourceKind.CATEGORY: message_id("resource-noun-category"),
    ResourceKind.CHANNEL: message_id("resource-noun-channel"),
}
FIELD = {
    "name": message_id("resource-field-name"),
    "permissions": message_id("resource-field-permissions"),
    "color": message_id("resource-field-color"),
    "hoist": message_id("resource-field-hoist"),
    "mentionable": message_id("resource-field-mentionable"),
    "position": message_id("resource-field-position"),
    "overwrites": message_id("resource-field-overwrites"),
    "parent": message_id("resource-field-parent"),
    "topic": message_id("resource-field-topic"),
}
REASON = {
    Why.NEW: message_id("resource-reason-new"),
    Why.ADOPT_ID: message_id("resource-reason-adopt-id"),
    Why.ADOPT_NAME: message_id("resource-reason-adopt-name"),
    Why.ADOPT_NAME_LATER: message_id("resource-reason-adopt-name-later"),
    Why.CHANGED: message_id("resource-reason-changed"),
    Why.DRIFT: message_id("resource-reason-drift"),
    Why.MISSING_IN_DISCORD: message_id("resource-reason-missing-in-discord"),
    Why.REMOVED: message_id("resource-reason-removed"),
    Why.REMOVED_ADOPTED: message_id("resource-reason-removed-adopted"),
    Why.UP_TO_DATE: message_id("resource-reason-up-to-date"),
}
WARNING = {
    Caution.CANNOT_GRANT: message_id("resource-warning-cannot-grant"),
    Caution.OVERWRITE_STRIPPED: message_id("resource-warning-overwrite-stripped"),
    Caution.ABOVE_BOT: message_id("resource-warning-above-bot"),
    Caution.ADOPT_MISSING: message_id("resource-warning-adopt-missing"),
    Caution.ADOPT_WRONG_KIND: message_id("resource-warning-adopt-wrong-kind"),
    Caution.IN_USE: message_id("resource-warning-in-use"),
    Caution.RENAME_DEFERRED: message_id("resource-warning-rename-deferred"),
}
OUTCOME = {
    ResourceOutcome.OK: message_id("resource-apply-ok"),
    ResourceOutcome.FAILED: message_id("resource-apply-failed"),
    ResourceOutcome.SKIPPED: message_id("resource-apply-skipped"),
    ResourceOutcome.DEFERRED: message_id("resource-apply-deferred"),
}


def _value(field: str, value: Any, t: Callable[..., str]) -> str:
    if value is None or value in ([], ""):
        return t("resource-value-none")
    if field == "permissions":
        return ", ".join(permission_names(int(value))) or t("resource-value-none")
    if field == "color":
        return f"#{int(value):06X}"
    if field == "overwrites":
        parts = []
        for target, allow, deny in value:
            signs = [f"+{n}" for n in permission_names(allow)] + [
                f"-{n}" for n in permission_names(deny)
            ]
            parts.append(f"{target} {' '.join(signs)}")
        return "; ".join(parts)
    if isinstance(value, bool):
        return t("resource-value-yes") if value else t("resource-value-no")
    return f'"{value}"' if isinstance(value, str) else str(value)


def change_line(change: ResourceChange, t: Callable[..., str]) -> str:
    return t(
        LINE[change.action],
        kind=t(NOUN[change.kind]),
        key=change.key,
        name=change.name,
        id=str(change.discord_id or ""),
        reason=t(REASON[change.why]),
    )


def details(change: ResourceChange, t: Callable[..., str]) -> list[str]:
    lines = []
    if change.action in (ResourceAction.UPDATE, ResourceAction.ADOPT) and change.effective:
        before = change.before or {}
        lines += [
            t(
                "resource-plan-field",
                field=t(FIELD[name]),
                old=_value(name, before.get(name), t),
                new=_value(name, change.effective.get(name), t),
            )
            for name in change.fields
        ]
    for warning in change.warnings:
        text = t(WARNING[warning.code], **dict(warning.args))
        lines.append(t("resource-plan-warning", text=text))
    return lines


def render_resource_plan(
    plan: ResourcePlan,
    translate: Translate,
    locale: str | None,
    *,
    server_names: Mapping[int, str] | None = None,
    show_unchanged: bool = False,
) -> str:
    """Empty when no server declares resources; else one block per guild and a summary."""
    if not plan.changes:
        return ""

    def t(msg_id: str, **args: Any) -> str:
        return translate(msg_id, locale, **args)

    lines = []
    for guild_id, group in groupby(plan.changes, key=lambda c: c.guild_id):
        shown = [
            c
            for c in group
            if c.action is not ResourceAction.UNCHANGED or c.warnings or show_unchanged
        ]
        if not shown:
            continue
        name = (server_names or {}).get(guild_id, str(guild_id))
        lines.append(t("resource-plan-guild", name=name, guild=str(guild_id)))
        for change in shown:
            lines.append(_INDENT + change_line(change, t))
            lines += [_INDENT * 3 + d for d in details(change, t)]
    counts = {a.value: plan.count(a) for a in ResourceAction}
    lines.append(t("resource-plan-summary", **counts))
    return "\n".join(lines) + "\n"


def render_refused(plan: ResourcePlan, translate: Translate, locale: str | None) -> str:
    keys = ", ".join(c.key for c in plan.in_use())
    return translate("resource-plan-refused", locale, keys=keys)


def result_line(result: ResourceResult, server: str, t: Callable[..., str]) -> str:
    change = result.change
    until = change.deferred_until.strftime("%H:%M") if change.deferred_until else ""
    error = ERROR_TEXT.get(result.error, OTHER_ERROR) if result.error else OTHER_ERROR
    return t(
        OUTCOME[result.outcome],
        name=server,
        kind=t(NOUN[change.kind]),
        key=change.key,
        action=t(ACTION[change.action]),
        id=str(result.discord_id or change.discord_id or ""),
        error=t(error),
        until=until,
    )


def render_resource_report(
    report: ResourceReport, translate: Translate, locale: str | None, names: Mapping[int, str]
) -> str:
    def t(msg_id: str, **args: Any) -> str:
        return translate(msg_id, locale, **args)

    lines = [
        result_line(r, names.get(r.change.guild_id, str(r.change.guild_id)), t)
        for r in report.results
    ]
    return "".join(line + "\n" for line in lines)


def resource_plan_json(
    plan: ResourcePlan, report: ResourceReport | None = None
) -> list[dict[str, Any]]:
    outcomes = (
        {} if report is None else {(r.change.guild_id, r.change.key): r for r in report.results}
    )
    out = []
    for c in plan.changes:
        result = outcomes.get((c.guild_id, c.key))
        out.append(
            {
                "guild_id": str(c.guild_id),
                "key": c.key,
                "kind": c.kind.value,
                "action": c.action.value,
                "reason": c.why.value,
                "id": None if c.discord_id is None else str(c.discord_id),
                "fields": list(c.fields),
                "warnings": [{"code": w.code.value, "args": dict(w.args)} for w in c.warnings],
                "blocked": c.blocked,
                "deferred_until": None
                if c.deferred_until is None
                else c.deferred_until.isoformat(),
                "outcome": None if result is None else result.outcome.value,
                "result_id": None
                if result is None or result.discord_id is None
                else str(result.discord_id),
            }
        )
    return out
