"""Only the discord.py layer (and the sandbox's client helpers) may import discord."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "bot"
ALLOWED = {ROOT / "discord_app", ROOT / "sandbox" / "discord_client.py"}


def _imports_discord(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        if any(n == "discord" or n.startswith("discord.") for n in names):
            lines.append(node.lineno)
    return lines


def test_only_discord_app_imports_discord() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if any(path.is_relative_to(a) for a in ALLOWED):
            continue
        offenders += [f"{path.relative_to(ROOT.parent)}:{n}" for n in _imports_discord(path)]
    assert offenders == [], f"discord imported outside bot/discord_app: {offenders}"


def test_layering_check_detects_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom discord import ui\nimport discord.ext\n", encoding="utf-8")
    assert _imports_discord(probe) == [2, 3]
