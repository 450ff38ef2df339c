"""The written modeline works in an editor: yaml-language-server (the engine of VS Code's YAML
extension and of most editors' YAML support) finds the schema ``guichet new-server`` wrote,
shows titles and descriptions on hover, completes keys with valid values, and words errors
without a raw regex. Needs the server: ``npm install yaml-language-server`` (CI does)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from tests.needs import skip_needs
from tests.packaging.lsp import LanguageServer


def _server_command() -> list[str]:
    found = os.environ.get("GUICHET_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    if not found:
        skip_needs(
            "yaml-language-server",
            "npm install yaml-language-server, then set GUICHET_YAML_LANGUAGE_SERVER to its path",
        )
    return [str(found), "--stdio"]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LanguageServer:
    command = _server_command()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    assert main(["new-server", "shop", "--guild", "123456789012345678", "--locale", "fr"]) == 0
    server = LanguageServer(command, tmp_path)
    yield server
    server.close()


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines()) if needle in line)


def test_the_editor_uses_the_schema_new_server_wrote(
    editor: LanguageServer, tmp_path: Path
) -> None:
    path = tmp_path / "servers" / "shop.yaml"
    text = path.read_text(encoding="utf-8")
    uri = editor.open(path)

    hover = editor.hover(uri, _line_of(text, "guild:"), 1)
    assert hover.startswith("#### Discord server id")
    assert "snowflake" not in hover and "||" not in hover
    assert "123456789012345678" in hover  # the example, not rounded by JavaScript
    style = editor.hover(uri, _line_of(text, "style:"), 5)
    assert style.startswith("#### Ticket style") and "schemas/server.schema.json" in style

    # A new key in the system: every option offered, numbers with a valid value.
    line = _line_of(text, "style:")
    lines = text.splitlines()
    lines.insert(line + 1, "    ")
    editor.open(path, "\n".join(lines) + "\n")
    items = {i["label"]: i for i in editor.completion(uri, line + 1, 4)}
    assert {"approval", "cooldown", "max_open_per_member", "on_close"} <= items.keys()
    assert items["max_open_per_member"]["insertText"] == "max_open_per_member: ${1:3}"

    # Errors read as words, never as the regex behind them.
    broken = text.replace("guild: 123456789012345678", 'guild: "12"')
    editor.open(path, broken)
    messages = [d["message"] for d in editor.wait_diagnostics(uri)]
    assert "A Discord id is 17 to 20 digits (Developer Mode → right click → Copy ID)." in messages
    assert not any("^[0-9]" in m for m in messages)


def test_question_snippets_are_valid(editor: LanguageServer, tmp_path: Path) -> None:
    path = tmp_path / "servers" / "shop.yaml"
    question = "          - id: order\n            label: q-order\n            \n"
    text = path.read_text(encoding="utf-8").replace(
        "        welcome: topic-general-welcome\n",
        "        welcome: topic-general-welcome\n        questions:\n" + question,
    )
    uri = editor.open(path, text)
    line = _line_of(text, "label: q-order") + 1
    items = {i["label"]: i for i in editor.completion(uri, line, 12)}
    # Without examples, editors offered max_length: 0 (invalid); now no number is made up...
    assert items["max_length"]["insertText"] == "max_length: "
    # ...and the values offered are valid ones.
    lines = text.splitlines()
    lines[line] = "            max_length: "
    editor.open(path, "\n".join(lines) + "\n")
    values = [i["label"] for i in editor.completion(uri, line, len(lines[line]))]
    assert "4000" in values and "0" not in values
