"""Process settings, read from the environment once at start.

The Discord token only ever lives inside :class:`Secret`, whose ``repr``/``str`` are masked,
so it cannot leak into a log line or a traceback by accident.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.domain.shards import ShardError, ShardPlan
from bot.storage.database import ConnectOptions
from bot.storage.targets import DatabaseTarget, TargetError, parse_target


class SettingsError(Exception):
    """A setting is present but unusable; it names the variable, never its value.

    ``msg_id`` is the Fluent message saying why (locales/*/settings.ftl) and ``args_`` its
    variables: the CLI says it in the admin's language (:meth:`render`)."""

    def __init__(self, msg_id: str, **args: object) -> None:
        super().__init__(msg_id, *(f"{name}={value}" for name, value in args.items()))
        self.msg_id = msg_id
        self.args_ = args

    @classmethod
    def from_problem(cls, name: str, error: TargetError | ShardError) -> SettingsError:
        """A database or shard setting's problem, for the setting (or option) ``name``."""
        kind = "database" if isinstance(error, TargetError) else "shards"
        return cls(f"settings-{kind}-{error.problem}", name=name, **error.args_)

    def render(self, texts: Callable[..., str]) -> str:
        return texts(self.msg_id, **self.args_)


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
# A bot whose Gateway is not Discord's talks to another Discord (an emulator started with
# `guichet sandbox --no-bot`): by default its records stay apart from the real bot's too.
ELSEWHERE_DATABASE = Path("var/elsewhere.sqlite3")


@dataclass(frozen=True, slots=True)
class Settings:
    token: Secret | None
    # A SQLite path or a postgresql:// URL; None: the default for the target (Discord or
    # sandbox). May hold a password: shown only through DatabaseTarget.display().
    database: str | None
    servers_dir: Path
    locales_dir: Path
    log_level: str = "INFO"
    log_format: str = "text"  # text | json
    database_pool_size: int = 10  # as ConnectOptions
    database_timeout: float = 10.0
    shards: ShardPlan = field(default_factory=ShardPlan)  # which shards this process runs
    # Where discord.py sends REST calls and opens the Gateway instead of Discord's own
    # addresses: a running emulator (both), or a REST proxy in front of Discord (the API only).
    discord_api: str | None = None
    discord_gateway: str | None = None
    # This process's slot: one running process per slot (see bot.storage.processes).
    instance: str = "main"
    # On SIGTERM/SIGINT, how long in-flight work may take to finish before it is undone.
    drain_seconds: float = 20.0
    # How long one Discord call may take before it counts as failed (and is cleaned up).
    discord_timeout: float = 15.0
    # GUICHET_SANDBOX: every command runs as with --sandbox (try a CI workflow locally).
    sandbox: bool = False
    # GUICHET_METRICS_PORT: /healthz and /metrics on this port (off when unset), on
    # GUICHET_METRICS_HOST (loopback unless told otherwise: metrics name servers and routes).
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"

    def database_for(self, *, sandbox: bool) -> DatabaseTarget:
        if self.database is not None:
            return parse_target(self.database)
        if sandbox:
            return parse_target(SANDBOX_DATABASE)
        elsewhere = self.discord_gateway is not None
        return parse_target(ELSEWHERE_DATABASE if elsewhere else DEFAULT_DATABASE)

    @property
    def slot(self) -> str:
        """The slot this process runs in: its instance, and its shards when it runs some of
        a fleet's. Two processes serving different shards on one database are never each
        other's successor (each recovers only its own servers' openings); a standby for the
        same shards takes over the same slot."""
        if self.shards.shard_count is None:
            return self.instance
        return f"{self.instance}.shards-{self.shards.describe().replace(' of ', '-of-')}"

    @property
    def database_options(self) -> ConnectOptions:
        return ConnectOptions(pool_size=self.database_pool_size, timeout=self.database_timeout)

    @property
    def secrets(self) -> list[str]:
        """Values never to be written to a log: the token, a database password."""
        found = [self.token.reveal()] if self.token else []
        if self.database is not None and (password := parse_target(self.database).secret):
            found.append(password)
        return found

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        level = env.get("GUICHET_LOG_LEVEL", "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(
                "settings-one-of", name="GUICHET_LOG_LEVEL", allowed=", ".join(LOG_LEVELS)
            )
        fmt = env.get("GUICHET_LOG_FORMAT", "text").lower()
        if fmt not in LOG_FORMATS:
            raise SettingsError(
                "settings-one-of", name="GUICHET_LOG_FORMAT", allowed=", ".join(LOG_FORMATS)
            )
        database = env.get("GUICHET_DATABASE", "").strip() or None
        if database is not None:
            try:
                parse_target(database)
            except TargetError as exc:
                raise SettingsError.from_problem("GUICHET_DATABASE", exc) from None
        return cls(
            token=_read_token(env),
            database=database,
            servers_dir=Path(env.get("GUICHET_SERVERS", "servers")),
            locales_dir=Path(env.get("GUICHET_LOCALES", "locales")),
            log_level=level,
            log_format=fmt,
            database_pool_size=int(_number(env, "GUICHET_DATABASE_POOL_SIZE", 10, 1, 1000)),
            database_timeout=_number(env, "GUICHET_DATABASE_TIMEOUT", 10.0, 0.1, 3600),
            shards=shard_plan(env.get("GUICHET_SHARDS"), env.get("GUICHET_SHARD_COUNT")),
            discord_api=_url(env, "GUICHET_DISCORD_API", ("http", "https")),
            discord_gateway=_url(env, "GUICHET_DISCORD_GATEWAY", ("ws", "wss")),
            instance=_instance(env),
            drain_seconds=_number(env, "GUICHET_DRAIN_SECONDS", 20.0, 0.1, 3600),
            discord_timeout=_number(env, "GUICHET_DISCORD_TIMEOUT", 15.0, 0.1, 3600),
            sandbox=_flag(env, "GUICHET_SANDBOX"),
            metrics_port=_port(env, "GUICHET_METRICS_PORT"),
            metrics_host=env.get("GUICHET_METRICS_HOST", "").strip() or "127.0.0.1",
        )


def shard_plan(shard_ids: str | None, shard_count: str | int | None) -> ShardPlan:
    try:
        return ShardPlan.parse(shard_ids, shard_count)
    except ShardError as exc:
        raise SettingsError.from_problem("GUICHET_SHARDS / GUICHET_SHARD_COUNT", exc) from None


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        # One message per kind: "http or https" is a phrase to translate, not a list.
        raise SettingsError(f"settings-url-{schemes[0]}", name=name)
    return value.rstrip("/") if parts.scheme.startswith("http") else value


def _instance(env: Mapping[str, str]) -> str:
    value = env.get("GUICHET_INSTANCE", "").strip() or "main"
    if len(value) > 64 or not value.replace("-", "").replace("_", "").isalnum():
        raise SettingsError("settings-instance", name="GUICHET_INSTANCE")
    return value


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw) if isinstance(default, float) else int(raw)
    except ValueError:
        raise SettingsError("settings-number", name=name, low=low, high=high) from None
    if not low <= value <= high:
        raise SettingsError("settings-number", name=name, low=low, high=high)
    return value


def _port(env: Mapping[str, str], name: str) -> int | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise SettingsError("settings-port", name=name)
    return int(value)


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value not in _TRUE + _FALSE:
        raise SettingsError("settings-one-of", name=name, allowed=", ".join(_TRUE + _FALSE[1:]))
    return value in _TRUE


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
        raise SettingsError(_unreadable(exc), name="GUICHET_TOKEN_FILE") from None
    if not value:
        raise SettingsError("settings-file-empty", name="GUICHET_TOKEN_FILE")
    return Secret(value)


def _unreadable(error: OSError) -> str:
    """The message for a file that cannot be read: the OS's own words are English only."""
    if isinstance(error, FileNotFoundError):
        return "settings-file-missing"
    if isinstance(error, PermissionError):
        return "settings-file-forbidden"
    if isinstance(error, IsADirectoryError):
        return "settings-file-folder"
    return "settings-file-unreadable"
