"""Environment settings that cannot be used are one line in the admin's language: the
variable (or option) named, its value never shown (it may be a token or a password)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import logs
from bot.cli import main
from bot.settings import Settings, SettingsError


@pytest.fixture(autouse=True)
def _plain_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() is called in this process: a test before that set up JSON logs (``json`` stays
    the format until the next setup) would turn these plain lines into log records."""
    monkeypatch.setattr(logs, "_json_lines", False)


SECRET = "s3cr3t-value"

# (environment, the variable named, English words, French words)
CASES = [
    ({"GUICHET_LOG_LEVEL": SECRET}, "GUICHET_LOG_LEVEL", "must be one of DEBUG", "doit valoir"),
    ({"GUICHET_LOG_FORMAT": SECRET}, "GUICHET_LOG_FORMAT", "must be one of text", "doit valoir"),
    ({"GUICHET_SANDBOX": SECRET}, "GUICHET_SANDBOX", "must be one of 1, true", "doit valoir"),
    ({"GUICHET_DISCORD_API": SECRET}, "GUICHET_DISCORD_API", "an http://", "une URL http://"),
    ({"GUICHET_DISCORD_GATEWAY": SECRET}, "GUICHET_DISCORD_GATEWAY", "a ws://", "une URL ws://"),
    ({"GUICHET_INSTANCE": SECRET + "!"}, "GUICHET_INSTANCE", "letters, digits", "des lettres"),
    (
        {"GUICHET_DRAIN_SECONDS": SECRET},
        "GUICHET_DRAIN_SECONDS",
        "from 0.1 to 3600",
        "de 0,1 à 3600",
    ),
    (
        {"GUICHET_DATABASE_POOL_SIZE": "0"},
        "GUICHET_DATABASE_POOL_SIZE",
        "from 1 to 1000",
        "de 1 à 1000",
    ),
    ({"GUICHET_METRICS_PORT": SECRET}, "GUICHET_METRICS_PORT", "a port number", "numéro de port"),
    (
        {"GUICHET_DATABASE": "mysql://root:" + SECRET + "@db/x"},
        "GUICHET_DATABASE",
        "scheme “mysql”",
        "inconnu « mysql »",
    ),
    (
        {"GUICHET_DATABASE": "postgresql://u:" + SECRET + "@h:port/x"},
        "GUICHET_DATABASE",
        "cannot be parsed",
        "illisible",
    ),
    (
        {"GUICHET_SHARDS": "0,1"},
        "GUICHET_SHARDS / GUICHET_SHARD_COUNT",
        "need a shard count",
        "demandent un nombre",
    ),
    (
        {"GUICHET_SHARDS": "0,4", "GUICHET_SHARD_COUNT": "4"},
        "GUICHET_SHARDS",
        "from 0 to 3",
        "de 0 à 3",
    ),
    (
        {"GUICHET_SHARDS": "0,0", "GUICHET_SHARD_COUNT": "4"},
        "GUICHET_SHARDS",
        "listed twice",
        "deux fois",
    ),
    (
        {"GUICHET_SHARDS": "a", "GUICHET_SHARD_COUNT": "4"},
        "GUICHET_SHARDS",
        "whole numbers",
        "nombres entiers",
    ),
    (
        {"GUICHET_SHARD_COUNT": SECRET},
        "GUICHET_SHARDS / GUICHET_SHARD_COUNT",
        "whole number",
        "nombre entier",
    ),
    (
        {"GUICHET_SHARD_COUNT": "0"},
        "GUICHET_SHARDS / GUICHET_SHARD_COUNT",
        "1 or more",
        "au moins 1",
    ),
    (
        {"GUICHET_TOKEN_FILE": "/nonexistent/" + SECRET},
        "GUICHET_TOKEN_FILE",
        "does not exist",
        "n’existe pas",
    ),
]

ENV_NAMES = {name for env, *_ in CASES for name in env}


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES | {"GUICHET_TOKEN", "LC_ALL", "LC_MESSAGES"}:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("lang", "column"), [("C", 2), ("fr_FR.UTF-8", 3)])
@pytest.mark.parametrize("case", CASES, ids=[next(iter(c[0])) for c in CASES])
def test_a_bad_setting_is_one_line_in_the_admins_language(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: tuple,
    lang: str,
    column: int,
) -> None:
    env, name, words = case[0], case[1], case[column]
    monkeypatch.setenv("LANG", lang)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["db", "status"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    prefix = "Settings error: " if column == 2 else "Erreur de réglage : "
    assert err.startswith(prefix + name), err
    assert words in err, err
    assert SECRET not in err and "Traceback" not in err
    assert "settings-" not in err  # a message id shown means a message missing in that locale


def test_the_bot_and_its_options_say_it_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("GUICHET_LOG_LEVEL", "LOUD")
    assert main(["run"]) == 1
    assert capsys.readouterr().err.startswith("Erreur de réglage : GUICHET_LOG_LEVEL doit valoir")
    monkeypatch.delenv("GUICHET_LOG_LEVEL")
    assert main(["db", "copy", "mysql://x/" + SECRET, str(tmp_path / "t.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur de réglage : SOURCE : schéma"), err
    assert SECRET not in err


def test_the_error_carries_its_message_and_variables_not_english() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"GUICHET_METRICS_PORT": "70000"})
    assert caught.value.msg_id == "settings-port"
    assert caught.value.args_ == {"name": "GUICHET_METRICS_PORT"}
