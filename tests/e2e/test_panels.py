"""Issue 4 end to end: the real bot reconciles servers/example.yaml into the emulated Discord."""

from __future__ import annotations

import pytest

from bot.domain.custom_ids import Action, encode
from bot.sandbox.permissions import Overwrite, Perm
from bot.storage import PanelRepository
from tests.e2e.conftest import Guichet, StartGuichet

pytestmark = pytest.mark.e2e

GUILD = 123456789012345678
SUPPORT_CHANNEL = 777777777777777777
PARTNERS_CHANNEL = 121212121212121212
MESSAGES = "/channels/{channel_id}/messages"
MESSAGE = "/channels/{channel_id}/messages/{message_id}"


def panel_messages(g: Guichet, channel_id: int) -> list:
    return g.emulator.sent_by_bot(channel_id)


def components(message) -> list[dict]:
    return [c for row in message.components for c in row["components"]]


async def test_first_apply_creates_every_panel_in_the_server_locale(start_guichet: StartGuichet):
    g = await start_guichet()

    [support] = panel_messages(g, SUPPORT_CHANNEL)
    [partners] = panel_messages(g, PARTNERS_CHANNEL)
    # The server's locale is fr: panels speak French whoever looks at them.
    assert support.embeds[0]["title"] == "Besoin d'aide ?"
    assert support.embeds[0]["color"] == 0x5865F2
    assert support.embeds[0]["image"]["url"] == "https://example.com/guichet/support-banner.png"
    [select] = components(support)
    assert select["custom_id"] == encode(Action.PICK, "support")
    assert select["placeholder"] == "Choisissez un sujet…"
    assert [o["value"] for o in select["options"]] == ["billing", "bug", "other"]
    assert [o["label"] for o in select["options"]] == [
        "Facturation",
        "Signaler un bug",
        "Autre chose",
    ]
    assert select["options"][0]["emoji"]["name"] == "💳"

    assert partners.embeds[0]["title"] == "Partenariats"
    [button] = components(partners)
    assert button["custom_id"] == encode(Action.OPEN, "partners", "partnership")
    assert button["label"] == "Partenariat"
    assert button["emoji"] == {"name": "handshake", "id": "101010101010101010", "animated": False}

    records = await PanelRepository(g.db).list_for_guild(GUILD)
    assert {(r.panel_id, r.message_id) for r in records} == {
        ("support-select", support.id),
        ("partners-buttons", partners.id),
    }
    # Members can see the panels.
    member = g.member("en-US")
    assert member.can_view(SUPPORT_CHANNEL)
    assert [m.id for m in member.messages(SUPPORT_CHANNEL)] == [support.id]


async def test_second_apply_and_restart_make_no_request(start_guichet: StartGuichet):
    g = await start_guichet()
    recorder = g.emulator.recorder
    mark = recorder.mark()
    assert g.bot is not None
    await g.bot.sync_panels()
    assert recorder.since(mark) == []

    mark = recorder.mark()
    await g.restart()  # start-up sync again, from the database's records
    assert recorder.writes(MESSAGES, since=mark) == 0
    assert recorder.filter(route=MESSAGE, since=mark) == []
    # Slash commands were synced once; the stored hash keeps the restart from sending them again.
    assert recorder.writes("/applications/{application_id}/commands", since=mark) == 0


async def test_commands_arrive_localized_once(start_guichet: StartGuichet):
    g = await start_guichet()
    commands = g.emulator.state.commands.get(None, {})
    by_name = {c.name: c for c in commands.values()}
    assert set(by_name) == {"ticket", "guichet"}
    ticket = by_name["ticket"].data
    assert ticket["name_localizations"]["fr"] == "ticket"
    assert ticket["description_localizations"]["fr"]
    assert by_name["guichet"].data["default_member_permissions"] in (32, "32")  # Manage Server
    subs = {o["name"]: o for o in ticket["options"]}
    assert "open" in subs
    assert subs["open"]["name_localizations"]["fr"] == "ouvrir"
    assert g.bot is not None
    mark = g.emulator.recorder.mark()
    assert await g.bot.sync_commands() is False
    assert g.emulator.recorder.since(mark) == []


