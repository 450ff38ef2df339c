"""The token comes from the environment and never reaches a log line."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from bot.logs import JsonFormatter, RedactFilter, setup_logging
from bot.settings import Secret, Settings, SettingsError

TOKEN = "MTIz.fake.token-value"


def test_token_from_environment_or_file(tmp_path: Path):
    assert Settings.from_env({"GUICHET_TOKEN": TOKEN}).token == Secret(TOKEN)
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    settings = Settings.from_env({"GUICHET_TOKEN_FILE": str(path)})
    assert settings.token is not None and settings.token.reveal() == TOKEN
    assert Settings.from_env({}).token is None


def test_unreadable_token_file_names_the_variable_not_the_value(tmp_path: Path):
    with pytest.raises(SettingsError, match="GUICHET_TOKEN_FILE"):
        Settings.from_env({"GUICHET_TOKEN_FILE": str(tmp_path / "missing")})
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SettingsError, match="empty"):
        Settings.from_env({"GUICHET_TOKEN_FILE": str(empty)})


def test_secret_is_masked_in_repr_str_and_dataclass_repr():
    settings = Settings.from_env({"GUICHET_TOKEN": TOKEN})
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.token)
    assert TOKEN not in f"{settings.token}"


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_root_logger")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_lines_never_carry_the_token(fmt: str, monkeypatch: pytest.MonkeyPatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    setup_logging("DEBUG", fmt, [TOKEN])
    log = logging.getLogger("guichet.test")
    log.info("Authorization: Bot %s", TOKEN, extra={"header": f"Bot {TOKEN}", "ticket_id": 7})
    preformatted = "login failed with " + TOKEN  # as some libraries log
    log.warning(preformatted)
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("********") == 3
    assert "ticket_id" in output and "7" in output  # extras stay visible in both formats
    if fmt == "json":
        lines = [json.loads(line) for line in output.splitlines()]
        assert lines[0]["level"] == "info"


def test_redact_filter_leaves_other_records_alone():
    record = logging.makeLogRecord({"msg": "ticket %s opened", "args": (12,)})
    assert RedactFilter([TOKEN]).filter(record)
    assert record.getMessage() == "ticket 12 opened"
    assert JsonFormatter().format(record)


def test_bad_log_settings_name_the_variable():
    with pytest.raises(SettingsError, match="GUICHET_LOG_LEVEL"):
        Settings.from_env({"GUICHET_LOG_LEVEL": "LOUD"})
    with pytest.raises(SettingsError, match="GUICHET_LOG_FORMAT"):
        Settings.from_env({"GUICHET_LOG_FORMAT": "xml"})


def test_sandbox_and_discord_keep_separate_default_databases(tmp_path: Path):
    settings = Settings.from_env({})
    assert settings.database_for(sandbox=True) != settings.database_for(sandbox=False)
    chosen = Settings.from_env({"GUICHET_DATABASE": str(tmp_path / "g.db")})
    assert chosen.database_for(sandbox=True) == chosen.database_for(sandbox=False)


def test_discord_endpoints_are_urls_of_the_right_kind(tmp_path: Path):
    settings = Settings.from_env(
        {
            "GUICHET_DISCORD_API": "http://127.0.0.1:8765/api/v10/",
            "GUICHET_DISCORD_GATEWAY": "ws://127.0.0.1:8765/",
        }
    )
    assert settings.discord_api == "http://127.0.0.1:8765/api/v10"
    assert settings.discord_gateway == "ws://127.0.0.1:8765/"
    # Another Discord than Discord's: its records stay apart from the real bot's by default.
    assert settings.database_for(sandbox=False) != Settings.from_env({}).database_for(sandbox=False)
    with pytest.raises(SettingsError, match=r"settings-url-http.*GUICHET_DISCORD_API"):
        Settings.from_env({"GUICHET_DISCORD_API": "ws://127.0.0.1:8765/"})
    with pytest.raises(SettingsError, match=r"settings-url-ws.*GUICHET_DISCORD_GATEWAY"):
        Settings.from_env({"GUICHET_DISCORD_GATEWAY": "127.0.0.1:8765"})
    # A REST proxy in front of Discord: the API alone, Discord's Gateway and the usual database.
    proxied = Settings.from_env({"GUICHET_DISCORD_API": "https://proxy.internal/api/v10"})
    assert proxied.discord_gateway is None
    assert proxied.database_for(sandbox=False) == Settings.from_env({}).database_for(sandbox=False)


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("Yes", True), ("0", False)])
def test_guichet_sandbox_is_a_flag(value: str, expected: bool):
    assert Settings.from_env({"GUICHET_SANDBOX": value}).sandbox is expected
    assert Settings.from_env({}).sandbox is False
    with pytest.raises(SettingsError, match="GUICHET_SANDBOX"):
        Settings.from_env({"GUICHET_SANDBOX": "maybe"})


def test_processes_on_different_shards_run_in_different_slots():
    # Two processes sharing one database, each with its own shards: neither may supersede the
    # other's slot (each start bumps its slot's epoch), while a standby for the same shards
    # takes over the same slot and recovers what the dead process left.
    whole = Settings.from_env({})
    first = Settings.from_env({"GUICHET_SHARDS": "0,1", "GUICHET_SHARD_COUNT": "4"})
    second = Settings.from_env({"GUICHET_SHARDS": "2,3", "GUICHET_SHARD_COUNT": "4"})
    standby = Settings.from_env({"GUICHET_SHARDS": "1,0", "GUICHET_SHARD_COUNT": "4"})
    assert whole.slot == "main"
    assert len({whole.slot, first.slot, second.slot}) == 3
    assert standby.slot == first.slot
    named = Settings.from_env({"GUICHET_INSTANCE": "eu", "GUICHET_SHARD_COUNT": "4"})
    assert named.slot.startswith("eu.") and named.slot != first.slot
