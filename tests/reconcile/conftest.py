from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.i18n import Catalog

from .fixtures import make_catalog


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return make_catalog(tmp_path_factory.mktemp("locales"))


@pytest.fixture
def translate(catalog: Catalog) -> Callable[..., str]:
    return catalog.translate


@pytest.fixture
def golden_dir() -> Path:
    return Path(__file__).parent / "golden"
