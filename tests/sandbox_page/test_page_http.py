"""The sandbox page without a browser: who sees what (the emulator decides), hostile text
escaped everywhere, state-changing requests guarded by CSRF, the sandbox controls acting on
the emulated Discord, live events, and a clean stop."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp

from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.state import ApplicationCommand
from tests.sandbox_page.conftest import GUILD, Sandbox

HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'
PANEL = 777777777777777777
LOG = 333333333333333333


async def _as(sandbox: Sandbox, user_id: int) -> None:
    assert await sandbox.browser.post(f"/g/{GUILD}/as", {"user": user_id}) == 204


async def test_root_sends_browsers_to_the_page_and_the_page_to_a_channel(sandbox: Sandbox):
    async with sandbox.browser.session.get(sandbox.emulator.url + "/") as response:
        assert response.status == 200 and str(response.url).startswith(sandbox.emulator.page_url)
        html = await response.text()
    assert "support-select" in html and 'data-region="messages"' in html


async def test_hostile_names_topics_and_messages_are_text(sandbox: Sandbox):
    emulator, seeded = sandbox.emulator, sandbox.seeded
    member = seeded.member("en-US")
    member.nick = HOSTILE
    emulator.state.channels[PANEL].topic = HOSTILE
    await emulator.actor(member.id, GUILD).say(PANEL, f"hello {HOSTILE} **bold** <@{member.id}>")
    status, html = await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert status == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "<strong>bold</strong>" in html  # markdown still works, built from escaped pieces
    assert " onerror=" not in html.replace("onerror=alert(1)&gt;", "")


async def test_private_channels_stay_hidden_from_members_who_cannot_see_them(sandbox: Sandbox):
    browser, seeded = sandbox.browser, sandbox.seeded
    _, owner_view = await browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert "ticket-log" in owner_view  # the owner sees the staff-only log channel
    await sandbox.emulator.actor(seeded.owner.id, GUILD).say(LOG, "staff only: the safe code")
    member = seeded.member("en-US")
    await _as(sandbox, member.id)
    _, member_view = await browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert "ticket-log" not in member_view
    status, html = await browser.get(f"/g/{GUILD}/c/{LOG}")
    assert status == 404 and "the safe code" not in html
    # The page follows the emulator's permissions, whatever changes them.
    channel = sandbox.emulator.state.channels[LOG]
    channel.overwrites[member.id] = Overwrite(id=member.id, type=1, allow=Perm.VIEW_CHANNEL)
    status, html = await browser.get(f"/g/{GUILD}/c/{LOG}")
    assert status == 200 and "the safe code" in html


async def test_ephemeral_messages_show_only_to_their_recipient(sandbox: Sandbox):
    from bot.sandbox import messaging

    emulator, seeded = sandbox.emulator, sandbox.seeded
    fr, en = seeded.member("fr"), seeded.member("en-US")
    message = messaging.compose(
        emulator,
        channel_id=PANEL,
        guild_id=GUILD,
        author=emulator.state.bot_user,
        body={"content": "for fr only", "flags": 64},
        visible_to=fr.id,
    )
    messaging.publish(emulator, message)
    await _as(sandbox, en.id)
    assert "for fr only" not in (await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}"))[1]
    await _as(sandbox, fr.id)
    _, html = await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert "for fr only" in html and "Vous seul·e pouvez voir ceci" in html  # in her words


async def test_every_state_change_needs_the_csrf_token(sandbox: Sandbox):
    browser = sandbox.browser
    member = sandbox.seeded.member("fr")
    assert await browser.post(f"/g/{GUILD}/as", {"user": member.id}, token="forged") == 403
    assert await browser.post(f"/g/{GUILD}/c/{PANEL}/say", {"text": "hi"}, token="") == 403
    assert sandbox.emulator.sent_by_bot(PANEL) == []
    assert not sandbox.emulator.state.messages_in(PANEL)


async def test_members_write_as_themselves_within_discords_rules(sandbox: Sandbox):
    emulator, browser = sandbox.emulator, sandbox.browser
    member = sandbox.seeded.member("fr")
    await _as(sandbox, member.id)
    assert await browser.post(f"/g/{GUILD}/c/{PANEL}/say", {"text": "Bonjour"}) == 204
    [said] = emulator.state.messages_in(PANEL).values()
    assert said.author.id == member.id and said.content == "Bonjour"
    # A channel the member cannot see cannot be written to either.
    assert await browser.post(f"/g/{GUILD}/c/{LOG}/say", {"text": "sneaky"}) == 404
    assert not emulator.state.messages_in(LOG)


async def test_sandbox_controls_change_the_emulated_discord(sandbox: Sandbox):
    emulator, browser, seeded = sandbox.emulator, sandbox.browser, sandbox.seeded
    guild = emulator.state.guilds[GUILD]
    staff_role = 222222222222222222
    member = seeded.member("de")

    assert await browser.post(f"/g/{GUILD}/language", {"locale": "pt-BR"}) == 204
    assert seeded.owner.locale == "pt-BR"
    assert await browser.post(f"/g/{GUILD}/language", {"locale": "klingon"}) == 400

    assert (
        await browser.post(
            f"/g/{GUILD}/roles/member", {"user": member.id, "role": staff_role, "give": "1"}
        )
        == 204
    )
    assert staff_role in guild.members[member.id].roles
    assert emulator.actor(member.id, GUILD).can_view(LOG)

    assert await browser.post(f"/g/{GUILD}/members", {"name": "newcomer", "locale": "ja"}) == 204
    newcomer = next(m for m in guild.members.values() if m.user.username == "newcomer")
    assert newcomer.locale == "ja"

    assert await browser.post(f"/g/{GUILD}/roles/delete", {"role": staff_role}) == 204
    assert staff_role not in guild.roles and staff_role not in guild.members[member.id].roles
    bot_role = emulator.bot_role(GUILD)
    assert await browser.post(f"/g/{GUILD}/roles/delete", {"role": bot_role.id}) == 400
    assert await browser.post(f"/g/{GUILD}/roles/delete", {"role": GUILD}) == 400

    assert await browser.post(f"/g/{GUILD}/channels/delete", {"channel": PANEL}) == 204
    assert PANEL not in emulator.state.channels
    _, html = await browser.get(f"/g/{GUILD}")
    entries = [e.entry.kind for e in sandbox.page.activity.newest_first()]
    assert entries[:4] == ["channel-deleted", "role-deleted", "member-added", "role-given"]
    assert "#support-select a été supprimé" not in html  # the page now speaks pt-BR → en-US
    assert "#support-select was deleted" in html


async def test_commands_listed_are_those_the_member_may_use(sandbox: Sandbox):
    emulator, seeded = sandbox.emulator, sandbox.seeded
    state = emulator.state
    for name, required in (("help", None), ("admin", str(int(Perm.MANAGE_GUILD))), ("off", "0")):
        command = ApplicationCommand(
            id=state.ids.next(),
            application_id=state.application_id,
            guild_id=None,
            data={
                "name": name,
                "description": f"{name} things",
                "type": 1,
                "default_member_permissions": required,
                "name_localizations": {"fr": f"{name}-fr"},
            },
            version=1,
        )
        state.commands.setdefault(None, {})[command.id] = command
    member = seeded.member("fr")
    assert {c.name for c in emulator.actor(member.id, GUILD).commands(PANEL)} == {"help"}
    assert {c.name for c in emulator.actor(seeded.owner.id, GUILD).commands(PANEL)} == {
        "help",
        "admin",
        "off",
    }
    await _as(sandbox, member.id)
    _, listed = await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}/commands")
    assert "/help-fr" in listed and "admin" not in listed


async def test_changes_are_announced_live_and_stop_is_prompt(sandbox: Sandbox):
    browser, emulator = sandbox.browser, sandbox.emulator
    async with browser.session.get(browser.url("/events")) as events:
        assert (await events.content.readuntil(b"\n\n")).startswith(b"retry:")
        emulator.add_member(GUILD, "late-joiner")
        change = await asyncio.wait_for(events.content.readuntil(b"\n\n"), 2)
        assert change.startswith(b"event: change")
        # A viewer still listening does not hold the server up (aiohttp would wait 60 s).
        await asyncio.wait_for(emulator.stop(), 10)
        with contextlib.suppress(aiohttp.ClientError):
            await asyncio.wait_for(events.content.read(), 2)


async def test_each_action_lists_the_bots_requests_with_their_rate_limit_bucket(sandbox: Sandbox):
    browser, emulator = sandbox.browser, sandbox.emulator
    assert await browser.post(f"/g/{GUILD}/language", {"locale": "en-US"}) == 204
    _, html = await browser.get(f"/g/{GUILD}/c/{PANEL}")
    # No bot yet: the page says so, and how to start one against this emulator.
    assert "Bot not connected" in html
    assert f"GUICHET_DISCORD_API={emulator.api_url}" in html
    # The bot's requests after an action are counted against it, with their bucket.
    async with browser.session.post(
        f"{emulator.api_url}/channels/{PANEL}/messages",
        json={"content": "posted by the bot"},
        headers={"Authorization": f"Bot {emulator.token}"},
    ) as response:
        assert response.status == 200
    _, html = await browser.get(f"/g/{GUILD}/c/{PANEL}")
    entry = html.split('data-entry="language"', 1)[1].split("</section>", 1)[0]
    assert "one request (one write)" in entry
    assert "/channels/{channel_id}/messages" in entry
    assert "message-create · 4/5 left" in entry


async def test_a_changed_server_file_asks_for_a_reload_by_itself(tmp_path):
    """With files watched (as `guichet run` and `guichet sandbox` do), editing a server file
    reloads; with no bot to answer /guichet reload, the entry says so."""
    import shutil

    from bot.i18n import Catalog
    from bot.sandbox.pytest_plugin import make_emulator
    from bot.sandbox.web import attach_page
    from tests.sandbox_page.conftest import REPO

    servers = tmp_path / "servers"
    shutil.copytree(REPO / "servers", servers)
    emulator = make_emulator()
    page = attach_page(
        emulator,
        Catalog.load(REPO / "locales", strict=True),
        servers_dir=servers,
        locales_dir=None,
        watch_files=True,
    )
    emulator.add_guild("Watched")
    await emulator.start()
    try:

        def reloaded():
            return [e for e in page.activity.entries if e.kind == "file-changed"]

        # Edited until noticed: the watcher's first look may come after the first edit.
        for attempt in range(20):
            (servers / "example.yaml").write_text(f"guild: {attempt}\n", encoding="utf-8")
            with contextlib.suppress(TimeoutError):
                await emulator.wait_for(reloaded, timeout=0.5, poll=0.1)
                break
        [entry, *_] = reloaded()
        assert entry.problems == ["sandbox-reload-no-bot"]
    finally:
        await emulator.stop()


async def test_direct_messages_from_the_bot_reach_their_recipient_only(sandbox: Sandbox):
    from bot.sandbox import messaging

    emulator, seeded = sandbox.emulator, sandbox.seeded
    fr, en = seeded.member("fr"), seeded.member("en-US")
    direct = emulator.dm_channel(fr.id)
    text = f"Votre demande a été refusée : {HOSTILE}"
    body = {"content": text, "components": [{"type": 1, "components": [
        {"type": 2, "style": 5, "label": "Aide", "url": "https://example.com/help"}]}]}  # fmt: skip
    messaging.publish(
        emulator,
        messaging.compose(
            emulator, channel_id=direct.id, guild_id=None, author=emulator.state.bot_user, body=body
        ),
    )
    await _as(sandbox, en.id)
    assert (await sandbox.browser.get(f"/g/{GUILD}/dm"))[0] == 404
    _, html = await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert "Messages privés" not in html and "Direct messages" not in html
    await _as(sandbox, fr.id)
    _, channel_view = await sandbox.browser.get(f"/g/{GUILD}/c/{PANEL}")
    assert f'href="/sandbox/g/{GUILD}/dm"' in channel_view
    status, html = await sandbox.browser.get(f"/g/{GUILD}/dm")
    assert status == 200 and "Votre demande a été refusée" in html
    assert "<script>alert" not in html and 'href="https://example.com/help"' in html
    assert "/dm/click" not in html  # read-only: the bot takes no DMs
