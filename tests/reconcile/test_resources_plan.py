"""The resource planner alone (pure): dependency order, ownership, role safety, renames."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.config.permission_names import PERMISSIONS
from bot.config.resource_specs import ResourceKind
from bot.domain.resource_records import Origin, ResourceRecord
from bot.reconcile.resources.changes import Caution, ResourceAction, Why
from bot.reconcile.resources.plan import plan_resources
from bot.reconcile.resources.state import DesiredResource, ObservedGuild

GUILD = 1000
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
VIEW, SEND, BAN = (PERMISSIONS[n] for n in ("view_channel", "send_messages", "ban_members"))
ADMIN = PERMISSIONS["administrator"]


def role(key: str = "staff", permissions: int = VIEW, **more: object) -> DesiredResource:
    state = {"name": key.title(), "permissions": permissions, "color": 0, "hoist": False}
    state["mentionable"] = False
    return DesiredResource(GUILD, key, ResourceKind.ROLE, state, **more)  # type: ignore[arg-type]


def channel(
    key: str = "log", name: str = "log", overwrites: list | None = None, **more: object
) -> DesiredResource:
    state = {"name": name, "overwrites": overwrites or [], "parent": None, "topic": None}
    return DesiredResource(GUILD, key, ResourceKind.CHANNEL, state, **more)  # type: ignore[arg-type]


def record(
    d: DesiredResource, discord_id: int, origin: Origin = Origin.CREATED, **more: object
) -> ResourceRecord:
    return ResourceRecord(
        GUILD,
        d.key,
        d.kind.value,
        discord_id,
        origin,
        d.content_hash,
        d.to_json(),
        **more,  # type: ignore[arg-type]
    )


def observed(
    *,
    roles: dict | None = None,
    channels: dict | None = None,
    held: int = VIEW | SEND,
    top: int = 5,
) -> ObservedGuild:
    return ObservedGuild(
        GUILD, roles or {}, channels or {}, bot_id=77, bot_permissions=held, bot_top_position=top
    )


def test_creates_in_declared_order_and_nothing_when_recorded() -> None:
    desired = [role(), channel()]
    plan = plan_resources(desired, [], now=NOW)
    assert [(c.action, c.key) for c in plan.changes] == [
        (ResourceAction.CREATE, "staff"),
        (ResourceAction.CREATE, "log"),
    ]
    again = plan_resources(desired, [record(d, i) for i, d in enumerate(desired, 1)], now=NOW)
    assert not again.has_changes


def test_removed_declarations_delete_only_what_the_bot_created() -> None:
    made, adopted = channel("made"), channel("theirs")
    records = [record(made, 1), record(adopted, 2, Origin.ADOPTED), record(role(), 3)]
    plan = plan_resources([], records, now=NOW)
    actions = {c.key: c.action for c in plan.changes}
    assert actions == {
        "made": ResourceAction.DELETE,
        "theirs": ResourceAction.LEAVE,
        "staff": ResourceAction.DELETE,
    }
    assert [c.key for c in plan.changes][-1] == "staff"  # roles last: channels name them


def test_a_channel_in_use_is_deleted_only_with_force() -> None:
    made = channel("made")
    refused = plan_resources([], [record(made, 1)], in_use={1: True}, now=NOW)
    assert refused.in_use() and refused.changes[0].blocked
    forced = plan_resources([], [record(made, 1)], in_use={1: True}, now=NOW, force=True)
    assert not forced.changes[0].blocked


def test_the_bot_never_grants_what_it_lacks_and_says_so() -> None:
    wanted = role(permissions=VIEW | BAN)
    plan = plan_resources([wanted], [], observed={GUILD: observed()}, now=NOW)
    (change,) = plan.changes
    assert change.effective is not None and change.effective["permissions"] == VIEW
    assert [(w.code, dict(w.args)) for w in change.warnings] == [
        (Caution.CANNOT_GRANT, {"permissions": "ban_members"})
    ]
    # The record keeps the declaration: no endless update once applied without it.
    assert change.desired is not None and change.desired.state["permissions"] == VIEW | BAN


def test_overwrite_bits_the_bot_lacks_are_left_out() -> None:
    wanted = channel(overwrites=[["staff", VIEW | BAN, 0]])
    (change,) = plan_resources([wanted], [], observed={GUILD: observed()}, now=NOW).changes
    assert change.effective is not None and change.effective["overwrites"] == [["staff", VIEW, 0]]
    assert change.warnings[0].code is Caution.OVERWRITE_STRIPPED


def test_a_role_above_the_bot_is_never_edited() -> None:
    wanted = role(adopt=True)
    discord = {5: {"id": "5", "name": "Staff", "permissions": "0", "position": 9}}
    (change,) = plan_resources(
        [wanted], [], observed={GUILD: observed(roles=discord, top=3)}, now=NOW
    ).changes
    assert change.action is ResourceAction.ADOPT and change.discord_id == 5
    assert change.fields == ()  # referenced as it is
    assert Caution.ABOVE_BOT in {w.code for w in change.warnings}


def test_adoption_by_name_and_by_id() -> None:
    by_name, by_id = channel("a", "general", adopt=True), channel("b", "rules", adopt=42)
    discord = {9: {"id": "9", "type": 0, "name": "general"}}
    plan = plan_resources(
        [by_name, by_id], [], observed={GUILD: observed(channels=discord)}, now=NOW
    )
    first, second = plan.changes
    assert (first.action, first.why, first.discord_id) == (ResourceAction.ADOPT, Why.ADOPT_NAME, 9)
    assert second.blocked and second.warnings[-1].code is Caution.ADOPT_MISSING


def test_a_third_rename_within_ten_minutes_waits() -> None:
    before = channel(name="old")
    renamed = channel(name="new")
    recent = (NOW - timedelta(minutes=8), NOW - timedelta(minutes=1))
    (change,) = plan_resources([renamed], [record(before, 1, renames=recent)], now=NOW).changes
    assert change.action is ResourceAction.UPDATE and change.fields == ("name",)
    assert change.deferred_until == recent[0] + timedelta(minutes=10)
    assert not change.is_write
    older = (NOW - timedelta(minutes=30), NOW - timedelta(minutes=11))
    (free,) = plan_resources([renamed], [record(before, 1, renames=older)], now=NOW).changes
    assert free.deferred_until is None and free.is_write


def test_drift_is_compared_in_keys_not_ids() -> None:
    wanted = channel(overwrites=[["@everyone", 0, VIEW], ["staff", VIEW, 0]])
    staff = role()
    records = [record(staff, 3), record(wanted, 1)]
    same = {
        1: {
            "id": "1",
            "type": 0,
            "name": "log",
            "permission_overwrites": [
                {"id": str(GUILD), "type": 0, "allow": "0", "deny": str(VIEW)},
                {"id": "3", "type": 0, "allow": str(VIEW), "deny": "0"},
            ],
        }
    }
    roles = {3: {"id": "3", "name": "Staff", "permissions": str(VIEW), "position": 1}}
    plan = plan_resources(
        [staff, wanted], records, observed={GUILD: observed(roles=roles, channels=same)}, now=NOW
    )
    assert not plan.has_changes
    same[1]["permission_overwrites"].pop()  # the staff overwrite taken off by hand
    drifted = plan_resources(
        [staff, wanted], records, observed={GUILD: observed(roles=roles, channels=same)}, now=NOW
    )
    change = drifted.changes[1]
    assert (change.action, change.why, change.fields) == (
        ResourceAction.UPDATE,
        Why.DRIFT,
        ("overwrites",),
    )
    assert json.loads(records[1].content)["overwrites"] == wanted.state["overwrites"]


def test_an_administrator_bot_is_not_limited() -> None:
    wanted = role(permissions=VIEW | BAN)
    seen = ObservedGuild(GUILD, {}, {}, 77, ADMIN, 1, administrator=True)
    (change,) = plan_resources([wanted], [], observed={GUILD: seen}, now=NOW).changes
    assert change.warnings == ()
