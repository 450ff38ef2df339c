"""``guichet plan | apply`` as CI runs them: exit codes, JSON outcomes, where the plan's state
came from, and server files with errors counted as skipped. Real processes, the sandbox."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.processes import run

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An admin's config repository: the example server and its texts, nothing else."""
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    for locale in ("en-US", "fr"):
        texts = REPO / "locales" / locale / "servers"
        shutil.copytree(texts, tmp_path / "locales" / locale / "servers")
    return tmp_path


def guichet(workspace: Path, *args: str, lang: str = "C", **more: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    env |= {"GUICHET_DATABASE": str(workspace / "db.sqlite3"), "LANG": lang} | more
    return run([sys.executable, "-m", "bot.cli", *args], cwd=workspace, env=env)


def test_detailed_exitcode_tells_changes_from_none_and_from_errors(workspace: Path) -> None:
    first = guichet(workspace, "plan", "--detailed-exitcode")
    assert first.returncode == 2, first.stderr
    assert "Plan: 2 to create" in first.stdout
    assert guichet(workspace, "apply", "--sandbox").returncode == 0
    settled = guichet(workspace, "plan", "--detailed-exitcode")
    assert settled.returncode == 0, settled.stdout + settled.stderr
    assert "No changes" in settled.stdout
    # Without the flag, a plan with changes still exits 0 (scripts that only check errors).
    (workspace / "db.sqlite3").unlink()
    assert guichet(workspace, "plan").returncode == 0
    broken = workspace / "servers" / "broken.yaml"
    broken.write_text("guild: 42\n", encoding="utf-8")
    failing = guichet(workspace, "plan", "--detailed-exitcode")
    assert failing.returncode == 1
    assert "servers/broken.yaml:" in failing.stderr


def test_a_plan_says_what_it_compared_with(workspace: Path) -> None:
    first = guichet(workspace, "plan")
    database = str(workspace / "db.sqlite3")
    assert first.stderr.splitlines() == [
        (
            "No GUICHET_TOKEN is set: compared with the records of the local sandbox in"
            f" {database}, not with your Discord."
        ),
        (
            "That database holds no record of these servers yet, so every panel shows as to create."
            " To plan against a running bot, set GUICHET_DATABASE to its database, or set"
            " GUICHET_TOKEN and add --refresh to look for the panels in Discord."
        ),
    ]
    guichet(workspace, "apply", "--sandbox")
    again = guichet(workspace, "plan", lang="fr_FR.UTF-8")
    assert again.stderr.splitlines() == [
        (
            f"Aucun GUICHET_TOKEN défini : comparé aux enregistrements du bac à sable local dans"
            f" {database}, pas à votre Discord."
        ),
    ]


def test_apply_json_reports_each_outcome(workspace: Path) -> None:
    applied = guichet(workspace, "apply", "--sandbox", "--json")
    assert applied.returncode == 0, applied.stderr
    report = json.loads(applied.stdout)  # one document, nothing else on stdout
    assert report["applied"] is True and report["refused"] is None
    assert report["plan"]["summary"]["create"] == 2
    assert report["commands"] == [{"scope": "global", "action": "create", "outcome": "ok"}]
    assert sorted(
        (r["server"], r["panel_id"], r["action"], r["outcome"]) for r in report["results"]
    ) == [
        ("example", "partners-buttons", "create", "ok"),
        ("example", "support-select", "create", "ok"),
    ]
    assert all(r["message_id"].isdigit() and r["error"] is None for r in report["results"])
    assert report["summary"] == {"ok": 3, "failed": 0, "skipped": 0}
    assert report["skipped_files"] == []


def test_apply_lines_name_the_server_and_count_invalid_files_as_skipped(workspace: Path) -> None:
    (workspace / "servers" / "broken.yaml").write_text("guild: 42\n", encoding="utf-8")
    applied = guichet(workspace, "apply", "--sandbox")
    assert applied.returncode == 1  # a file was left out: CI must not go green
    lines = applied.stdout.splitlines()
    assert "✓ slash commands (global): synced" in lines
    assert any(
        line.startswith("✓ example · support-select: create done, message ") for line in lines
    )
    assert (
        "… servers/broken.yaml: not applied, the file has errors (see above);"
        " its panels stay as they are"
    ) in lines
    assert lines[-2] == "Applied: 3 done, 0 failed, 1 skipped."
    assert "servers/broken.yaml:1:8: guild:" in applied.stderr

    as_json = json.loads(guichet(workspace, "apply", "--sandbox", "--json").stdout)
    assert as_json["skipped_files"] == ["servers/broken.yaml"]
    assert as_json["summary"] == {"ok": 0, "failed": 0, "skipped": 1}


def test_guichet_sandbox_makes_every_command_use_the_emulator(workspace: Path) -> None:
    refused = guichet(workspace, "apply")
    assert refused.returncode == 1 and "GUICHET_TOKEN" in refused.stderr
    applied = guichet(workspace, "apply", GUICHET_SANDBOX="1")
    assert applied.returncode == 0, applied.stderr
    assert "Applied: 3 done, 0 failed, 0 skipped." in applied.stdout
