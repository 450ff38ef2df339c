"""Where the data lives: a SQLite file (the default) or a PostgreSQL URL.

Pure parsing, no driver imported: settings and the CLI read it before anything connects.
A PostgreSQL URL may carry a password; :meth:`DatabaseTarget.display` is the only form that
goes into messages and logs, and :attr:`DatabaseTarget.secret` feeds the log redaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import SplitResult, urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")
SQLITE_MEMORY = ":memory:"


class Engine(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class TargetError(ValueError):
    """A database setting that names no usable target (the message never holds a password).

    ``problem`` names the rule broken and ``args_`` its details, so the CLI can say it in
    the admin's language (locales/*/settings.ftl); the message is the English for logs."""

    def __init__(self, message: str, problem: str, **args: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.args_ = args


@dataclass(frozen=True, slots=True)
class DatabaseTarget:
    engine: Engine
    location: str  # the SQLite path, or the PostgreSQL URL as given

    @property
    def path(self) -> Path:
        if self.engine is not Engine.SQLITE:
            raise TypeError("a PostgreSQL target has no file path")
        return Path(self.location)

    @property
    def secret(self) -> str | None:
        """The URL's password, for log redaction; ``None`` when there is none."""
        if self.engine is Engine.SQLITE:
            return None
        return urlsplit(self.location).password or None

    def display(self) -> str:
        """The target as shown to people: the PostgreSQL password replaced by ``***``."""
        if self.engine is Engine.SQLITE:
            return self.location
        parts = urlsplit(self.location)
        if parts.password is None:
            return self.location
        return urlunsplit(_without_password(parts))

    def __str__(self) -> str:
        return self.display()


def _without_password(parts: SplitResult) -> SplitResult:
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{user}:***@{host}{port}")


def parse_target(value: str | Path) -> DatabaseTarget:
    """``postgresql://...`` (or ``postgres://``) is PostgreSQL; anything else is a SQLite path."""
    text = str(value).strip()
    if not text:
        raise TargetError("the database setting is empty", "empty")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in POSTGRES_SCHEMES:
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:
            raise TargetError("the PostgreSQL URL cannot be parsed", "postgresql-url") from None
        return DatabaseTarget(Engine.POSTGRESQL, text)
    if scheme:
        raise TargetError(
            f"unknown database URL scheme {scheme!r} (use postgresql:// or a path)",
            "scheme",
            scheme=scheme,
        )
    return DatabaseTarget(Engine.SQLITE, text)
