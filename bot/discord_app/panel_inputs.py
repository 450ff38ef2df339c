"""What the bot's panel syncs remember of their inputs (bot.reconcile.inputs), wired to the
database and the running code."""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from bot.i18n import Catalog
from bot.reconcile.inputs import PanelInputs
from bot.storage import Database
from bot.storage.panel_inputs import PanelInputsRepository

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_digest() -> str:
    """The running Guichet's code and Fluent libraries: after an upgrade (or any edit of the
    code), every panel renders once, whichever module changed how it renders."""
    digest = hashlib.sha256()
    for name in ("fluent.runtime", "fluent.syntax"):
        digest.update(f"{name}=={metadata.version(name)};".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def panel_inputs(db: Database, catalog: Catalog) -> PanelInputs:
    return PanelInputs(PanelInputsRepository(db), catalog.texts_digest, code=code_digest())
