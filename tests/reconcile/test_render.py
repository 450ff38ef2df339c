from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.i18n import parse_ftl_file
from bot.i18n.ftl import entry_variables
from bot.reconcile.commands import plan_commands
from bot.reconcile.plan import Plan, plan_panels
from bot.reconcile.render import render_plan, render_plan_json, render_unsafe
from bot.reconcile.safety import UnsafePlanError

from . import fixtures

# GUICHET_REGEN_GOLDEN=1 .venv/bin/pytest tests/reconcile  rewrites the golden files.
REGENERATE = os.environ.get("GUICHET_REGEN_GOLDEN") == "1"
LOCALES = Path(__file__).resolve().parents[2] / "locales"
COMMANDS = [{"name": "ticket", "type": 1, "description": "Open a ticket"}]


def fixture_plan(translate) -> Plan:
    return plan_panels(
        fixtures.desired(translate).values(),
        fixtures.records(translate),
        missing=fixtures.MISSING,
    )


def fixture_commands():
    synced = plan_commands("1002", COMMANDS, None).record
    return [plan_commands("global", COMMANDS, None), plan_commands("1002", COMMANDS, synced)]


def compare_golden(path: Path, text: str) -> None:
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} missing: run with GUICHET_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if intended, regenerate with GUICHET_REGEN_GOLDEN=1 and review"
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_human_plan_matches_golden(translate, golden_dir, locale):
    text = render_plan(
        fixture_plan(translate),
        translate,
        locale,
        commands=fixture_commands(),
        previous=fixtures.previous(translate),
        server_names={1001: "acme", 1002: "bistro"},
        show_unchanged=True,
    )
    compare_golden(golden_dir / f"plan.{locale}.txt", text)


def test_json_plan_matches_golden(translate, golden_dir):
    text = render_plan_json(
        fixture_plan(translate), commands=fixture_commands(), previous=fixtures.previous(translate)
    )
    compare_golden(golden_dir / "plan.json", text)


def test_json_plan_has_stable_keys_and_string_ids(translate):
    data = json.loads(render_plan_json(fixture_plan(translate)))
    assert set(data) == {"format", "summary", "panels", "commands"}
    assert data["summary"] == {"create": 4, "update": 1, "delete": 2, "unchanged": 1}
    keys = {"action", "guild_id", "panel_id", "reason", "desired", "current", "fields"}
    assert all(set(p) == keys for p in data["panels"])
    assert all(isinstance(p["guild_id"], str) for p in data["panels"])
    update = next(p for p in data["panels"] if p["action"] == "update")
    assert update["fields"] is None  # no previous rendering given
    assert update["current"]["message_id"] == "5002"


def test_human_plan_hides_unchanged_by_default_and_shows_field_diffs(translate):
    text = render_plan(
        fixture_plan(translate), translate, "en-US", previous=fixtures.previous(translate)
    )
    assert "= main" not in text
    assert "~ faq: update message 5002 in channel 2002 (content changed)" in text
    assert 'title: "Help desk" → "Questions"' in text
    assert 'colour: removed "#112233"' in text
    assert "! title: cut to 256 characters (was 305)" in text
    assert text.rstrip().endswith("4 to create, 1 to update, 2 to delete, 1 unchanged.")


def test_update_without_previous_shows_hashes(translate):
    plan = fixture_plan(translate)
    text = render_plan(plan, translate, "en-US")
    update = next(c for c in plan.changes if c.action == "update")
    assert update.current is not None and update.desired is not None
    assert (
        f"content hash {update.current.content_hash[:12]} → "
        f"{update.desired.message.content_hash[:12]}"
    ) in text


def test_empty_plan_says_no_changes(translate):
    text = render_plan(Plan(), translate, "fr")
    assert "Aucun changement" in text


def test_unsafe_message_in_both_locales(translate):
    error = UnsafePlanError(5, 8, 0.5)
    assert "deletes 5 of 8 panels, more than 50%" in render_unsafe(error, translate, "en-US")
    assert "supprime 5 panneaux sur 8" in render_unsafe(error, translate, "fr")


def test_plan_ftl_has_same_ids_and_variables_in_both_locales():
    english = entry_variables(parse_ftl_file(LOCALES / "en-US" / "plan.ftl").resource)
    french = entry_variables(parse_ftl_file(LOCALES / "fr" / "plan.ftl").resource)
    assert english == french
    assert not parse_ftl_file(LOCALES / "fr" / "plan.ftl").diagnostics


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_every_failure_a_write_can_meet_has_its_own_words(locale):
    """A call Discord never answered read "Discord refused the request" (it may have done it);
    the CLI's and /guichet reload's tables both name each failure a port reports on a write."""
    from bot.discord_app.reload_report import PORT_ERROR_TEXT
    from bot.domain.port_errors import PortErrorKind
    from bot.i18n import Catalog
    from bot.reconcile.render import ERROR_TEXT, OTHER_ERROR

    translate = Catalog.load(fixtures.LOCALES, strict=True).translate

    write_failures = {
        PortErrorKind.MISSING_PERMISSIONS,
        PortErrorKind.MISSING_ACCESS,
        PortErrorKind.UNKNOWN_CHANNEL,
        PortErrorKind.UNKNOWN_MESSAGE,
        PortErrorKind.SERVER_ERROR,
        PortErrorKind.RATE_LIMITED,
        PortErrorKind.TIMEOUT,
    }
    tables = ((ERROR_TEXT, OTHER_ERROR), (PORT_ERROR_TEXT, PORT_ERROR_TEXT[PortErrorKind.OTHER]))
    for table, other in tables:
        words = {kind: translate(table[kind], locale) for kind in write_failures}
        assert translate(other, locale) not in words.values()
        assert len(set(words.values())) == len(write_failures)
