from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.domain.records import CommandSyncRecord, PanelRecord
from bot.reconcile.commands import plan_commands
from bot.reconcile.plan import ChangeAction, DesiredPanel, ReasonCode, plan_panels
from bot.reconcile.safety import UnsafePlanError, check_safety, counted_deletes

from . import fixtures

A = ChangeAction


@pytest.fixture
def desired(translate) -> dict[tuple[int, str], DesiredPanel]:
    return fixtures.desired(translate)


def record_for(want: DesiredPanel, message_id: int = 1, **changes) -> PanelRecord:
    record = PanelRecord(
        want.guild_id, want.panel_id, want.channel_id, message_id, want.message.content_hash
    )
    return replace(record, **changes)


def only(plan, panel_id):
    return [c for c in plan.changes if c.panel_id == panel_id]


def test_new_panel_is_created(desired):
    want = desired[(1001, "main")]
    (change,) = plan_panels([want], []).changes
    assert (change.action, change.reason.code) == (A.CREATE, ReasonCode.NEW_PANEL)
    assert change.desired is want
    assert change.current is None


def test_same_hash_is_unchanged(desired):
    want = desired[(1001, "main")]
    plan = plan_panels([want], [record_for(want)])
    assert [c.action for c in plan.changes] == [A.UNCHANGED]
    assert not plan.has_writes


def test_changed_hash_is_an_update_in_place(desired):
    want = desired[(1001, "main")]
    record = record_for(want, 77, content_hash="f" * 64)
    (change,) = plan_panels([want], [record]).changes
    assert (change.action, change.reason.code) == (A.UPDATE, ReasonCode.CONTENT_CHANGED)
    assert change.current is record
    assert change.current.message_id == 77


def test_panel_removed_from_config_deletes_only_the_recorded_message(desired):
    record = PanelRecord(1001, "gone", 2001, 55, "a" * 64)
    (change,) = plan_panels([], [record]).changes
    assert (change.action, change.reason.code) == (A.DELETE, ReasonCode.REMOVED_FROM_CONFIG)
    assert change.current is record
    assert change.desired is None


def test_channel_change_creates_in_new_channel_then_deletes_old(desired):
    want = desired[(1001, "main")]
    record = record_for(want, 9, channel_id=1234)
    create, delete = plan_panels([want], [record]).changes
    assert (create.action, delete.action) == (A.CREATE, A.DELETE)
    assert create.reason.code is ReasonCode.CHANNEL_CHANGED
    assert create.reason.arguments() == {"old": "1234", "new": "2001"}
    assert create.desired is want
    assert delete.current is record
    assert create.is_move and delete.is_move


def test_missing_in_discord_is_recreated_with_refresh_only(desired):
    want = desired[(1001, "main")]
    record = record_for(want, 42)
    assert plan_panels([want], [record]).changes[0].action is A.UNCHANGED
    (change,) = plan_panels([want], [record], missing={42}).changes
    assert (change.action, change.reason.code) == (A.CREATE, ReasonCode.MISSING_IN_DISCORD)
    assert change.reason.arguments() == {"message": "42"}
    assert change.current is record


def test_missing_message_of_a_moved_panel_is_just_recreated(desired):
    want = desired[(1001, "main")]
    record = record_for(want, 42, channel_id=1)
    (change,) = plan_panels([want], [record], missing={42}).changes
    assert change.action is A.CREATE
    assert change.desired is want


def test_duplicate_desired_panel_is_refused(desired):
    want = desired[(1001, "main")]
    with pytest.raises(ValueError, match="duplicate"):
        plan_panels([want, want], [])


def test_order_is_guild_then_action_then_panel_id(translate):
    plan = plan_panels(
        fixtures.desired(translate).values(),
        fixtures.records(translate),
        missing=fixtures.MISSING,
    )
    assert [(c.guild_id, c.action, c.panel_id) for c in plan.changes] == [
        (1001, A.CREATE, "long"),
        (1001, A.CREATE, "new-one"),
        (1001, A.UPDATE, "faq"),
        (1001, A.DELETE, "legacy"),
        (1001, A.UNCHANGED, "main"),
        (1002, A.CREATE, "accueil"),
        (1002, A.CREATE, "menu"),
        (1002, A.DELETE, "accueil"),
    ]


