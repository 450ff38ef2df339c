"""Process settings, read from the environment once at start.

The Discord token only ever lives inside :class:`Secret`, whose ``repr``/``str`` are masked,
so it cannot leak into a log line or a traceback by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class SettingsError(Exception):
    """A setting is present but unusable; the message names the variable, never its value."""


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
DEFAULT_DATABASE = Path("var/guichet.sqlite3")
# The sandbox's Discord is new at every start: its records must never mix with the real bot's
# (a panel recorded in the sandbox would look "already posted" to the real bot).
SANDBOX_DATABASE = Path("var/sandbox.sqlite3")


@dataclass(frozen=True, slots=True)
class Settings:
    token: Secret | None
    database: Path | None  # None: the default for the target (Discord or sandbox)
    servers_dir: Path
    locales_dir: Path
    log_level: str = "INFO"
    log_format: str = "text"  # text | json

    def database_for(self, *, sandbox: bool) -> Path:
        if self.database is not None:
            return self.database
        return SANDBOX_DATABASE if sandbox else DEFAULT_DATABASE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        level = env.get("GUICHET_LOG_LEVEL", "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"GUICHET_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        fmt = env.get("GUICHET_LOG_FORMAT", "text").lower()
        if fmt not in LOG_FORMATS:
            raise SettingsError(f"GUICHET_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
        database = env.get("GUICHET_DATABASE", "").strip()
        return cls(
            token=_read_token(env),
            database=Path(database) if database else None,
            servers_dir=Path(env.get("GUICHET_SERVERS", "servers")),
            locales_dir=Path(env.get("GUICHET_LOCALES", "locales")),
            log_level=level,
            log_format=fmt,
        )


def _read_token(env: Mapping[str, str]) -> Secret | None:
    token = env.get("GUICHET_TOKEN", "").strip()
    if token:
        return Secret(token)
    token_file = env.get("GUICHET_TOKEN_FILE", "").strip()
    if not token_file:
        return None
    try:
        value = Path(token_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(f"GUICHET_TOKEN_FILE cannot be read ({exc.strerror})") from None
    if not value:
        raise SettingsError("GUICHET_TOKEN_FILE is empty")
    return Secret(value)
