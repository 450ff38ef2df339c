"""Localisation: Fluent catalogs per locale, fallback chain, Babel negotiation and dates.

Pure: the discord.py ``app_commands.Translator`` adapter lives in
``bot.discord_app.translator`` and uses the :class:`Catalog` from here.
"""

from bot.i18n.catalog import Catalog
from bot.i18n.dates import format_datetime
from bot.i18n.errors import CatalogError, MessageFormatError, MissingMessageError
from bot.i18n.ftl import FtlDiagnostic, entry_variables, parse_ftl, parse_ftl_file
from bot.i18n.ids import MessageId, message_id
from bot.i18n.lists import format_list
from bot.i18n.negotiation import DEFAULT_LOCALE, negotiate

__all__ = [
    "DEFAULT_LOCALE",
    "Catalog",
    "CatalogError",
    "FtlDiagnostic",
    "MessageFormatError",
    "MessageId",
    "MissingMessageError",
    "entry_variables",
    "format_datetime",
    "format_list",
    "message_id",
    "negotiate",
    "parse_ftl",
    "parse_ftl_file",
]
