"""Checks of a system's ``close_summary`` that JSON Schema cannot express: a transcript to
attach needs the system's transcripts, and ratings with no log channel reach only
``/ticket info``. Like the other semantic checks they run on the plain document even when
the schema found errors, so a value of the wrong type is skipped (the schema reported it).
"""

from __future__ import annotations

from typing import Any

from bot.config.diagnostics import WARNING
from bot.i18n import message_id


def _map(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def check_close_summaries(report: Any, data: dict[str, Any]) -> None:
    """``report`` is semantic's ``_Report`` (positions and diagnostics of one file)."""
    has_log = "log" in _map(data.get("channels"))
    for system_id, raw in _map(data.get("systems")).items():
        system = _map(raw)
        summary = _map(system.get("close_summary"))
        node = ("systems", system_id, "close_summary")
        if summary.get("transcript") is True and system.get("transcripts", True) is False:
            report.at_value(
                (*node, "transcript"),
                message_id("config-ignored-unless"),
                WARNING,
                field="transcripts",
                value="true",
            )
        if summary.get("feedback") is True and not has_log:
            report.at_value((*node, "feedback"), message_id("config-feedback-no-log"), WARNING)
