"""``GUICHET_LOG_FORMAT=json``: every line the running bot writes on stderr is JSON, its own
messages, discord.py's and aiohttp's records and Python's warnings alike; and the metrics
endpoint (``GUICHET_METRICS_PORT``) of a real ``guichet run`` answers."""

from __future__ import annotations

import json
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.processes import clean_env

REPO = Path(__file__).resolve().parents[1]


def _workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "servers", tmp_path / "servers")
    for locale in ("en-US", "fr"):
        shutil.copytree(
            REPO / "locales" / locale / "servers", tmp_path / "locales" / locale / "servers"
        )
    return tmp_path


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def test_a_running_bot_writes_only_json_on_stderr(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    env = clean_env(
        GUICHET_LOG_FORMAT="json",
        GUICHET_METRICS_PORT="0",
        GUICHET_DATABASE=str(workspace / "db.sqlite3"),
        LANG="C",
        # discord.py imports audioop, deprecated: with warnings shown, Python says so.
        PYTHONWARNINGS="always::DeprecationWarning",
    )
    lines: queue.Queue[str] = queue.Queue()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],  # no token: the sandbox, said in a line
        cwd=workspace,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    reader = threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    )  # type: ignore[union-attr]
    reader.start()
    seen: list[str] = []
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = lines.get(timeout=60)
            seen.append(line)
            record = json.loads(line)
            url = record.get("url") if record["message"].startswith("metrics and health") else None
        assert url is not None, seen
        while time.monotonic() < deadline:  # healthy once the gateway is connected
            status, body = _get(f"{url}/healthz")
            if status == 200:
                break
            time.sleep(0.2)
        assert json.loads(body) == {
            "status": "ok",
            "checks": {"gateway": True, "database": True, "configuration": True},
        }
        created = b'guichet_reconcile_changes_total{action="create"'
        while time.monotonic() < deadline:  # the start-up panel sync follows the connection
            status, metrics = _get(f"{url}/metrics")
            if status == 200 and created in metrics:
                break
            time.sleep(0.2)
        assert created in metrics
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        reader.join(timeout=10)
    while not lines.empty():
        seen.append(lines.get())
    records = [json.loads(line) for line in seen]  # every line: JSON
    loggers = {r["logger"] for r in records}
    assert "guichet.cli" in loggers  # "No GUICHET_TOKEN set: ... sandbox"
    assert any(name.startswith("discord.") for name in loggers)
    assert "py.warnings" in loggers
    assert any(r["message"] == "shutting down" for r in records)
