"""What the bot's panel syncs remember of their inputs (bot.reconcile.inputs), wired to the
database and the running code."""

from __future__ import annotations

from bot.i18n import Catalog
from bot.reconcile.inputs import PanelInputs
from bot.startup_cache import code_digest
from bot.storage import Database
from bot.storage.panel_inputs import PanelInputsRepository


def panel_inputs(db: Database, catalog: Catalog) -> PanelInputs:
    return PanelInputs(PanelInputsRepository(db), catalog.texts_digest, code=code_digest())
