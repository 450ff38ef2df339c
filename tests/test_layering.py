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


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    offenders = []
    for path in sorted(folder.rglob("*.py")):
        for line, module in _imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(folder)}:{line} imports {module}")
    return offenders


def test_shared_web_package_knows_no_discord_sandbox_or_storage() -> None:
    """bot/web serves the sandbox page now and the staff dashboard later: pages hand it what
    they show, so it must not reach for Discord, the emulator or the database itself."""
    forbidden = ("discord", "bot.discord_app", "bot.sandbox", "bot.storage", "bot.services")
    assert _offenders(ROOT / "web", forbidden) == []


def test_sandbox_page_reads_the_emulator_never_the_bot_or_its_database() -> None:
    """The page shows Discord's side only: what the emulator holds, through its actors."""
    forbidden = ("discord", "bot.discord_app", "bot.storage", "bot.services")
    assert _offenders(ROOT / "sandbox" / "web", forbidden) == []


def test_import_rules_see_from_imports_and_submodules(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text(
        "import bot.storage.tickets\nfrom bot.sandbox import state\nimport bot.webby\n",
        encoding="utf-8",
    )
    found = _offenders(tmp_path, ("bot.storage", "bot.sandbox", "bot.web"))
    assert [f.split(":", 1)[1] for f in found] == [
        "1 imports bot.storage.tickets",
        "2 imports bot.sandbox",
    ]


def test_dashboard_talks_to_services_never_to_discord_or_storage() -> None:
    """The staff dashboard reaches tickets through bot.services only (issue 18); the
    Discord wiring lives in bot/discord_app/dashboard_host.py."""
    forbidden = ("discord", "bot.discord_app", "bot.storage", "bot.sandbox")
    assert _offenders(ROOT / "dashboard", forbidden) == []
