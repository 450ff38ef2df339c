"""Issue 17: categories, channels and roles declared by name, created and owned by the
reconciler. A server file with only its guild id and declared resources goes from an empty
emulated server to a working ticket setup with one ``guichet apply``; a second apply makes no
request; drift made by hand is shown and repaired; nothing made by hand is ever deleted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config.permission_names import PERMISSIONS
from bot.domain.custom_ids import Action, encode
from bot.runtime import load_runtime
from bot.sandbox.discord_client import restore_discord_defaults
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, ChannelType
from bot.storage import Database, DatabaseTarget, ResourceRepository
from tests.e2e.conftest import DISCORD_SPEEDUP, Guichet, StartGuichet
from tests.e2e.declared_helpers import GUILD, Run, guichet, write_shop
from tests.e2e.tickets_helpers import opened

pytestmark = pytest.mark.e2e

VIEW = PERMISSIONS["view_channel"]
SEND = PERMISSIONS["send_messages"]


def _named(emulator: Emulator, name: str) -> Channel:
    (found,) = [c for c in emulator.state.guilds[GUILD].channels.values() if c.name == name]
    return found


def _role(emulator: Emulator, name: str) -> int:
    (found,) = [r.id for r in emulator.state.guilds[GUILD].roles.values() if r.name == name]
    return found


@pytest.fixture
async def shop(
    emulator: Emulator, workspace: Path, database_target: DatabaseTarget
) -> AsyncIterator[Shop]:
    """An emulated server seeded from shop.yaml (declared resources only: empty), and the
    real bot to start once ``guichet apply`` has run."""
    write_shop(workspace)
    emulator.rate_limits.speedup = DISCORD_SPEEDUP
    runtime = load_runtime(workspace / "servers", workspace / "locales", strict_catalog=True)
    assert not runtime.errors, runtime.errors
    (spec,) = runtime.servers
    seeded = seed_from_server(emulator, spec)
    db = await Database.open(database_target)
    g = Guichet(emulator, workspace, db, runtime, seeded={"shop": seeded})
    try:
        yield Shop(g, database_target)
    finally:
        await g.stop()
        await db.close()
        restore_discord_defaults()


@dataclass
class Shop:
    g: Guichet
    database: DatabaseTarget

    async def run(self, *args: str, locale: str = "en-US") -> Run:
        return await guichet(self.g.emulator, self.g.root, self.database, *args, locale=locale)


async def test_one_apply_makes_an_empty_server_a_working_ticket_setup(shop: Shop) -> None:
    g, emulator = shop.g, shop.g.emulator
    seeded = g.seeded["shop"]
    guild = emulator.state.guilds[GUILD]
    assert set(guild.channels) == set()  # an empty server: @everyone and the bot's role
    assert len(guild.roles) == 2

    first = await shop.run("apply")
    assert first.code == 0, first.err + first.out
    # Dependency order, overwrites inline: one request per resource, one for the panel.
    created = [(r.method, r.route) for r in first.writes if "/applications/" not in r.route]
    print("first apply:", [(r.method, r.route) for r in first.requests])
    assert created[:5] == [
        ("POST", "/guilds/{guild_id}/roles"),
        ("POST", "/guilds/{guild_id}/channels"),
        ("POST", "/guilds/{guild_id}/channels"),
        ("POST", "/guilds/{guild_id}/channels"),
        ("POST", "/guilds/{guild_id}/channels"),
    ]
    assert ("POST", "/channels/{channel_id}/messages") in created
    staff = _role(emulator, "Staff")
    tickets = _named(emulator, "Tickets")
    assert tickets.type == ChannelType.GUILD_CATEGORY
    assert tickets.overwrites[GUILD].deny & VIEW and tickets.overwrites[staff].allow & VIEW
    log = _named(emulator, "ticket-log")
    assert log.parent_id == tickets.id and log.overwrites[staff].allow & VIEW  # synced
    transcripts = _named(emulator, "transcripts")
    assert transcripts.parent_id is None and transcripts.overwrites[GUILD].deny & VIEW
    welcome = _named(emulator, "welcome")
    assert welcome.topic == "Ouvrez un ticket ici"
    records = await ResourceRepository(g.db).list_for_guild(GUILD)
    assert {r.key: r.origin.value for r in records} == {
        "staff": "created",
        "tickets": "created",
        "log": "created",
        "transcripts": "created",
        "welcome": "created",
    }

    second = await shop.run("apply")
    assert second.code == 0, second.err
    assert second.beyond_login == []  # nothing changed: no request at all

    # The real bot serves the setup: its start-up sync has nothing to do either.
    mark = emulator.recorder.mark()
    await g.start()
    assert emulator.recorder.writes(since=mark) == 0
    member = g.member("fr", "shop")
    assert member.can_view(welcome.id) and not member.can_view(log.id)
    (panel,) = emulator.sent_by_bot(welcome.id)
    channel = await opened(g, await member.click(panel, encode(Action.OPEN, "support", "other")))
    assert channel.parent_id == tickets.id
    assert member.can_view(channel.id)
    (staff_member,) = seeded.staff
    assert staff in staff_member.roles  # given the declared role once the bot made it
    assert g.actor(staff_member.user.id, "shop").can_view(channel.id)
    assert not g.member("en-US", "shop").can_view(channel.id)  # another member's ticket


def _hand_edits(emulator: Emulator) -> dict[str, int]:
    """What an admin does by hand after the first apply: renames the welcome channel, takes
    the staff overwrite off the category, deletes the transcripts channel, changes the Staff
    role, and makes a channel and a role of their own."""
    guild = emulator.state.guilds[GUILD]
    welcome = _named(emulator, "welcome")
    welcome.name = "hello"
    emulator.channel_updated(welcome)
    tickets = _named(emulator, "Tickets")
    staff = _role(emulator, "Staff")
    del tickets.overwrites[staff]
    emulator.channel_updated(tickets)
    emulator.delete_channel(_named(emulator, "transcripts"))
    role = guild.roles[staff]
    role.permissions |= PERMISSIONS["send_tts_messages"]
    emulator.role_updated(guild, role)
    general = emulator.add_channel(GUILD, "general")
    members = emulator.add_role(GUILD, "Members")
    return {"general": general.id, "members": members.id}


PLAN_LINES = {
    "en-US": [
        '~ channel welcome "welcome": update',
        "changed in Discord by hand since the last apply",
        'name: "hello" → "welcome"',
        '+ channel transcripts "transcripts": create (deleted in Discord: made again)',
        '~ category tickets "Tickets": update',
        '~ role staff "Staff": update',
        (
            "permissions: view_channel, send_messages, send_tts_messages, read_message_history"
            " → view_channel, send_messages, read_message_history"
        ),
    ],
    "fr": [
        "~ salon welcome « welcome » : modifier",
        "modifié à la main dans Discord depuis la dernière application",
        'nom : "hello" → "welcome"',
        "+ salon transcripts « transcripts » : créer (supprimé dans Discord : recréé)",
        "~ catégorie tickets « Tickets » : modifier",
        "~ rôle staff « Staff » : modifier",
    ],
}


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_drift_is_shown_by_plan_refresh_and_repaired_by_apply(
    shop: Shop, locale: str
) -> None:
    emulator = shop.g.emulator
    assert (await shop.run("apply")).code == 0
    hand = _hand_edits(emulator)

    offline = await shop.run("plan", "--detailed-exitcode", locale=locale)
    assert offline.code == 0, offline.out  # the records alone know nothing of it
    planned = await shop.run("plan", "--refresh", "--detailed-exitcode", locale=locale)
    assert planned.code == 2, planned.err + planned.out
    for line in PLAN_LINES[locale]:
        assert line in planned.out, planned.out
    assert planned.writes == []
    if locale == "en-US":
        import json

        document = json.loads((await shop.run("plan", "--refresh", "--json")).out)
        reasons = {c["key"]: (c["action"], c["reason"]) for c in document["resources"]}
        assert reasons["welcome"] == ("update", "drift")
        assert reasons["transcripts"] == ("create", "missing-in-discord")
        assert reasons["log"] == ("unchanged", "up-to-date")

    repaired = await shop.run("apply", "--refresh", locale=locale)
    assert repaired.code == 0, repaired.err + repaired.out
    staff = _role(emulator, "Staff")
    assert _named(emulator, "welcome").id  # renamed back
    assert _named(emulator, "Tickets").overwrites[staff].allow & VIEW
    assert _named(emulator, "transcripts").overwrites[GUILD].deny & VIEW
    tts = PERMISSIONS["send_tts_messages"]
    assert not emulator.state.guilds[GUILD].roles[staff].permissions & tts
    # One edit per drifted resource, one create for the deleted one.
    writes = sorted((r.method, r.route) for r in repaired.writes if "/applications/" not in r.route)
    assert writes == [
        ("PATCH", "/channels/{channel_id}"),
        ("PATCH", "/channels/{channel_id}"),
        ("PATCH", "/guilds/{guild_id}/roles/{role_id}"),
        ("POST", "/guilds/{guild_id}/channels"),
    ]
    again = await shop.run("plan", "--refresh", "--detailed-exitcode", locale=locale)
    assert again.code == 0, again.out
    # What the admin made by hand is untouched.
    assert hand["general"] in emulator.state.channels
    assert hand["members"] in emulator.state.guilds[GUILD].roles


async def test_nothing_made_by_hand_is_deleted_and_a_channel_in_use_needs_force(
    shop: Shop,
) -> None:
    emulator = shop.g.emulator
    guild = emulator.state.guilds[GUILD]
    general = emulator.add_channel(GUILD, "general")
    text = (shop.g.root / "servers" / "shop.yaml").read_text(encoding="utf-8")
    general_declared = "    general: {name: general, adopt: true, topic: shop-welcome-topic}\n"
    adopting = text.replace("  channels:\n", "  channels:\n" + general_declared, 1)
    (shop.g.root / "servers" / "shop.yaml").write_text(adopting, encoding="utf-8")
    first = await shop.run("apply")
    assert first.code == 0, first.err + first.out
    assert general.topic == "Ouvrez un ticket ici"  # adopted, and kept as declared
    records = {r.key: r for r in await ResourceRepository(shop.g.db).list_for_guild(GUILD)}
    assert records["general"].origin.value == "adopted"
    assert records["general"].discord_id == general.id

    # Remove the adopted channel and the welcome channel (which holds the panel).
    removed = text.replace(
        """    welcome:
      name: welcome
      topic: shop-welcome-topic
      overwrites:
        "@everyone": {deny: [send_messages]}
        "@bot": {allow: [send_messages, embed_links]}