def test_order_does_not_depend_on_input_order(translate):
    desired = list(fixtures.desired(translate).values())
    records = fixtures.records(translate)
    expected = plan_panels(desired, records, missing=fixtures.MISSING)
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(desired)
        rng.shuffle(records)
        assert plan_panels(desired, records, missing=fixtures.MISSING) == expected


# --- safety ------------------------------------------------------------------------------


def deleting_plan(deletes: int, keeps: int):
    records = [PanelRecord(1, f"p{i}", 10, i + 1, "h" * 64) for i in range(deletes + keeps)]
    return plan_panels([], records[:deletes]), len(records)


@pytest.mark.parametrize(("deletes", "keeps"), [(3, 3), (2, 2), (1, 9)])
def test_safety_allows_deleting_up_to_half(deletes, keeps):
    plan, existing = deleting_plan(deletes, keeps)
    check_safety(plan, existing)


def test_safety_refuses_deleting_more_than_half_and_reports_counts():
    plan, existing = deleting_plan(4, 3)
    with pytest.raises(UnsafePlanError) as info:
        check_safety(plan, existing)
    assert (info.value.deletes, info.value.existing) == (4, 7)
    check_safety(plan, existing, force=True)


def test_safety_is_off_for_small_sets_and_tunable():
    plan, existing = deleting_plan(3, 0)
    check_safety(plan, existing)  # 3 existing < min_existing 4
    with pytest.raises(UnsafePlanError):
        check_safety(plan, existing, min_existing=3)
    plan, existing = deleting_plan(2, 8)
    with pytest.raises(UnsafePlanError):
        check_safety(plan, existing, max_delete_ratio=0.1)


def test_channel_moves_do_not_count_as_deletes(desired):
    wants = [replace(desired[(1001, "main")], panel_id=f"p{i}") for i in range(5)]
    records = [record_for(w, i, channel_id=1) for i, w in enumerate(wants)]
    plan = plan_panels(wants, records)
    assert plan.count(A.DELETE) == 5
    assert counted_deletes(plan) == 0
    check_safety(plan, 5)


# --- slash commands ----------------------------------------------------------------------

PAYLOAD = [
    {"name": "ticket", "type": 1, "description": "Open", "options": [{"name": "a"}, {"name": "b"}]},
    {"name": "close", "type": 1, "description": "Close"},
]


def test_commands_first_sync_then_unchanged_then_update():
    first = plan_commands("global", PAYLOAD, None)
    assert (first.action, first.reason.code) == (A.CREATE, ReasonCode.COMMANDS_NEW)
    stored = first.record
    assert stored == CommandSyncRecord("global", first.payload_hash)
    again = plan_commands("global", PAYLOAD, stored)
    assert again.action is A.UNCHANGED
    changed = [{**PAYLOAD[0], "description": "Ouvrir"}, PAYLOAD[1]]
    update = plan_commands("global", changed, stored)
    assert (update.action, update.previous_hash) == (A.UPDATE, stored.payload_hash)
    assert update.payload_hash != stored.payload_hash


def test_command_hash_ignores_key_and_command_order_but_not_option_order():
    stored = plan_commands("1001", PAYLOAD, None).record
    shuffled = [
        {"type": 1, "description": "Close", "name": "close"},
        {"options": PAYLOAD[0]["options"], "description": "Open", "type": 1, "name": "ticket"},
    ]
    assert plan_commands("1001", shuffled, stored).action is A.UNCHANGED
    options_swapped = [{**PAYLOAD[0], "options": [{"name": "b"}, {"name": "a"}]}, PAYLOAD[1]]
    assert plan_commands("1001", options_swapped, stored).action is A.UPDATE
