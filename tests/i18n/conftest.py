"""Fixtures for the localisation tests: the repository's locales, and throwaway trees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.i18n import Catalog

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "locales"

# {"en-US/common.ftl": "hello = Hello", ...} -> a locales tree under tmp_path
WriteTree = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(LOCALES, strict=True)


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "locales"
        root.mkdir(exist_ok=True)
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write
