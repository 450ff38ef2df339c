from __future__ import annotations

from dataclasses import replace

from bot.config.specs import PanelKind
from bot.reconcile.diff import FieldChange, diff_messages
from bot.reconcile.panels import Emoji, Field, render_panel
from bot.reconcile.plan import plan_panels
from bot.reconcile.render import render_plan

from . import fixtures


def test_identical_messages_have_no_diff(translate):
    message = render_panel(fixtures.ACME, fixtures.ACME.panels[0], translate)
    assert diff_messages(message, message) == ()


def test_button_changes_are_reported_per_topic(translate):
    old = render_panel(fixtures.ACME, fixtures.ACME.panels[0], translate)
    first, second, third = old.rows[0]
    new = replace(
        old,
        rows=((replace(second, label="Tech", emoji=Emoji("🔧")), first),),
        embed=replace(old.embed, colour=None, image_url="https://example.org/a.png"),
    )
    assert diff_messages(old, new) == (
        FieldChange(Field.EMBED_COLOUR, "#3366FF", None),
        FieldChange(Field.EMBED_IMAGE, None, "https://example.org/a.png"),
        FieldChange(Field.BUTTONS, "billing, tech, other", "tech, billing"),
        FieldChange(Field.BUTTON_LABEL, "Technical problem", "Tech", "tech"),
        FieldChange(Field.BUTTON_EMOJI, "<:gear:123456789012345678>", "🔧", "tech"),
    )
    assert third.topic == "other"


def test_kind_change_is_one_field(translate):
    buttons = render_panel(fixtures.ACME, fixtures.ACME.panels[0], translate)
    select_spec = replace(fixtures.ACME.panels[0], kind=PanelKind.SELECT)
    select = render_panel(fixtures.ACME, select_spec, translate)
    assert diff_messages(buttons, select) == (FieldChange(Field.KIND, "buttons", "select"),)


def test_long_and_multiline_values_are_summarised_by_length(translate):
    old = render_panel(fixtures.ACME, fixtures.ACME.panels[0], translate)
    new = replace(old, embed=replace(old.embed, description="line one\nline two"))
    desired = fixtures.desired(translate)[(1001, "main")]
    record = fixtures.records(translate)[0]
    plan = plan_panels([replace(desired, message=new)], [record])
    text = render_plan(plan, translate, "en-US", previous={(1001, "main"): old})
    assert f"text: changed ({len(old.embed.description)} → 17 characters)" in text
    assert "component type" not in text


def test_kind_change_is_rendered_with_translated_kinds(translate):
    buttons = render_panel(fixtures.ACME, fixtures.ACME.panels[0], translate)
    desired = fixtures.desired(translate)[(1001, "main")]
    select = render_panel(
        fixtures.ACME, replace(fixtures.ACME.panels[0], kind=PanelKind.SELECT), translate
    )
    plan = plan_panels([replace(desired, message=select)], [fixtures.records(translate)[0]])
    previous = {(1001, "main"): buttons}
    assert 'component type: "buttons" → "select menu"' in render_plan(
        plan, translate, "en-US", previous=previous
    )
    assert "type de composant : « boutons » → « menu déroulant »" in render_plan(
        plan, translate, "fr", previous=previous
    )