async def test_text_change_edits_exactly_one_message_in_place(start_guichet: StartGuichet):
    g = await start_guichet()
    [before] = panel_messages(g, SUPPORT_CHANNEL)
    g.edit(g.ftl("fr"), "panel-support-title = Besoin d'aide ?", "panel-support-title = À l'aide ?")
    mark = g.emulator.recorder.mark()
    assert g.bot is not None
    await g.bot.reload()

    patches = g.emulator.recorder.filter(method="PATCH", route=MESSAGE, since=mark)
    assert len(patches) == 1
    assert g.emulator.recorder.writes(MESSAGES, since=mark) == 0
    [after] = panel_messages(g, SUPPORT_CHANNEL)
    assert after.id == before.id
    assert after.embeds[0]["title"] == "À l'aide ?"
    [partners] = panel_messages(g, PARTNERS_CHANNEL)
    assert partners.embeds[0]["title"] == "Partenariats"


async def test_removed_panel_deletes_only_its_message(start_guichet: StartGuichet):
    g = await start_guichet()
    # A message someone else posted in the same channel must survive.
    owner = g.actor(g.server().owner.user.id)
    human = await owner.say(PARTNERS_CHANNEL, "welcome partners")
    text = g.server_file().read_text(encoding="utf-8")
    start = text.index("  partners-buttons:")
    g.server_file().write_text(text[:start], encoding="utf-8")
    assert g.bot is not None
    await g.bot.reload()

    assert panel_messages(g, PARTNERS_CHANNEL) == []
    assert [m.id for m in owner.messages(PARTNERS_CHANNEL)] == [human.id]
    assert len(panel_messages(g, SUPPORT_CHANNEL)) == 1
    records = await PanelRepository(g.db).list_for_guild(GUILD)
    assert [r.panel_id for r in records] == ["support-select"]


async def test_moved_panel_is_created_in_the_new_channel_and_deleted_in_the_old(
    start_guichet: StartGuichet,
):
    g = await start_guichet()
    new_channel = g.emulator.add_channel(GUILD, "partners-new", channel_id=131313131313131313)
    g.edit(g.server_file(), "channel: 121212121212121212", "channel: 131313131313131313")
    assert g.bot is not None
    await g.bot.reload()
    assert panel_messages(g, PARTNERS_CHANNEL) == []
    [moved] = panel_messages(g, new_channel.id)
    assert moved.embeds[0]["title"] == "Partenariats"


async def test_message_deleted_by_hand_is_recreated_on_refresh(start_guichet: StartGuichet):
    g = await start_guichet()
    [old] = panel_messages(g, SUPPORT_CHANNEL)
    g.emulator.state.messages_in(SUPPORT_CHANNEL).pop(old.id)
    assert g.bot is not None
    result = await g.bot.sync_panels(refresh=True)
    assert result.report is not None and result.report.ok
    [new] = panel_messages(g, SUPPORT_CHANNEL)
    assert new.id != old.id
    records = {r.panel_id: r for r in await PanelRepository(g.db).list_for_guild(GUILD)}
    assert records["support-select"].message_id == new.id


async def test_missing_channel_fails_that_panel_only(start_guichet: StartGuichet):
    def drop_support_channel(g: Guichet) -> None:
        g.emulator.delete_channel(g.emulator.state.channels[SUPPORT_CHANNEL])

    g = await start_guichet(prepare=drop_support_channel)
    assert g.bot is not None and g.bot.last_sync is not None
    report = g.bot.last_sync.report
    assert report is not None
    [failed] = report.failed
    assert failed.change.panel_id == "support-select"
    assert failed.error == "unknown_channel"
    assert len(panel_messages(g, PARTNERS_CHANNEL)) == 1


