"""Server configuration: load ``servers/*.yaml``, validate, build typed specs.

result = load_servers([Path("servers")], Catalog.load(Path("locales")))
if not result.ok:
    for error in result.errors: print(error)
"""

from bot.config.diagnostics import Diagnostic
from bot.config.loader import LoadResult, load_servers
from bot.config.schema_check import SCHEMA_PATH, schema
from bot.config.semantic import MessageCatalog

__all__ = ["SCHEMA_PATH", "Diagnostic", "LoadResult", "MessageCatalog", "load_servers", "schema"]
