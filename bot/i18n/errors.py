"""Errors raised by the message catalog."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n.ftl import FtlDiagnostic


class CatalogError(Exception):
    """The locales tree cannot be loaded; ``errors`` lists every problem, not just the first."""

    def __init__(self, errors: Iterable[FtlDiagnostic]) -> None:
        self.errors: tuple[FtlDiagnostic, ...] = tuple(errors)
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{len(self.errors)} error(s) in Fluent files:\n{lines}")


class MissingMessageError(LookupError):
    """A message id exists in none of the locales of the fallback chain (strict catalogs only)."""

    def __init__(self, msg_id: str, chain: tuple[str, ...], server: str | None = None) -> None:
        self.msg_id = msg_id
        self.chain = chain
        self.server = server
        where = f" (server {server})" if server else ""
        super().__init__(f"message {msg_id!r} not found in {', '.join(chain)}{where}")


class MessageFormatError(ValueError):
    """Fluent reported errors while formatting (missing variable, unknown reference...)."""

    def __init__(self, msg_id: str, locale: str, errors: Iterable[Exception]) -> None:
        self.msg_id = msg_id
        self.locale = locale
        self.errors = tuple(errors)
        details = "; ".join(str(e) for e in self.errors)
        super().__init__(f"formatting {msg_id!r} in {locale}: {details}")
