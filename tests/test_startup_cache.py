"""bot/startup_cache.py: ``guichet run`` reads the server files from the last start's reading
only while nothing it was computed from changed; errors are never cached."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import bot.runtime
from bot.runtime import load_runtime
from bot.startup_cache import KEEP, cache_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "guichet"
    shutil.copytree(REPO / "servers", root / "servers")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time the server files were actually read."""
    calls: list[int] = []
    real = bot.runtime.load_servers

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(bot.runtime, "load_servers", counting)
    return calls


def start(root: Path) -> bot.runtime.Runtime:
    return load_runtime(root / "servers", root / "locales", cache=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_start_reads_the_cache_and_gets_the_same_servers(
    workspace: Path, loads: list[int]
) -> None:
    first = start(workspace)
    second = start(workspace)
    assert len(loads) == 1
    assert second.servers == first.servers and second.warnings == first.warnings
    assert len(list(cache_dir().iterdir())) == 1  # no temporary file left behind
    # Without the option (a reload, the tests), the files are always read.
    load_runtime(workspace / "servers", workspace / "locales")
    assert len(loads) == 2


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("servers/example.yaml", "cooldown: 1h", "cooldown: 2h"),
        ("locales/fr/servers/example.ftl", "topic-billing = Facturation", "topic-billing = Fact."),
        ("locales/en-US/servers/example.ftl", "topic-bug = Bug report", "topic-bug = A bug"),
    ],
)
def test_a_changed_file_or_text_is_read_again(
    workspace: Path, loads: list[int], relative: str, old: str, new: str
) -> None:
    start(workspace)
    edit(workspace / relative, old, new)
    second = start(workspace)
    assert len(loads) == 2 and not second.errors
    third = start(workspace)
    assert len(loads) == 2 and third.servers == second.servers


def test_a_new_server_file_is_read(workspace: Path, loads: list[int]) -> None:
    start(workspace)
    text = (workspace / "servers" / "example.yaml").read_text(encoding="utf-8")
    (workspace / "servers" / "copy.yaml").write_text(
        text.replace("123456789012345678", "123456789012345679"), encoding="utf-8"
    )
    runtime = start(workspace)
    assert len(loads) == 2
    assert workspace / "servers" / "copy.yaml" in runtime.file_guilds


def test_errors_are_never_cached(workspace: Path, loads: list[int]) -> None:
    edit(workspace / "servers" / "example.yaml", "style: thread", "style: thred")
    first, second = start(workspace), start(workspace)
    assert len(loads) == 2
    assert first.errors and [str(e) for e in second.errors] == [str(e) for e in first.errors]
    assert not list(cache_dir().glob("servers-*.pickle"))


def test_a_corrupt_cache_is_ignored_and_replaced(workspace: Path, loads: list[int]) -> None:
    first = start(workspace)
    [cached] = cache_dir().glob("servers-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert start(workspace).servers == first.servers
    assert len(loads) == 2
    assert start(workspace).servers == first.servers
    assert len(loads) == 2


def test_only_the_newest_readings_are_kept(workspace: Path, loads: list[int]) -> None:
    for minutes in range(KEEP + 2):
        edit(
            workspace / "servers" / "example.yaml",
            f"cooldown: {minutes + 1}h",
            f"cooldown: {minutes + 2}h",
        )
        start(workspace)
    assert len(loads) == KEEP + 2
    assert len(list(cache_dir().glob("servers-*.pickle"))) == KEEP
    start(workspace)  # the newest is among them
    assert len(loads) == KEEP + 2
