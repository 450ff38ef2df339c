from __future__ import annotations

import pytest

from bot.domain.records import PanelRecord
from bot.reconcile.apply import Outcome, Progress, apply_plan, refresh
from bot.reconcile.plan import ChangeAction, ReasonCode, plan_panels
from bot.reconcile.port import PortError, PortErrorKind
from bot.reconcile.report import ApplyOutcome, render_apply_report, render_progress
from bot.reconcile.sync import PanelSync

from . import fixtures
from .fakes import FakePort, FakeStore

CHANNELS = (2001, 2002, 2003, 2004, 3000, 3001, 3002)


@pytest.fixture
def desired(translate):
    return list(fixtures.desired(translate).values())


async def plan_and_apply(desired, port, store, *, with_refresh=False, **kw):
    records = store.all()
    missing = (await refresh(records, port)).missing if with_refresh else None
    plan = plan_panels(desired, records, missing=missing)
    return plan, await apply_plan(plan, port, store, **kw)


async def test_first_apply_posts_everything_and_records_it(desired):
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    _, report = await plan_and_apply(desired, port, store)
    assert report.ok
    assert [c[0] for c in port.calls] == ["send"] * len(desired)
    assert len(store.rows) == len(desired)
    for want in desired:
        record = store.rows[(want.guild_id, want.panel_id)]
        assert record.channel_id == want.channel_id
        assert record.content_hash == want.message.content_hash
        assert port.channels[want.channel_id][record.message_id] == (
            want.message.to_discord_payload()
        )


async def test_second_apply_makes_no_port_call(desired):
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    await plan_and_apply(desired, port, store)
    port.calls.clear()
    store_before = dict(store.rows)
    plan, report = await plan_and_apply(desired, port, store)
    assert not plan.has_writes
    assert report.results == ()
    assert port.calls == []
    assert store.rows == store_before


async def test_second_apply_with_refresh_only_reads(desired):
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    await plan_and_apply(desired, port, store)
    port.calls.clear()
    await plan_and_apply(desired, port, store, with_refresh=True)
    assert {c[0] for c in port.calls} == {"exists"}
    assert len(port.calls) == len(desired)


async def test_fixture_plan_applies_every_case(translate, desired):
    records = fixtures.records(translate)
    port = FakePort().add_channel(*CHANNELS)
    for record in records:
        if record.message_id not in fixtures.MISSING:
            port.channels[record.channel_id][record.message_id] = {"old": True}
    store = FakeStore.of(records)
    plan, report = await plan_and_apply(desired, port, store, with_refresh=True)
    assert [r.outcome for r in report.results] == [Outcome.OK] * len(plan.writes())
    assert plan.count(ChangeAction.DELETE) == 2
    # legacy is gone from Discord and the store; accueil moved from 3000 to 3001.
    assert 5003 not in port.channels[2001]
    assert (1001, "legacy") not in store.rows
    assert port.channels[3000] == {}
    assert store.rows[(1002, "accueil")].channel_id == 3001
    # faq was edited in place.
    assert store.rows[(1001, "faq")].message_id == 5002
    assert "embeds" in port.channels[2002][5002]
    # And now everything is in sync.
    port.calls.clear()
    plan, _ = await plan_and_apply(desired, port, store, with_refresh=True)
    assert not plan.has_writes
    assert port.writes() == []


async def test_failure_on_one_panel_does_not_stop_the_others(desired):
    port = FakePort().add_channel(*CHANNELS)
    port.failures[("send", 2002)] = PortErrorKind.MISSING_PERMISSIONS
    store = FakeStore()
    _, report = await plan_and_apply(desired, port, store)
    failed = report.failed
    assert [(r.change.panel_id, r.error) for r in failed] == [
        ("faq", PortErrorKind.MISSING_PERMISSIONS)
    ]
    assert report.count(Outcome.OK) == len(desired) - 1
    assert (1001, "faq") not in store.rows
    assert len(store.rows) == len(desired) - 1
    # The next run retries exactly the failed panel.
    del port.failures[("send", 2002)]
    port.calls.clear()
    plan, report = await plan_and_apply(desired, port, store)
    assert [(c.action, c.panel_id) for c in plan.writes()] == [(ChangeAction.CREATE, "faq")]
    assert report.ok


async def test_edit_of_a_message_deleted_by_hand_posts_a_new_one(desired):
    want = desired[0]
    port = FakePort().add_channel(want.channel_id)
    store = FakeStore.of([PanelRecord(want.guild_id, want.panel_id, want.channel_id, 77, "0")])
    _, report = await plan_and_apply([want], port, store)
    (result,) = report.results
    assert result.change.action is ChangeAction.UPDATE
    assert (result.outcome, result.recreated) == (Outcome.OK, True)
    assert [c[0] for c in port.calls] == ["edit", "send"]
    record = store.rows[(want.guild_id, want.panel_id)]
    assert record.message_id == result.message_id != 77
    assert record.message_id in port.channels[want.channel_id]


async def test_refresh_detects_deleted_message_and_recreates_it(desired):
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    await plan_and_apply(desired, port, store)
    want = desired[0]
    old = store.rows[(want.guild_id, want.panel_id)]
    del port.channels[old.channel_id][old.message_id]
    plan, report = await plan_and_apply(desired, port, store, with_refresh=True)
    (change,) = plan.writes()
    assert change.reason.code is ReasonCode.MISSING_IN_DISCORD
    assert report.ok
    assert store.rows[(want.guild_id, want.panel_id)].message_id != old.message_id


