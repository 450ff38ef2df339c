"""The built wheel, installed non-editable in a fresh venv, works from any folder.

All tests here share one build and one environment (the ``installed`` fixture, built once
per run even when xdist spreads these tests over several workers).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.packaging.conftest import Installed

pytestmark = pytest.mark.install

BOT_FILES = {"admin.ftl", "cli.ftl", "commands.ftl", "common.ftl", "tickets.ftl", "staff.ftl"}


def test_the_wheel_carries_every_runtime_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for locale in ("en-US", "fr"):
        assert {f"bot/_bundled/locales/{locale}/{name}" for name in BOT_FILES} <= names
    assert "bot/_bundled/schemas/server.schema.json" in names
    assert "bot/storage/migrations/V001__initial.sql" in names
    assert "bot/transcripts/templates/transcript.html.j2" in names
    # The example server's texts are an admin's, and the build hook is not code to run.
    assert not [n for n in names if "/servers/" in n or n == "bot/_build.py"]


def test_the_sdist_carries_the_top_level_folders(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"locales/en-US/cli.ftl", "locales/fr/cli.ftl", "schemas/server.schema.json"} <= names
    assert "bot/_build.py" in names  # the wheel is built from the sdist with it


def test_the_installed_package_is_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    python = installed.venv / "bin" / "python"
    probe = "import bot.resources as r; print(r.BOT_LOCALES); print(r.SCHEMA_FILE)"
    done = subprocess.run(
        [str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    locales, schema = map(Path, done.stdout.splitlines())
    assert locales.is_relative_to(installed.venv) and schema.is_relative_to(installed.venv)


def test_help_is_localized(installed: Installed, tmp_path: Path) -> None:
    english = installed.run("--help", cwd=tmp_path)
    french = installed.run("--help", cwd=tmp_path, env={"LANG": "fr_FR.UTF-8"})
    assert english.returncode == french.returncode == 0, english.stderr + french.stderr
    assert "Guichet: a configuration-as-code Discord ticket bot." in english.stdout
    assert "Guichet : un bot Discord de tickets configuré par fichiers." in french.stdout
    # No raw message id (cli-..., run-...) where a text should be.
    assert "cli-" not in english.stdout + french.stdout
    assert "run-" not in english.stdout + french.stdout


def test_new_server_then_validate_in_an_empty_folder(installed: Installed, tmp_path: Path) -> None:
    created = installed.run(
        "new-server", "shop", "--guild", "123456789012345678", "--locale", "fr", cwd=tmp_path
    )
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "servers" / "shop.yaml").is_file()
    assert (tmp_path / "locales" / "fr" / "servers" / "shop.ftl").is_file()
    # The modeline points at a schema copy written beside servers/, for the editor.
    modeline = (tmp_path / "servers" / "shop.yaml").read_text().splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=../schemas/server.schema.json"
    copied = json.loads((tmp_path / "schemas" / "server.schema.json").read_text())
    assert copied["title"] == "Guichet server file"
    checked = installed.run("validate", cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "1 server file is valid.\n"), checked.stderr
    assert checked.stderr == ""

    # And it still finds problems: a typo in the file is reported with its line.
    server = tmp_path / "servers" / "shop.yaml"
    server.write_text(server.read_text().replace("style: channel", "style: chanel"))
    broken = installed.run("validate", cwd=tmp_path)
    assert broken.returncode == 1
    assert "servers/shop.yaml:" in broken.stderr and "chanel" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_schema_prints_the_bundled_schema(installed: Installed, tmp_path: Path) -> None:
    shown = installed.run("schema", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
