"""``guichet web``'s settings, from the environment, each checked at start.

Problems are Fluent ids with their arguments (:class:`SettingProblem`), so the CLI prints them
in the admin's language, all at once. Secrets are :class:`bot.settings.Secret`: never printed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import Secret

DEFAULT_PORT = 8080
DEFAULT_SESSION_HOURS = 12.0
MIN_SECRET_LENGTH = 32
DISCORD_API = "https://discord.com/api/v10"


@dataclass(frozen=True, slots=True)
class SettingProblem:
    msg_id: str
    args: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class DashboardSettings:
    public_url: str  # where browsers reach the dashboard, e.g. https://tickets.example.org
    host: str
    port: int
    client_id: str
    client_secret: Secret
    session_secret: Secret
    session_hours: float
    discord_api: str  # REST base: Discord's, or an emulator's (GUICHET_DISCORD_API)

    @property
    def redirect_uri(self) -> str:
        return self.public_url + "/auth/callback"

    @property
    def authorize_url(self) -> str:
        """Discord's is https://discord.com/oauth2/authorize: the API's origin, no /api."""
        parts = urlsplit(self.discord_api)
        return f"{parts.scheme}://{parts.netloc}/oauth2/authorize"

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def public_host(self) -> str:
        return (urlsplit(self.public_url).hostname or "").lower()

    def secrets(self) -> list[str]:
        return [self.client_secret.reveal(), self.session_secret.reveal()]


def _secret(env: Mapping[str, str], name: str, problems: list[SettingProblem]) -> Secret | None:
    value = env.get(name, "").strip()
    if value:
        return Secret(value)
    path = env.get(name + "_FILE", "").strip()
    if not path:
        problems.append(SettingProblem("web-setting-missing", {"name": name}))
        return None
    try:
        value = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        problems.append(
            SettingProblem(
                "web-setting-file-unreadable",
                {"name": name + "_FILE", "reason": exc.strerror or str(exc)},
            )
        )
        return None
    if not value:
        problems.append(SettingProblem("web-setting-file-empty", {"name": name + "_FILE"}))
        return None
    return Secret(value)


def load_settings(
    env: Mapping[str, str] | None = None, *, port: int | None = None
) -> DashboardSettings | list[SettingProblem]:
    """The settings, or every problem found (``port``: ``--port`` over GUICHET_WEB_PORT)."""
    env = os.environ if env is None else env
    problems: list[SettingProblem] = []

    public_url = env.get("GUICHET_WEB_URL", "").strip().rstrip("/")
    parts = urlsplit(public_url)
    if not public_url:
        problems.append(SettingProblem("web-setting-missing", {"name": "GUICHET_WEB_URL"}))
    elif parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
        problems.append(SettingProblem("web-setting-url", {"name": "GUICHET_WEB_URL"}))

    chosen_port = port
    raw_port = env.get("GUICHET_WEB_PORT", "").strip()
    if chosen_port is None and raw_port:
        chosen_port = int(raw_port) if raw_port.isdigit() else -1
    if chosen_port is None:
        chosen_port = DEFAULT_PORT
    if not 0 <= chosen_port <= 65535:
        problems.append(SettingProblem("web-setting-port", {"name": "GUICHET_WEB_PORT"}))

    host = env.get("GUICHET_WEB_HOST", "").strip() or "127.0.0.1"

    client_id = env.get("GUICHET_OAUTH_CLIENT_ID", "").strip()
    if not client_id:
        problems.append(SettingProblem("web-setting-missing", {"name": "GUICHET_OAUTH_CLIENT_ID"}))
    elif not client_id.isdigit():
        problems.append(
            SettingProblem("web-setting-client-id", {"name": "GUICHET_OAUTH_CLIENT_ID"})
        )
    client_secret = _secret(env, "GUICHET_OAUTH_CLIENT_SECRET", problems)
    session_secret = _secret(env, "GUICHET_WEB_SESSION_SECRET", problems)
    if session_secret is not None and len(session_secret.reveal()) < MIN_SECRET_LENGTH:
        problems.append(
            SettingProblem(
                "web-setting-secret-short",
                {"name": "GUICHET_WEB_SESSION_SECRET", "length": MIN_SECRET_LENGTH},
            )
        )

    hours = DEFAULT_SESSION_HOURS
    raw_hours = env.get("GUICHET_WEB_SESSION_HOURS", "").strip()
    if raw_hours:
        try:
            hours = float(raw_hours)
        except ValueError:
            hours = -1.0
        if not 0.05 <= hours <= 24 * 30:
            problems.append(
                SettingProblem("web-setting-hours", {"name": "GUICHET_WEB_SESSION_HOURS"})
            )

    api = env.get("GUICHET_DISCORD_API", "").strip().rstrip("/") or DISCORD_API
    api_parts = urlsplit(api)
    if api_parts.scheme not in ("http", "https") or not api_parts.netloc:
        problems.append(SettingProblem("web-setting-url", {"name": "GUICHET_DISCORD_API"}))

    if problems or client_secret is None or session_secret is None:
        return problems
    return DashboardSettings(
        public_url=public_url,
        host=host,
        port=chosen_port,
        client_id=client_id,
        client_secret=client_secret,
        session_secret=session_secret,
        session_hours=hours,
        discord_api=api,
    )
