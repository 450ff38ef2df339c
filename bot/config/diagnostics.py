"""Diagnostics: one problem found in a server file, with where it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem in ``path`` at ``line``:``column`` (1-based; 0 means the whole file).

    ``where`` is the dotted path of the key concerned (``systems.support.style``,
    ``...questions[0].id``), empty for the document itself.
    """

    path: Path
    line: int
    column: int
    where: str
    message: str
    severity: Severity = ERROR

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        if self.where:
            return f"{location}: {self.where}: {self.message}"
        return f"{location}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.line, self.column, self.message)


def dotted(path: tuple[object, ...]) -> str:
    """``("systems", "s", "topics", "t", "questions", 0)`` → ``systems.s.topics.t.questions[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def shown(value: object) -> str:
    """A value as quoted in a message: JSON-like scalars, a word for containers."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)
