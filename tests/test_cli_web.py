"""``guichet web``'s settings: every problem at once, one localized line each, secrets never
printed; and what valid settings mean (Discord's URLs, the callback, secure cookies)."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.dashboard.settings import DashboardSettings, load_settings

WEB_VARIABLES = (
    "GUICHET_WEB_URL",
    "GUICHET_WEB_PORT",
    "GUICHET_OAUTH_CLIENT_ID",
    "GUICHET_OAUTH_CLIENT_SECRET",
    "GUICHET_WEB_SESSION_SECRET",
    "GUICHET_WEB_SESSION_HOURS",
    "GUICHET_DISCORD_API",
)


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in WEB_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("lang", "missing"), [("C", "is not set"), ("fr_FR.UTF-8", "n'est pas défini")]
)
def test_every_problem_is_one_localized_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, missing: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    monkeypatch.setenv("GUICHET_WEB_URL", "ftp://tickets.example.org")
    monkeypatch.setenv("GUICHET_OAUTH_CLIENT_SECRET", "topsecret-value")
    monkeypatch.setenv("GUICHET_WEB_SESSION_SECRET", "too-short-secret")
    monkeypatch.setenv("GUICHET_WEB_PORT", "99999")
    assert main(["web"]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 4, err
    assert any("GUICHET_WEB_URL" in line for line in lines)
    assert any("GUICHET_WEB_PORT" in line for line in lines)
    assert any("GUICHET_OAUTH_CLIENT_ID" in line and missing in line for line in lines)
    assert any("GUICHET_WEB_SESSION_SECRET" in line and "32" in line for line in lines)
    assert "topsecret-value" not in err and "too-short-secret" not in err
    assert "Traceback" not in err


def test_valid_settings() -> None:
    env = {
        "GUICHET_WEB_URL": "https://tickets.example.org/",
        "GUICHET_OAUTH_CLIENT_ID": "123456789012345678",
        "GUICHET_OAUTH_CLIENT_SECRET": "client-secret",
        "GUICHET_WEB_SESSION_SECRET": "x" * 40,
    }
    settings = load_settings(env)
    assert isinstance(settings, DashboardSettings)
    assert settings.redirect_uri == "https://tickets.example.org/auth/callback"
    assert settings.authorize_url == "https://discord.com/oauth2/authorize"
    assert settings.secure_cookies and settings.port == 8080 and settings.session_hours == 12
    assert "client-secret" not in repr(settings)
    emulated = load_settings(env | {"GUICHET_DISCORD_API": "http://127.0.0.1:5000/api/v10"})
    assert isinstance(emulated, DashboardSettings)
    assert emulated.authorize_url == "http://127.0.0.1:5000/oauth2/authorize"