""",
        "",
    ).replace("channel: welcome", "channel: log")
    (shop.g.root / "servers" / "shop.yaml").write_text(removed, encoding="utf-8")
    welcome = _named(emulator, "welcome")
    plan = await shop.run("plan", "--refresh")
    assert '· channel general "general": leave' in plan.out, plan.out
    assert "it still holds messages or channels: deleted only with --force" in plan.out
    assert plan.code == 1

    refused = await shop.run("apply")
    assert refused.code == 1
    assert "Refused: this plan deletes channels that still hold messages" in refused.err
    assert welcome.id in emulator.state.channels and refused.writes == []

    forced = await shop.run("apply", "--force")
    assert forced.code == 0, forced.err + forced.out
    assert welcome.id not in emulator.state.channels  # the bot made it: deleted
    assert general.id in emulator.state.channels  # an admin made it: left, forgotten
    keys = {r.key for r in await ResourceRepository(shop.g.db).list_for_guild(GUILD)}
    assert "general" not in keys and "welcome" not in keys
    assert len([r for r in guild.roles.values() if r.name == "Staff"]) == 1


async def test_renames_wait_for_discords_two_per_ten_minutes(shop: Shop) -> None:
    emulator = shop.g.emulator
    assert (await shop.run("apply")).code == 0
    path = shop.g.root / "servers" / "shop.yaml"
    for old, new in (("welcome", "welcome-1"), ("welcome-1", "welcome-2")):
        path.write_text(path.read_text().replace(f"name: {old}\n", f"name: {new}\n"), "utf-8")
        done = await shop.run("apply")
        assert done.code == 0, done.err + done.out
    assert _named(emulator, "welcome-2")
    path.write_text(path.read_text().replace("name: welcome-2\n", "name: welcome-3\n"), "utf-8")

    plan = await shop.run("plan")
    assert "Discord allows 2 name or topic changes per channel every 10 minutes" in plan.out
    third = await shop.run("apply")
    assert third.code == 0, third.err + third.out
    assert "the rename waits until" in third.out
    assert [r for r in third.writes if r.route == "/channels/{channel_id}"] == []
    assert _named(emulator, "welcome-2")  # not failed, not silently dropped: waiting


async def test_a_scaffolded_declare_file_applies_to_an_empty_server(
    emulator: Emulator, workspace: Path, database_target: DatabaseTarget
) -> None:
    from bot.cli import main

    for old in (workspace / "servers").glob("*.yaml"):
        old.unlink()
    argv = ["new-server", "fresh", "--guild", str(GUILD), "--locale", "fr", "--declare"]
    folders = ["--servers", str(workspace / "servers"), "--locales", str(workspace / "locales")]
    assert main([*argv, *folders]) == 0
    runtime = load_runtime(workspace / "servers", workspace / "locales", strict_catalog=True)
    assert not runtime.errors, runtime.errors
    seed_from_server(emulator, runtime.servers[0])
    try:
        first = await guichet(emulator, workspace, database_target, "apply")
        assert first.code == 0, first.err + first.out
        support = _named(emulator, "support")
        (panel,) = emulator.sent_by_bot(support.id)
        assert panel.embeds and _named(emulator, "journal-tickets").overwrites[GUILD].deny & VIEW
        second = await guichet(emulator, workspace, database_target, "apply")
        assert second.code == 0 and second.beyond_login == []
    finally:
        restore_discord_defaults()


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_import_writes_a_file_whose_first_apply_changes_nothing(
    emulator: Emulator, workspace: Path, database_target: DatabaseTarget, locale: str
) -> None:
    """An existing setup (the example's, made by hand) → ``guichet import`` → a valid file;
    its first apply adopts everything and edits nothing; what it could not say is listed."""
    runtime = load_runtime(workspace / "servers", workspace / "locales", strict_catalog=True)
    (example,) = runtime.servers
    seeded = seed_from_server(emulator, example)
    guild_id = seeded.guild.id
    emulator.add_channel(guild_id, "Lobby", type=ChannelType.GUILD_VOICE)
    log = emulator.state.channels[333333333333333333]
    log.topic = "Every ticket event {here}"
    (workspace / "servers" / "example.yaml").unlink()
    try:
        imported = await guichet(
            emulator,
            workspace,
            database_target,
            "import",
            "--guild",
            str(guild_id),
            "--name",
            "imported",
            locale=locale,
        )
        assert imported.code == 0, imported.err
        assert imported.writes == []
        left = {
            "en-US": [
                'not imported: "Lobby" is not a text channel or a category',
                'not imported: role "Guichet" is managed by Discord',
            ],
            "fr": [
                "non importé : « Lobby » n'est ni un salon textuel ni une catégorie",
                "non importé : le rôle « Guichet » est géré par Discord",
            ],
        }[locale]
        for line in left:
            assert line in imported.err, imported.err
        text = (workspace / "servers" / "imported.yaml").read_text(encoding="utf-8")
        assert 'adopt: "333333333333333333"' in text and "Lobby" not in text
        ftl = (workspace / "locales" / "fr" / "servers" / "imported.ftl").read_text("utf-8")
        assert 'import-topic-ticket-log = Every ticket event {"{"}here{"}"}' in ftl

        checked = await guichet(emulator, workspace, database_target, "validate", locale=locale)
        assert checked.code == 0, checked.err + checked.out
        first = await guichet(emulator, workspace, database_target, "apply", locale=locale)
        assert first.code == 0, first.err + first.out
        edits = [r for r in first.writes if "/applications/" not in r.route]
        assert edits == []  # adopted as they are: nothing changed in Discord
        records = await _owned(database_target, guild_id)
        assert records and all(r.origin.value == "adopted" for r in records)
        assert log.topic == "Every ticket event {here}"
        second = await guichet(emulator, workspace, database_target, "apply", locale=locale)
        assert second.code == 0 and second.beyond_login == []
    finally:
        restore_discord_defaults()


async def _owned(database: DatabaseTarget, guild_id: int) -> list:
    db = await Database.open(database)
    try:
        return await ResourceRepository(db).list_for_guild(guild_id)
    finally:
        await db.close()


async def test_the_running_bot_creates_declared_resources_at_start_and_demo_staff_get_them(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """The sandbox's way: the server is seeded empty, the bot's start-up apply fills it, and
    the demo staff member is given the declared role as soon as it exists."""
    write_shop(workspace)
    g = await start_guichet()
    emulator = g.emulator
    staff = _role(emulator, "Staff")
    welcome = _named(emulator, "welcome")
    (panel,) = emulator.sent_by_bot(welcome.id)
    (staff_member,) = g.seeded["shop"].staff
    assert staff in staff_member.roles
    channel = await opened(
        g, await g.member("en-US", "shop").click(panel, encode(Action.OPEN, "support", "other"))
    )
    assert g.actor(staff_member.user.id, "shop").can_view(channel.id)
    assert g.bot is not None
    await g.bot.log_queue.settled()  # the opening's log line follows its answer
    mark = emulator.recorder.mark()
    await g.bot.sync_panels()  # as on SIGHUP: nothing to do, no request
    assert emulator.recorder.since(mark) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_role_safety_the_plan_says_what_the_bot_cannot_grant(shop: Shop, locale: str) -> None:
    emulator = shop.g.emulator
    path = shop.g.root / "servers" / "shop.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "permissions: [view_channel, send_messages, read_message_history]",
            "permissions: [view_channel, send_messages, read_message_history, ban_members]",
        ),
        encoding="utf-8",
    )
    planned = await shop.run("plan", "--refresh", locale=locale)
    said = {
        "en-US": "! the bot cannot grant ban_members: it does not hold them itself",
        "fr": "! le bot ne peut pas accorder ban_members : il ne les a pas lui-même",
    }[locale]
    assert said in planned.out, planned.out
    applied = await shop.run("apply", locale=locale)
    assert applied.code == 0, applied.err + applied.out
    role = emulator.state.guilds[GUILD].roles[_role(emulator, "Staff")]
    assert role.permissions & VIEW and not role.permissions & PERMISSIONS["ban_members"]
    bot_role = emulator.bot_role(GUILD)
    assert role.position < bot_role.position  # created below the bot's highest role


async def test_a_thread_parent_with_open_tickets_is_not_deleted_without_force(
    shop: Shop,
) -> None:
    """A private thread ticket leaves no message in its channel: the threads count too."""
    emulator = shop.g.emulator
    path = shop.g.root / "servers" / "shop.yaml"
    text = path.read_text(encoding="utf-8")
    parent = "    partners: {name: partners, overwrites_from: welcome}\n"
    with_parent = text.replace("  channels:\n", "  channels:\n" + parent, 1)
    path.write_text(with_parent, encoding="utf-8")
    assert (await shop.run("apply")).code == 0
    channel = _named(emulator, "partners")
    thread = emulator.add_channel(
        GUILD, "ticket-1", type=ChannelType.PRIVATE_THREAD, parent_id=channel.id
    )
    thread.owner_id = emulator.state.bot_user.id  # as when the bot opens a thread ticket
    path.write_text(text, encoding="utf-8")
    refused = await shop.run("apply")
    assert refused.code == 1 and channel.id in emulator.state.channels
    assert "Refused" in refused.err
