"""Show a plan to people (a ``terraform plan``-like text) and to machines (stable JSON).

Every word comes from ``locales/<locale>/plan.ftl``. Discord ids are passed to Fluent as text
so they are never formatted with digit grouping.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from itertools import groupby
from typing import Any

from bot.domain.port_errors import PortErrorKind
from bot.i18n.ids import message_id
from bot.reconcile.commands import GLOBAL_SCOPE, CommandChange
from bot.reconcile.diff import FieldChange, diff_messages, kind_of
from bot.reconcile.panels import Field, PanelMessage, Translate, Truncation
from bot.reconcile.plan import Change, ChangeAction, Plan
from bot.reconcile.safety import UnsafePlanError

JSON_FORMAT = 1
SHORT_VALUE = 60  # longer (or multi-line) values are summarised by their lengths
_INDENT = "  "
_LIST_FIELDS = frozenset({Field.BUTTONS, Field.OPTIONS})

# (guild id, panel id) -> the panel as rendered from the previous configuration.
Previous = Mapping[tuple[int, str], PanelMessage]

# Fluent ids by value, spelled out so the id checker sees every one of them.
CHANGE_LINE = {
    ChangeAction.CREATE: message_id("plan-create"),
    ChangeAction.UPDATE: message_id("plan-update"),
    ChangeAction.DELETE: message_id("plan-delete"),
    ChangeAction.UNCHANGED: message_id("plan-unchanged"),
}
COMMAND_LINE = {
    ChangeAction.CREATE: message_id("plan-commands-create"),
    ChangeAction.UPDATE: message_id("plan-commands-update"),
    ChangeAction.UNCHANGED: message_id("plan-commands-unchanged"),
}
ACTION_NAME = {
    ChangeAction.CREATE: message_id("plan-action-create"),
    ChangeAction.UPDATE: message_id("plan-action-update"),
    ChangeAction.DELETE: message_id("plan-action-delete"),
}
FIELD_LABEL = {
    Field.EMBED_TITLE: message_id("plan-field-embed-title"),
    Field.EMBED_DESCRIPTION: message_id("plan-field-embed-description"),
    Field.EMBED_COLOUR: message_id("plan-field-embed-colour"),
    Field.EMBED_IMAGE: message_id("plan-field-embed-image"),
    Field.KIND: message_id("plan-field-kind"),
    Field.BUTTONS: message_id("plan-field-buttons"),
    Field.BUTTON_LABEL: message_id("plan-field-button-label"),
    Field.BUTTON_EMOJI: message_id("plan-field-button-emoji"),
    Field.BUTTON_STYLE: message_id("plan-field-button-style"),
    Field.PLACEHOLDER: message_id("plan-field-placeholder"),
    Field.OPTIONS: message_id("plan-field-options"),
    Field.OPTION_LABEL: message_id("plan-field-option-label"),
    Field.OPTION_DESCRIPTION: message_id("plan-field-option-description"),
    Field.OPTION_EMOJI: message_id("plan-field-option-emoji"),
}
KIND_NAME = {"buttons": message_id("plan-kind-buttons"), "select": message_id("plan-kind-select")}
ERROR_TEXT = {
    PortErrorKind.MISSING_PERMISSIONS: message_id("plan-error-missing-permissions"),
    PortErrorKind.MISSING_ACCESS: message_id("plan-error-missing-access"),
    PortErrorKind.UNKNOWN_CHANNEL: message_id("plan-error-unknown-channel"),
    PortErrorKind.UNKNOWN_MESSAGE: message_id("plan-error-unknown-message"),
    PortErrorKind.SERVER_ERROR: message_id("plan-error-server-error"),
    PortErrorKind.RATE_LIMITED: message_id("plan-error-rate-limited"),
    PortErrorKind.TIMEOUT: message_id("plan-error-timeout"),
}
OTHER_ERROR = message_id("plan-error-other")


def render_plan(
    plan: Plan,
    translate: Translate,
    locale: str | None,
    *,
    commands: Sequence[CommandChange] = (),
    previous: Previous | None = None,
    server_names: Mapping[int, str] | None = None,
    show_unchanged: bool = False,
) -> str:
    """The plan as text lines, grouped by guild, ending with a summary line."""

    def t(msg_id: str, **args: Any) -> str:
        return translate(msg_id, locale, **args)

    lines = [
        _command_line(c, t)
        for c in commands
        if c.action is not ChangeAction.UNCHANGED or show_unchanged
    ]
    for guild_id, group in groupby(plan.changes, key=lambda c: c.guild_id):
        shown = [c for c in group if c.action is not ChangeAction.UNCHANGED or show_unchanged]
        if not shown:
            continue
        name = (server_names or {}).get(guild_id)
        if name is None:
            lines.append(t("plan-guild", guild=str(guild_id)))
        else:
            lines.append(t("plan-guild-named", name=name, guild=str(guild_id)))
        for change in shown:
            lines.append(_INDENT + _change_line(change, t))
            lines += [_INDENT * 3 + d for d in _details(change, previous, t)]
    if not plan.has_writes and not any(c.action is not ChangeAction.UNCHANGED for c in commands):
        lines.append(t("plan-no-changes"))
    counts = plan.counts()
    lines.append(t("plan-summary", **{a.value: counts[a] for a in ChangeAction}))
    return "\n".join(lines) + "\n"


def _change_line(change: Change, t: Callable[..., str]) -> str:
    reason = t(change.reason.message_id, **change.reason.arguments())
    desired, current = change.desired, change.current
    channel = desired.channel_id if desired else current.channel_id if current else 0
    message = str(current.message_id) if current else ""
    return t(
        CHANGE_LINE[change.action],
        panel=change.panel_id,
        channel=str(channel),
        message=message,
        reason=reason,
    )


def _details(change: Change, previous: Previous | None, t: Callable[..., str]) -> list[str]:
    if change.desired is None:
        return []
    new = change.desired.message
    lines: list[str] = []
    if change.action is ChangeAction.UPDATE:
        old = (previous or {}).get((change.guild_id, change.panel_id))
        if old is None:
            old_hash = change.current.content_hash if change.current else ""
            lines.append(t("plan-diff-hash", old=old_hash[:12], new=new.content_hash[:12]))
        else:
            lines += [_field_line(f, t) for f in diff_messages(old, new)]
    lines += [_truncation_line(tr, t) for tr in new.truncations]
    return lines


def _field_label(field: Field, topic: str | None, t: Callable[..., str]) -> str:
    return t(FIELD_LABEL[field], topic=topic or "")


def _field_line(change: FieldChange, t: Callable[..., str]) -> str:
    label = _field_label(change.field, change.topic, t)
    old, new = change.old, change.new
    if change.field is Field.KIND:
        old, new = t(KIND_NAME[old or ""]), t(KIND_NAME[new or ""])
    if old is None:
        return t("plan-diff-added", field=label, new=_shorten(new or ""))
    if new is None:
        return t("plan-diff-removed", field=label, old=_shorten(old))
    if _is_short(old) and _is_short(new):
        return t("plan-diff-changed", field=label, old=old, new=new)
    return t("plan-diff-changed-long", field=label, old_length=len(old), new_length=len(new))


def _truncation_line(truncation: Truncation, t: Callable[..., str]) -> str:
    label = _field_label(truncation.field, truncation.topic, t)
    msg_id = "plan-truncated-list" if truncation.field in _LIST_FIELDS else "plan-truncated"
    return t(msg_id, field=label, limit=truncation.limit, length=truncation.length)


def _is_short(value: str) -> bool:
    return len(value) <= SHORT_VALUE and "\n" not in value


def _shorten(value: str) -> str:
    if _is_short(value):
        return value
    return value.splitlines()[0][: SHORT_VALUE - 1] + "…"


def _command_line(change: CommandChange, t: Callable[..., str]) -> str:
    reason = t(change.reason.message_id, **change.reason.arguments())
    return t(COMMAND_LINE[change.action], scope=command_scope(change, t), reason=reason)


def command_scope(change: CommandChange, t: Callable[..., str]) -> str:
    if change.scope == GLOBAL_SCOPE:
        return t("plan-commands-scope-global")
    return t("plan-commands-scope-guild", guild=change.scope)


def render_unsafe(error: UnsafePlanError, translate: Translate, locale: str | None) -> str:
    return translate(
        "plan-unsafe",
        locale,
        deletes=error.deletes,
        existing=error.existing,
        percent=round(error.max_delete_ratio * 100),
    )


# --- JSON ---------------------------------------------------------------------------------


def plan_to_json(
    plan: Plan, *, commands: Sequence[CommandChange] = (), previous: Previous | None = None
) -> dict[str, Any]:
    """A JSON-ready dict with a fixed set of keys; ids are strings (JavaScript-safe)."""
    counts = plan.counts()
    return {
        "format": JSON_FORMAT,
        "summary": {a.value: counts[a] for a in ChangeAction},
        "panels": [_change_json(c, previous) for c in plan.changes],
        "commands": [
            {
                "action": c.action.value,
                "scope": c.scope,
                "reason": {"code": c.reason.code.value, "args": c.reason.arguments()},
                "hash": c.payload_hash,
                "previous_hash": c.previous_hash,
            }
            for c in commands
        ],
    }


def render_plan_json(
    plan: Plan, *, commands: Sequence[CommandChange] = (), previous: Previous | None = None
) -> str:
    data = plan_to_json(plan, commands=commands, previous=previous)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _change_json(change: Change, previous: Previous | None) -> dict[str, Any]:
    desired, current = change.desired, change.current
    fields: list[dict[str, Any]] | None = None
    if change.action is ChangeAction.UPDATE and desired is not None:
        old = (previous or {}).get((change.guild_id, change.panel_id))
        if old is not None:
            fields = [
                {"field": f.field.value, "topic": f.topic, "old": f.old, "new": f.new}
                for f in diff_messages(old, desired.message)
            ]
    return {
        "action": change.action.value,
        "guild_id": str(change.guild_id),
        "panel_id": change.panel_id,
        "reason": {"code": change.reason.code.value, "args": change.reason.arguments()},
        "desired": None
        if desired is None
        else {
            "channel_id": str(desired.channel_id),
            "hash": desired.message.content_hash,
            "kind": kind_of(desired.message),
            "truncations": [
                {"field": tr.field.value, "topic": tr.topic, "length": tr.length, "limit": tr.limit}
                for tr in desired.message.truncations
            ],
        },
        "current": None
        if current is None
        else {
            "channel_id": str(current.channel_id),
            "message_id": str(current.message_id),
            "hash": current.content_hash,
        },
        "fields": fields,  # None: previous content unknown
    }
