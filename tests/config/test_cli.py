"""``guichet validate | schema | new-server``: exit codes, output, no tracebacks."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import SCHEMA_PATH, load_servers
from bot.i18n import Catalog

from .conftest import BASE, REPO, variant


def test_validate_valid_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == "1 server file is valid.\n"
    assert err == ""


def test_validate_inside_a_program_leaves_its_garbage_collector_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate pauses the collector while it reads: a caller's process gets it back.
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    assert gc.isenabled()
    assert main(["validate"]) == 0
    assert gc.isenabled()
    (project / "servers" / "srv.yaml").write_text("guild: [", encoding="utf-8")
    assert main(["validate"]) == 1
    assert gc.isenabled()
    capsys.readouterr()


def test_validate_prints_warnings_and_succeeds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "servers" / "srv.yaml").write_text(
        variant(l10="        label: only-in-fr"), encoding="utf-8"
    )
    assert main(["validate", "servers/srv.yaml"]) == 0
    out, err = capsys.readouterr()
    assert out == "1 server file is valid, with 1 warning.\n"
    assert err.startswith("warning: servers/srv.yaml:10:16: systems.help.topics.general.label:")


def test_validate_invalid_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "servers" / "srv.yaml").write_text(
        variant(l1="guild: 42", l6="    style: chanel"), encoding="utf-8"
    )
    (project / "servers" / "ok.yaml").write_text(
        variant(l1="guild: 123456789012345670"), encoding="utf-8"
    )
    assert main(["validate", "servers"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    snowflake = "an integer or a string of 17 to 20 digits"
    style = 'must be one of "channel", "thread" (got "chanel")'
    fluent = 'Fluent message "{}" not found for locale fr (locales/fr/servers/ok.ftl)'
    assert err.splitlines() == [
        "servers/ok.yaml:10:16: systems.help.topics.general.label: "
        + fluent.format("topic-general"),
        "servers/ok.yaml:15:12: panels.main.title: " + fluent.format("panel-title"),
        "servers/ok.yaml:16:11: panels.main.text: " + fluent.format("panel-text"),
        f"servers/srv.yaml:1:8: guild: must be a Discord id: {snowflake} (got 42)",
        f"servers/srv.yaml:6:12: systems.help.style: {style}",
        "5 errors in 2 files (of 2 checked).",
    ]
    assert "Traceback" not in err


def test_validate_speaks_french(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 fichier de serveur est valide.\n"


def test_validate_with_broken_locales(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    broken = project / "locales" / "fr" / "servers" / "broken.ftl"
    broken.write_text("oops = { $\n", encoding="utf-8")
    assert main(["validate", "--locales", "locales"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "The translations in locales cannot be loaded; fix them first."
    assert "locales/fr/servers/broken.ftl:1:" in err
    assert "Traceback" not in err


def test_validate_names_files_it_does_not_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An admin's folder holds servers' texts; bot messages or an unshipped locale are unused."""
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    (project / "locales" / "fr" / "mine.ftl").write_text("oops = { $\n", encoding="utf-8")
    (project / "locales" / "de" / "servers").mkdir(parents=True)
    assert main(["validate"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        (
            "warning: locales/de/: Guichet has no messages in de (it ships en-US, fr),"
            " so members never see these texts."
        ),
        (
            "warning: locales/fr/: mine.ftl not read: Guichet's own messages come with it."
            " A server's texts go in locales/fr/servers/."
        ),
    ]


@pytest.mark.parametrize(
    "argv", [[], ["frobnicate"], ["validate", "--bogus"], ["new-server", "x", "--locale", "fr"]]
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: guichet" in capsys.readouterr().err


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(printed["required"]) == {"guild", "locale", "staff_roles", "systems"}


def test_new_server_scaffold_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new-server", "shop", "--guild", "123456789012345678", "--locale", "fr"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Created servers/shop.yaml" in out
    server = project / "servers" / "shop.yaml"
    text = server.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/server.schema.json\n")
    assert text.count("REPLACE") == 5
    for locale in ("en-US", "fr"):
        assert (project / "locales" / locale / "servers" / "shop.ftl").is_file()

    result = load_servers([server], Catalog.load(project / "locales"))
    assert result.errors == () and result.warnings == ()
    (spec,) = result.servers
    assert (spec.guild, spec.locale, spec.systems[0].style.value) == (
        123456789012345678,
        "fr",
        "channel",
    )
    assert [p.system for p in spec.panels] == ["support"]

    assert main(["validate", "servers/shop.yaml"]) == 0


def test_new_server_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ftl = project / "locales" / "en-US" / "servers" / "shop.ftl"
    ftl.write_text("mine = Mine\n", encoding="utf-8")
    argv = ["new-server", "shop", "--guild", "123456789012345678", "--locale", "fr"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err == "locales/en-US/servers/shop.ftl already exists; nothing was written.\n"
    assert ftl.read_text(encoding="utf-8") == "mine = Mine\n"
    assert not (project / "servers" / "shop.yaml").exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["new-server", "Shop!", "--guild", "123456789012345678", "--locale", "fr"], "cannot name"),
        (["new-server", "shop", "--guild", "12", "--locale", "fr"], "is not a Discord id"),
        (
            ["new-server", "shop", "--guild", "123456789012345678", "--locale", "de"],
            '"de" is not a shipped locale (available: en-US, fr).\n',
        ),
    ],
)
def test_new_server_rejects_bad_arguments(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Fluent errors" not in err and "formatting" not in err
    assert list((project / "servers").iterdir()) == []


def test_console_script_validates_the_repository() -> None:
    script = Path(sys.executable).parent / "guichet"
    done = subprocess.run(
        [str(script), "validate", "servers"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"},
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "1 server file is valid.\n"


def _modeline_target(server: Path) -> Path:
    first = server.read_text(encoding="utf-8").splitlines()[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    return (server.parent / relative).resolve()


@pytest.mark.parametrize("servers", ["servers", "config/guilds"])
def test_new_server_writes_the_schema_its_modeline_points_at(
    project: Path, capsys: pytest.CaptureFixture[str], servers: str
) -> None:
    argv = ["new-server", "shop", "--guild", "123456789012345678", "--locale", "fr"]
    assert main([*argv, "--servers", servers]) == 0
    target = _modeline_target(project / servers / "shop.yaml")
    assert target.is_file()
    assert target.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")
    assert target == (project / servers).parent.resolve() / "schemas" / "server.schema.json"
    assert f"Wrote {Path(servers).parent / 'schemas' / 'server.schema.json'}" in (
        capsys.readouterr().out
    )


def test_schema_write_keeps_the_copy_current(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    copy = project / "schemas" / "server.schema.json"
    assert main(["schema", "--write"]) == 0
    assert (
        capsys.readouterr().out
        == "Wrote schemas/server.schema.json (editors complete and check server files from it).\n"
    )
    assert main(["schema", "--write"]) == 0
    assert capsys.readouterr().out == "schemas/server.schema.json is up to date.\n"

    copy.write_text('{"title": "an older schema"}', encoding="utf-8")  # Guichet was upgraded
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == (
        "warning: schemas/server.schema.json is not this Guichet's schema (written by another"
        " version?): run guichet schema --write to update it.\n"
    )
    assert main(["schema", "--write"]) == 0
    assert copy.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")
    assert main(["schema", "--write", "elsewhere/s.json"]) == 0
    assert (project / "elsewhere" / "s.json").is_file()