async def test_delete_of_an_already_gone_message_is_success():
    record = PanelRecord(1, "old", 10, 5, "h")
    port, store = FakePort().add_channel(10), FakeStore.of([record])
    _, report = await plan_and_apply([], port, store)
    assert report.ok
    assert store.rows == {}


async def test_delete_failure_keeps_the_record(desired):
    record = PanelRecord(1, "old", 10, 5, "h")
    port, store = FakePort().add_channel(10), FakeStore.of([record])
    port.channels[10][5] = {}
    port.failures[("delete", 10)] = PortErrorKind.MISSING_ACCESS
    _, report = await plan_and_apply([], port, store)
    assert report.failed[0].error is PortErrorKind.MISSING_ACCESS
    assert store.rows == {(1, "old"): record}


async def test_move_into_an_unknown_channel_keeps_the_old_panel(desired):
    want = desired[0]
    old = PanelRecord(want.guild_id, want.panel_id, 1, 5, want.message.content_hash)
    port = FakePort().add_channel(1)  # the new channel does not exist
    port.channels[1][5] = {}
    store = FakeStore.of([old])
    _, report = await plan_and_apply([want], port, store)
    assert [(r.change.action, r.outcome, r.error) for r in report.results] == [
        (ChangeAction.CREATE, Outcome.FAILED, PortErrorKind.UNKNOWN_CHANNEL),
        (ChangeAction.DELETE, Outcome.SKIPPED, None),
    ]
    assert port.channels[1] == {5: {}}
    assert store.rows == {(want.guild_id, want.panel_id): old}


async def test_refresh_counts_unreadable_messages_as_present():
    records = [PanelRecord(1, "a", 10, 1, "h"), PanelRecord(1, "b", 11, 2, "h")]
    records.append(PanelRecord(1, "c", 12, 3, "h"))  # channel 12 was deleted
    port = FakePort().add_channel(10, 11)
    port.channels[10][1] = {}
    port.failures[("exists", 11)] = PortErrorKind.MISSING_ACCESS
    result = await refresh(records, port)
    assert result.missing == frozenset({3})
    assert result.errors == {2: PortErrorKind.MISSING_ACCESS}


async def test_progress_is_reported_per_guild(translate, desired):
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    seen: list[Progress] = []
    await plan_and_apply(desired, port, store, progress=seen.append)
    assert seen == [Progress(1001, 1, 2), Progress(1002, 2, 2)]
    assert render_progress(seen[0], translate, "fr") == (
        "Serveur 1 sur 2 terminé (serveur Discord 1001)"
    )


async def test_apply_report_renders_in_both_locales(translate, desired):
    port = FakePort().add_channel(*CHANNELS)
    port.failures[("send", 2002)] = PortErrorKind.MISSING_PERMISSIONS
    plan, report = await plan_and_apply(desired[:3], port, FakeStore())
    names = dict.fromkeys(plan.guilds(), "shop")
    outcome = ApplyOutcome(PanelSync(plan, report=report), names, ("servers/broken.yaml",))
    english = render_apply_report(outcome, translate, "en-US")
    assert "✗ shop · faq: create failed: the bot lacks permissions" in english
    assert "… servers/broken.yaml: not applied, the file has errors" in english
    assert english.rstrip().endswith("Applied: 2 done, 1 failed, 1 skipped.")
    french = render_apply_report(outcome, translate, "fr")
    assert "✗ shop · faq : échec de la création : le bot n’a pas les permissions" in french
    assert french.rstrip().endswith("Application : 2 effectuées, 1 en échec, 1 ignorée.")


def test_port_error_maps_discord_codes():
    assert PortError.from_http(403, 50013).kind is PortErrorKind.MISSING_PERMISSIONS
    assert PortError.from_http(404, 10008).kind is PortErrorKind.UNKNOWN_MESSAGE
    assert PortError.from_http(429).kind is PortErrorKind.RATE_LIMITED
    assert PortError.from_http(502).kind is PortErrorKind.SERVER_ERROR
    assert PortError.from_http(400, 50035).kind is PortErrorKind.OTHER


async def test_panels_posted_but_not_recorded_are_adopted_not_posted_again(translate):
    """A lost database (or a crash between posting and recording) must not post every panel
    twice: before creating, the bot looks for its own messages carrying the same components
    (one read per channel) and edits those in place."""
    from bot.reconcile.sync import plan_servers, sync_panels

    servers = fixtures.SERVERS
    port, store = FakePort().add_channel(*CHANNELS), FakeStore()
    await sync_panels(servers, store, port, translate)
    posted = {k: r.message_id for k, r in store.rows.items()}
    store.rows.clear()  # the database is gone
    port.calls.clear()

    result = await sync_panels(servers, store, port, translate)

    assert result.report is not None and result.report.ok
    assert [c[0] for c in port.calls if c[0] in {"send", "delete"}] == []
    finds = [c for c in port.calls if c[0] == "find"]
    assert len(finds) == len({c[1] for c in finds})  # one read per channel
    assert {k: r.message_id for k, r in store.rows.items()} == posted
    assert all(c.action is ChangeAction.UPDATE for c in result.plan.changes)
    # An offline plan (no Discord) cannot know: it lists them as creations.
    store.rows.clear()
    blind, _, _ = await plan_servers(servers, store, translate)
    assert all(c.action is ChangeAction.CREATE for c in blind.changes)
    # Steady state: nothing to create, nothing looked for.
    await sync_panels(servers, store, port, translate)
    port.calls.clear()
    await sync_panels(servers, store, port, translate)
    assert port.calls == []
