"""Server configuration: load ``servers/*.yaml``, validate, build typed specs.

catalog = Catalog.load(Path("locales"))
result = load_servers([Path("servers")], catalog)
if not result.ok:
    for error in result.errors: print(error)                   # en-US
    for error in result.errors: print(error.render(catalog.translate, "fr"))
"""

from bot.config.diagnostics import Diagnostic
from bot.config.loader import LoadResult, load_servers
from bot.config.schema_check import SCHEMA_PATH, schema
from bot.config.semantic import MessageCatalog

__all__ = ["SCHEMA_PATH", "Diagnostic", "LoadResult", "MessageCatalog", "load_servers", "schema"]
