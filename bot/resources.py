"""Where Guichet finds its own files: the bot's messages (``locales/``) and the schema.

In the repository they live at the top level (``locales/``, ``schemas/``), where translators
and editors find them. A built wheel or sdist carries a copy inside the package, under
``bot/_bundled/`` (see ``bot/_build.py``), so an installed ``guichet`` never reads the working
directory for them. A source checkout or an editable install has no such copy and reads the
repository's folders, so an edit to a ``.ftl`` file shows at once.

The admin's own files (``servers/``, ``locales/<locale>/servers/``) are not resources: they come
from the working directory or the settings.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
BUNDLED = _PACKAGE / "_bundled"
_CHECKOUT = _PACKAGE.parent


def resource_dir(name: str) -> Path:
    """``locales`` or ``schemas``: the installed copy if there is one, else the checkout's."""
    installed = BUNDLED / name
    return installed if installed.is_dir() else _CHECKOUT / name


BOT_LOCALES = resource_dir("locales")
SCHEMA_FILE = resource_dir("schemas") / "server.schema.json"
