"""Fixtures for the configuration tests: a real Catalog on fixture .ftl files, file writers."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.i18n import Catalog

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]

# A minimal valid server file (named srv.yaml: its texts are fixtures/locales/*/servers/srv.ftl).
# Line numbers matter: invalid cases replace numbered lines of it.
BASE = """\
guild: 123456789012345678
locale: fr
staff_roles: [222222222222222222]
systems:
  help:
    style: channel
    category: 333333333333333333
    topics:
      general:
        label: topic-general
panels:
  main:
    channel: 444444444444444444
    system: help
    title: panel-title
    text: panel-text
"""


def variant(**lines: str) -> str:
    """BASE with numbered lines replaced: ``variant(l6="    style: chanel")``."""
    out = BASE.splitlines()
    for key, text in lines.items():
        out[int(key[1:]) - 1] = text
    return "\n".join(out) + "\n"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(FIXTURES / "locales", strict=True)


WriteServer = Callable[..., Path]


@pytest.fixture
def write_server(tmp_path: Path) -> WriteServer:
    def write(text: str, name: str = "srv", folder: str = "servers") -> Path:
        path = tmp_path / folder / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An admin's tree (servers/ beside locales/<locale>/servers/) as the working directory,
    English output. The bot's own messages are Guichet's (bot/resources.py)."""
    for folder in (FIXTURES / "locales").iterdir():
        shutil.copytree(folder / "servers", tmp_path / "locales" / folder.name / "servers")
    (tmp_path / "servers").mkdir()
    monkeypatch.chdir(tmp_path)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path
