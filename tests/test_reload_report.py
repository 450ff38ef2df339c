"""/guichet reload answers staff about their own server only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.config.diagnostics import Diagnostic
from bot.config.specs import PanelSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.discord_app.reload_report import reload_report
from bot.domain.port_errors import PortErrorKind
from bot.domain.records import PanelRecord
from bot.i18n import Catalog
from bot.i18n.ids import message_id
from bot.reconcile.apply import ApplyReport, ChangeResult, Outcome
from bot.reconcile.plan import Change, ChangeAction, Plan, Reason, ReasonCode
from bot.reconcile.sync import PanelSync
from bot.runtime import Runtime

REPO = Path(__file__).resolve().parents[1]
CONFIG_UNKNOWN = message_id("config-unknown-system")
SYSTEM = SystemSpec(id="s", style=Style.CHANNEL, topics=(TopicSpec("t", "topic-other"),))


def server(name: str, guild: int) -> ServerSpec:
    panel = PanelSpec(id=f"{name}-panel", channel=guild + 1, system="s", title="x", text="y")
    return ServerSpec(
        name=name,
        source=Path("servers") / f"{name}.yaml",
        guild=guild,
        locale="en-US",
        systems=(SYSTEM,),
        panels=(panel,),
    )


def failed(guild: int, panel: str) -> ChangeResult:
    record = PanelRecord(guild, panel, guild + 1, 5, "h")
    change = Change(ChangeAction.UPDATE, guild, panel, Reason.of(ReasonCode.CONTENT_CHANGED))
    change = replace(change, current=record)
    return ChangeResult(change, Outcome.FAILED, PortErrorKind.MISSING_PERMISSIONS)


def test_staff_see_only_their_server():
    catalog = Catalog.load(REPO / "locales", strict=True)
    acme, bistro = server("acme", 100000000000000000), server("bistro", 200000000000000000)
    runtime = Runtime(
        catalog,
        (acme, bistro),
        errors=(
            Diagnostic.at(
                acme.source, (3, 5), "panels.p.system", CONFIG_UNKNOWN, system="x", known="s"
            ),
            Diagnostic.at(
                bistro.source,
                (9, 1),
                "panels.secret-path-of-bistro",
                CONFIG_UNKNOWN,
                system="y",
                known="s",
            ),
        ),
    )
    results = (failed(acme.guild, "acme-panel"), failed(bistro.guild, "bistro-panel"))
    sync = PanelSync(Plan(tuple(r.change for r in results)), report=ApplyReport(results))

    text = reload_report(runtime, sync, "en-US", acme.guild, servers_dir=Path("servers"))
    assert "acme-panel" in text and "`acme.yaml:3:5" in text
    assert "unknown system x" in text
    assert "bistro" not in text
    assert text.startswith("Configuration reloaded: one server, one panel changed.")
    # The staff member reads the file errors in their own language.
    french = reload_report(runtime, sync, "fr", acme.guild, servers_dir=Path("servers"))
    assert "`acme.yaml:3:5" in french and "unknown system" not in french

    everything = reload_report(runtime, sync, "en-US")
    assert "bistro-panel" in everything and "secret-path-of-bistro" in everything


def test_a_file_that_never_loaded_is_still_its_servers_and_ftl_paths_are_relative(tmp_path):
    """A server whose file failed from the start has no spec: its problems are found by the
    guild the file names; its .ftl problems by the file's name; nothing shows a host path."""
    from bot.i18n.ftl import FtlDiagnostic

    catalog = Catalog.load(REPO / "locales", strict=True)
    servers, locales = tmp_path / "servers", tmp_path / "locales"
    broken = servers / "acme.yaml"
    runtime = Runtime(
        catalog,
        (),
        errors=(
            Diagnostic.at(broken, (2, 1), "", CONFIG_UNKNOWN, system="x", known="s"),
            FtlDiagnostic(locales / "fr" / "servers" / "acme.ftl", 4, 1, "E0003 Expected token"),
            FtlDiagnostic(locales / "fr" / "servers" / "bistro.ftl", 1, 1, "E0003 secret"),
        ),
        file_guilds={broken: 100000000000000000, servers / "bistro.yaml": 200000000000000000},
    )
    text = reload_report(
        runtime,
        PanelSync(Plan(())),
        "en-US",
        100000000000000000,
        servers_dir=servers,
        locales_dir=locales,
    )
    assert "`acme.yaml:2:1" in text and "`fr/servers/acme.ftl:4:1" in text
    assert "bistro" not in text and "secret" not in text and str(tmp_path) not in text
