"""``guichet check-locales``: the translators' checks (bot/i18n/checks.py) on a locales tree.

Problems are ``file:line:column: message`` lines, then one summary line per locale and file
group. Exit 0 when the translations have no problem, 1 otherwise; ``--complete`` also fails
on missing or obsolete messages (shipped locales must be complete).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n.checks import Completeness, Finding, LocalesReport, check_locales
from bot.resources import BOT_LOCALES

Texts = Callable[..., str]
_LISTED = 8  # ids listed per summary line before "…"


def _render_finding(finding: Finding, texts: Texts) -> str:
    text = texts(finding.msg_id, **dict(finding.args))
    return f"{finding.path}:{finding.line}:{finding.column}: {text}"


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:_LISTED])
    return shown + (" …" if len(ids) > _LISTED else "")


def _summary(report: LocalesReport, texts: Texts) -> list[str]:
    # An admin's folder has no bot messages (Guichet brings them): no line for nothing.
    lines = [
        texts("locales-summary-reference", code=report.reference, unit=unit, total=total)
        for unit, total in sorted(report.reference_totals.items())
        if total
    ]
    for entry in report.completeness:
        if entry.total or entry.obsolete:
            lines += _completeness_lines(entry, report.reference, texts)
    return lines


def _completeness_lines(entry: Completeness, reference: str, texts: Texts) -> list[str]:
    where = {"code": entry.locale, "unit": entry.unit}
    percent = 100 * entry.translated // entry.total if entry.total else 100
    lines = [
        texts(
            "locales-summary",
            translated=entry.translated,
            total=entry.total,
            percent=percent,
            missing=len(entry.missing),
            obsolete=len(entry.obsolete),
            **where,
        )
    ]
    if entry.missing:
        lines.append(texts("locales-summary-missing", ids=_ids(entry.missing), **where))
    if entry.obsolete:
        ids = _ids(entry.obsolete)
        lines.append(texts("locales-summary-obsolete", ids=ids, reference=reference, **where))
    return lines


def check(args: argparse.Namespace, texts: Texts) -> int:
    root: Path = args.root or (Path("locales") if Path("locales").is_dir() else BOT_LOCALES)
    if not root.is_dir():
        sys.stderr.write(texts("cli-locales-invalid", path=str(root)) + "\n")
        return 1
    report = check_locales(root)
    for finding in report.findings:
        sys.stderr.write(_render_finding(finding, texts) + "\n")
    for line in _summary(report, texts):
        sys.stdout.write(line + "\n")
    problems = len(report.errors)
    if args.complete:
        problems += sum(len(c.missing) + len(c.obsolete) for c in report.completeness)
    if problems:
        sys.stderr.write(texts("locales-result-errors", errors=problems) + "\n")
        return 1
    sys.stdout.write(texts("locales-result-ok") + "\n")
    return 0


def add_command(commands: Any, texts: Texts) -> None:
    parser = commands.add_parser("check-locales", help=texts("check-locales-help"))
    parser.add_argument("root", nargs="?", type=Path, help=texts("check-locales-opt-root"))
    parser.add_argument("--complete", action="store_true", help=texts("check-locales-opt-complete"))
    parser.set_defaults(command=check)