async def test_bot_without_send_messages_fails_that_panel_only(start_guichet: StartGuichet):
    def deny_send(g: Guichet) -> None:
        bot_role = g.emulator.bot_role(GUILD)
        channel = g.emulator.state.channels[PARTNERS_CHANNEL]
        channel.overwrites[bot_role.id] = Overwrite(
            id=bot_role.id, type=0, deny=int(Perm.SEND_MESSAGES)
        )

    g = await start_guichet(prepare=deny_send)
    assert g.bot is not None and g.bot.last_sync is not None
    report = g.bot.last_sync.report
    assert report is not None
    [failed] = report.failed
    assert failed.change.panel_id == "partners-buttons"
    assert failed.error == "missing_permissions"
    assert len(panel_messages(g, SUPPORT_CHANNEL)) == 1
    # The next apply retries the failed panel, once the permission is fixed.
    g.emulator.state.channels[PARTNERS_CHANNEL].overwrites.clear()
    await g.bot.sync_panels()
    assert len(panel_messages(g, PARTNERS_CHANNEL)) == 1


async def test_server_error_on_one_panel_does_not_stop_the_others(start_guichet: StartGuichet):
    def fail_first_post(g: Guichet) -> None:
        g.emulator.faults.fail("POST", MESSAGES, status=503, times=1)

    g = await start_guichet(prepare=fail_first_post)
    assert g.bot is not None and g.bot.last_sync is not None
    report = g.bot.last_sync.report
    assert report is not None
    assert [r.error for r in report.failed] == ["server_error"]
    assert len(report.results) == 2
    posted = len(panel_messages(g, SUPPORT_CHANNEL)) + len(panel_messages(g, PARTNERS_CHANNEL))
    assert posted == 1
    await g.bot.sync_panels()
    assert len(panel_messages(g, SUPPORT_CHANNEL)) == 1
    assert len(panel_messages(g, PARTNERS_CHANNEL)) == 1


async def test_invalid_yaml_leaves_previous_panels_untouched(start_guichet: StartGuichet):
    g = await start_guichet()
    before = {m.id: m.embeds for m in panel_messages(g, SUPPORT_CHANNEL)}
    # Break the file and change a text at the same time: nothing may be applied.
    g.edit(g.server_file(), "kind: select", "kind: selcet")
    g.edit(g.ftl("fr"), "panel-support-title = Besoin d'aide ?", "panel-support-title = Cassé")
    mark = g.emulator.recorder.mark()
    assert g.bot is not None
    await g.bot.reload()
    assert any("example.yaml" in str(e) and "selcet" in str(e) for e in g.bot.runtime.errors)
    assert g.emulator.recorder.writes(since=mark) == 0
    assert {m.id: m.embeds for m in panel_messages(g, SUPPORT_CHANNEL)} == before
    assert len(panel_messages(g, PARTNERS_CHANNEL)) == 1


async def test_cli_payload_is_the_one_the_bot_syncs(start_guichet: StartGuichet):
    """``guichet plan/apply`` hash the payload they build offline: it must be the bot's own, or
    an apply followed by a bot start would sync the commands twice."""
    from bot.discord_app.translator import build_command_tree_payload
    from bot.reconcile.commands import payload_hash

    g = await start_guichet()
    assert g.bot is not None
    offline = await build_command_tree_payload(g.bot.runtime.catalog)
    assert payload_hash(offline) == payload_hash(await g.bot.command_payload())


async def test_lost_database_adopts_the_panels_instead_of_posting_them_again(
    start_guichet: StartGuichet,
):
    g = await start_guichet()
    before = {
        m.id for m in panel_messages(g, SUPPORT_CHANNEL) + panel_messages(g, PARTNERS_CHANNEL)
    }
    await g.db.execute("DELETE FROM panels")  # the records are lost, Discord still has the panels
    mark = g.emulator.recorder.mark()
    assert g.bot is not None
    await g.restart()  # the start-up sync looks for its own panels before posting any
    assert g.emulator.recorder.writes(MESSAGES, since=mark) == 0
    after = {m.id for m in panel_messages(g, SUPPORT_CHANNEL) + panel_messages(g, PARTNERS_CHANNEL)}
    assert after == before
    records = await PanelRepository(g.db).list_for_guild(GUILD)
    assert {r.message_id for r in records} == before
