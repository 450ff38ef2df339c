"""The Discord-facing CLI commands, run as a member of the team would: as subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.sandbox.openapi import find_spec
from tests.processes import run

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    return tmp_path


def guichet(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_TOKEN")}
    env |= {"GUICHET_DATABASE": str(workspace / "db.sqlite3"), "LANG": "C"}
    return run([sys.executable, "-m", "bot.cli", *args], cwd=workspace, env=env)


def test_plan_without_database_records_lists_every_panel_as_create(workspace: Path):
    result = guichet(workspace, "plan")
    assert result.returncode == 0, result.stderr
    assert "+ support-select: create in channel 777777777777777777" in result.stdout
    assert "Plan: 2 to create, 0 to update, 0 to delete, 0 unchanged." in result.stdout


def test_plan_json_is_machine_readable(workspace: Path):
    result = guichet(workspace, "plan", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan  # the exact shape is covered by the reconciler's golden tests


def test_apply_without_token_refuses_unless_sandboxed(workspace: Path):
    refused = guichet(workspace, "apply")
    assert refused.returncode == 1
    assert "GUICHET_TOKEN" in refused.stderr
    first_plan = guichet(workspace, "plan")
    assert "+ slash commands (global): sync (never synced)" in first_plan.stdout
    applied = guichet(workspace, "apply", "--sandbox")
    assert applied.returncode == 0, applied.stderr
    assert "Plan: 2 to create" in applied.stdout
    # The sandbox's Discord is new at every run, but the database now records both panels.
    again = guichet(workspace, "plan")
    assert "Plan: 0 to create, 0 to update, 0 to delete, 2 unchanged." in again.stdout
    assert "slash commands" not in again.stdout  # synced by the apply, hash stored
    # A text change is shown field by field, from the content stored at apply time.
    ftl = workspace / "locales" / "fr" / "servers" / "example.ftl"
    ftl.write_text(
        ftl.read_text(encoding="utf-8").replace("= Besoin d'aide ?", "= À l'aide ?"),
        encoding="utf-8",
    )
    changed = guichet(workspace, "plan")
    assert "~ support-select: update message" in changed.stdout
    assert '"Besoin d\'aide ?" → "À l\'aide ?"' in changed.stdout


def test_invalid_server_file_fails_plan_with_its_position(workspace: Path):
    path = workspace / "servers" / "example.yaml"
    path.write_text(path.read_text().replace("kind: select", "kind: selcet"), encoding="utf-8")
    result = guichet(workspace, "plan")
    assert result.returncode == 1
    assert "example.yaml:" in result.stderr and "selcet" in result.stderr
    assert "support-select" not in result.stdout


def test_token_never_reaches_the_output(workspace: Path):
    """The token is really used (a login towards Discord, which fails here: no network, or a
    refused token), with debug logs on: neither the error nor any log line carries it."""
    env = dict(os.environ) | {
        "GUICHET_TOKEN": "super-secret-token-value",
        "GUICHET_DATABASE": str(workspace / "db.sqlite3"),
        "GUICHET_LOG_LEVEL": "DEBUG",
        "LANG": "C",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "apply"],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "logging in using static token" in result.stderr  # the token was used
    assert "super-secret-token-value" not in result.stdout + result.stderr


def example_channel_ids(path: Path) -> tuple[int, set[int]]:
    """The guild id and every channel id a server file names, read straight from its YAML."""
    data = YAML(typ="safe").load(path)
    ids = {int(v) for v in (data.get("channels") or {}).values()}
    for system in (data.get("systems") or {}).values():
        ids |= {int(system[key]) for key in ("category", "reception", "channel") if key in system}
    ids |= {int(panel["channel"]) for panel in (data.get("panels") or {}).values()}
    return int(data["guild"]), ids


def test_sandbox_without_bot_serves_the_emulator_until_interrupted(workspace: Path):
    guild_id, channel_ids = example_channel_ids(workspace / "servers" / "example.yaml")
    assert len(channel_ids) >= 5  # log, transcripts, category, reception, panels...
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_TOKEN")}
    with subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "sandbox", "--no-bot"],
        cwd=workspace,
        env=env | {"LANG": "C"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        token = line.split("(bot token: ", 1)[1].split(")", 1)[0]

        def call(path: str, body: object = None) -> tuple[int, object]:
            request = urllib.request.Request(
                f"{url}/api/v10{path}",
                data=None if body is None else json.dumps(body).encode(),
                headers={"Authorization": f"Bot {token}", "Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.status, json.load(response)
            except urllib.error.HTTPError as refused:
                return refused.code, json.load(refused)

        status, me = call("/users/@me")
        assert status == 200 and me["bot"] is True
        # The guild is seeded from the YAML: every channel id the file uses exists.
        status, channels = call(f"/guilds/{guild_id}/channels")
        assert status == 200 and channel_ids <= {int(c["id"]) for c in channels}
        # Request bodies are validated against Discord's description (tts must be a boolean).
        if find_spec() is not None:
            status, refused = call(f"/channels/{min(channel_ids)}/messages", {"tts": "yes"})
            assert (status, refused["code"]) == (400, 50035)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_unknown_server_name_is_a_usage_error(workspace: Path):
    result = guichet(workspace, "plan", "exmaple")
    assert result.returncode == 2
    assert "exmaple" in result.stderr


def test_a_server_is_named_by_its_file_too(workspace: Path):
    """``guichet validate servers/example.yaml`` takes a path; so do plan and apply, for a
    file of the servers folder (a shell completes it so). One elsewhere is not a server."""
    result = guichet(workspace, "plan", "servers/example.yaml")
    assert result.returncode == 0, result.stderr
    assert "Server example (guild 123456789012345678)" in result.stdout
    (workspace / "elsewhere").mkdir()
    shutil.copy(workspace / "servers" / "example.yaml", workspace / "elsewhere")
    elsewhere = guichet(workspace, "plan", "elsewhere/example.yaml")
    assert elsewhere.returncode == 2
    assert "elsewhere/example.yaml" in elsewhere.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"GUICHET_LOG_LEVEL": "LOUD"}, "GUICHET_LOG_LEVEL"),
        ({"GUICHET_DATABASE": "/proc/guichet/db.sqlite3"}, "/proc/guichet/db.sqlite3"),
    ],
)
def test_bad_settings_are_one_clear_line(workspace: Path, env: dict[str, str], expected: str):
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "plan"],
        cwd=workspace,
        env=base | {"LANG": "C"} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_database_is_reported_without_traceback(workspace: Path):
    (workspace / "db.sqlite3").write_bytes(b"this is not a database" * 100)
    result = guichet(workspace, "plan")
    assert result.returncode == 1
    assert "db.sqlite3" in result.stderr
    assert "Traceback" not in result.stderr


def test_busy_port_is_reported_without_traceback(workspace: Path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = guichet(workspace, "sandbox", "--no-bot", "--port", str(port))
    assert result.returncode == 1
    assert str(port) in result.stderr
    assert "Traceback" not in result.stderr
