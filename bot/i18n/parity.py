"""Checking that every locale offers the same messages with the same variables.

A translation missing an id falls back to another language in front of members;
one using different variables either shows ``{$name}`` or drops information.
Both are caught here, file by file, for any ``.ftl`` under a locales tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.i18n.ftl import entry_variables, parse_ftl_file


@dataclass(frozen=True, slots=True)
class ParityProblem:
    file: str  # path relative to the locale folder, e.g. "common.ftl", "servers/example.ftl"
    locale: str
    message: str

    def __str__(self) -> str:
        return f"{self.locale}/{self.file}: {self.message}"


def locale_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def ftl_files(root: Path) -> list[str]:
    """Every .ftl path (relative to its locale folder) that any locale under ``root`` has."""
    return sorted(
        {
            p.relative_to(folder).as_posix()
            for folder in locale_folders(root)
            for p in folder.rglob("*.ftl")
        }
    )


def compare_file(root: Path, relative: str, reference: str) -> list[ParityProblem]:
    """Differences of ``relative`` in each locale against the ``reference`` locale."""
    tables = {}
    problems = []
    for folder in locale_folders(root):
        path = folder / relative
        if not path.is_file():
            problems.append(ParityProblem(relative, folder.name, "file missing"))
            continue
        tables[folder.name] = entry_variables(parse_ftl_file(path).resource)
    expected = tables.get(reference)
    if expected is None:
        return problems
    for locale, table in sorted(tables.items()):
        if locale == reference:
            continue
        problems += [
            ParityProblem(relative, locale, f"missing {key!r}")
            for key in sorted(expected.keys() - table.keys())
        ]
        problems += [
            ParityProblem(relative, locale, f"{key!r} not in {reference}")
            for key in sorted(table.keys() - expected.keys())
        ]
        for key in sorted(expected.keys() & table.keys()):
            if expected[key] != table[key]:
                want, got = sorted(expected[key]), sorted(table[key])
                text = f"{key!r} uses variables {got}, {reference} uses {want}"
                problems.append(ParityProblem(relative, locale, text))
    return problems


def compare_locales(root: Path, reference: str = "en-US") -> list[ParityProblem]:
    return [p for relative in ftl_files(root) for p in compare_file(root, relative, reference)]
