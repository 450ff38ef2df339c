"""Turn a validated document into typed specs, applying the defaults the schema states."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.config.resource_build import build_resources
from bot.config.resource_specs import Ref
from bot.config.specs import (
    Approval,
    AutoCloseSpec,
    ButtonColour,
    CloseSummarySpec,
    OnClose,
    OnLeave,
    PanelKind,
    PanelSpec,
    QuestionSpec,
    QuestionStyle,
    ServerSpec,
    Style,
    SystemSpec,
    TagSpec,
    TopicSpec,
)
from bot.config.working_hours import build_working_hours

_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_UNIT_SECONDS = (86400, 3600, 60, 1)


def parse_duration(text: str) -> int:
    """``"1h30m"`` → 5400 seconds. Raises ``ValueError`` for anything else."""
    match = _DURATION.match(text)
    if not text or match is None:
        raise ValueError(f"invalid duration: {text!r}")
    return sum(int(n) * unit for n, unit in zip(match.groups(), _UNIT_SECONDS, strict=True) if n)


def format_duration(seconds: int) -> str:
    """5400 → ``"1h30m"``: the inverse of :func:`parse_duration`."""
    parts = []
    for unit, size in zip("dhms", _UNIT_SECONDS, strict=True):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def snowflake(value: int | str) -> int | Ref:
    """An id, or a :class:`Ref` to a declared resource (keys start with a letter)."""
    if isinstance(value, str) and not value.isdigit():
        return Ref(value)
    return int(value)


def _optional_snowflake(value: int | str | None) -> int | Ref | None:
    return None if value is None else snowflake(value)


def build_server(name: str, source: Path, data: dict[str, Any]) -> ServerSpec:
    """``data`` must have passed schema and semantic checks."""
    channels = data.get("channels", {})
    return ServerSpec(
        name=name,
        source=source,
        guild=int(data["guild"]),
        locale=data["locale"],
        systems=tuple(_system(k, v) for k, v in data["systems"].items()),
        panels=tuple(_panel(k, v) for k, v in data.get("panels", {}).items()),
        staff_roles=tuple(snowflake(r) for r in data["staff_roles"]),
        log_channel=_optional_snowflake(channels.get("log")),
        transcript_channel=_optional_snowflake(channels.get("transcripts")),
        resources=build_resources(data.get("resources", {})),
        max_open_tickets=data.get("max_open_tickets"),
        tags=tuple(TagSpec(k, v["text"], v.get("label")) for k, v in data.get("tags", {}).items()),
    )


def _system(system_id: str, raw: dict[str, Any]) -> SystemSpec:
    return SystemSpec(
        id=system_id,
        style=Style(raw["style"]),
        topics=tuple(_topic(k, v) for k, v in raw["topics"].items()),
        category=_optional_snowflake(raw.get("category")),
        channel=_optional_snowflake(raw.get("channel")),
        approval=Approval(raw.get("approval", Approval.AUTOMATIC)),
        reception=_optional_snowflake(raw.get("reception")),
        handlers=tuple(snowflake(r) for r in raw.get("handlers", ())),
        overflow_categories=tuple(snowflake(c) for c in raw.get("overflow_categories", ())),
        max_open_tickets=raw.get("max_open_tickets"),
        open_roles=tuple(snowflake(r) for r in raw.get("open_roles", ())),
        blocked_roles=tuple(snowflake(r) for r in raw.get("blocked_roles", ())),
        mention_handlers=raw.get("mention_handlers", False),
        require_reason=raw.get("require_reason", False),
        require_open_reason=raw.get("require_open_reason", False),
        max_open_per_member=raw.get("max_open_per_member", 3),
        cooldown_seconds=parse_duration(raw.get("cooldown", "0s")),
        channel_name=raw.get("channel_name", "ticket-{number}"),
        on_close=OnClose(raw.get("on_close", OnClose.KEEP)),
        transcripts=raw.get("transcripts", True),
        keep_attachments_kib=raw.get("keep_attachments_kib", 2048),
        claim_hides=raw.get("claim_hides", False),
        enabled=raw.get("enabled", True),
        auto_close=_auto_close(raw.get("auto_close")),
        on_leave=OnLeave(raw.get("on_leave", OnLeave.IGNORE)),
        on_hold_reminder_seconds=(
            parse_duration(raw["on_hold_reminder"]) if "on_hold_reminder" in raw else None
        ),
        working_hours=build_working_hours(raw.get("working_hours")),
        close_summary=_close_summary(raw.get("close_summary")),
    )


def _close_summary(raw: dict[str, Any] | None) -> CloseSummarySpec | None:
    if raw is None:
        return None
    return CloseSummarySpec(
        transcript=raw.get("transcript", False), feedback=raw.get("feedback", False)
    )


def _auto_close(raw: dict[str, Any] | None) -> AutoCloseSpec | None:
    if raw is None:
        return None
    return AutoCloseSpec(
        after_seconds=parse_duration(raw["after"]),
        warning_seconds=parse_duration(raw.get("warning", "24h")),
        anyone_counts=raw.get("activity", "member") == "anyone",
        exclude_on_hold=raw.get("exclude_on_hold", True),
    )


def _topic(topic_id: str, raw: dict[str, Any]) -> TopicSpec:
    return TopicSpec(
        id=topic_id,
        label=raw["label"],
        description=raw.get("description"),
        emoji=raw.get("emoji"),
        welcome=raw.get("welcome"),
        questions=tuple(_question(q) for q in raw.get("questions", ())),
        button_style=ButtonColour(raw.get("button_style", ButtonColour.PRIMARY)),
    )


def _question(raw: dict[str, Any]) -> QuestionSpec:
    return QuestionSpec(
        id=raw["id"],
        label=raw["label"],
        style=QuestionStyle(raw.get("style", QuestionStyle.SHORT)),
        required=raw.get("required", True),
        min_length=raw.get("min_length"),
        max_length=raw.get("max_length"),
        placeholder=raw.get("placeholder"),
    )


def _panel(panel_id: str, raw: dict[str, Any]) -> PanelSpec:
    color = raw.get("color")
    return PanelSpec(
        id=panel_id,
        channel=snowflake(raw["channel"]),
        system=raw["system"],
        title=raw["title"],
        text=raw["text"],
        kind=PanelKind(raw.get("kind", PanelKind.BUTTONS)),
        topics=tuple(raw.get("topics", ())),
        color=None if color is None else int(color[1:], 16),
        image=raw.get("image"),
        placeholder=raw.get("placeholder"),
    )
