"""Issue 10: ``/guichet reload`` is checked by the bot itself and answers about the asking
server only, with paths relative to the servers folder (never the host's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.scaffold import Scaffold
from bot.i18n import Catalog
from bot.sandbox.actors import Actor, ActorError
from bot.sandbox.command_access_rules import CommandPermission, TargetKind
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    CATEGORY,
    GUILD,
    STAFF_ROLE,
    SUPPORT_PANEL,
    opened,
    panel,
    pick,
    reply_text,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

BISTRO_GUILD = 300000000000000000


def add_bistro(workspace: Path) -> None:
    """A second server, for another guild, valid at start."""
    catalog = Catalog.load(workspace / "locales")

    def texts(msg_id: str, locale: str | None = None, **args: object) -> str:
        return catalog.translate(msg_id, locale, **args)

    scaffold = Scaffold(name="bistro", guild=BISTRO_GUILD, locale="en-US", texts=texts)
    (workspace / "servers" / "bistro.yaml").write_text(scaffold.server_yaml(), encoding="utf-8")
    for locale in catalog.locales:
        ftl = workspace / "locales" / locale / "servers" / "bistro.ftl"
        ftl.write_text(scaffold.server_ftl(locale), encoding="utf-8")


def open_guichet_to(g: Guichet, role_id: int) -> None:
    """As the server's admins would in Server Settings → Integrations: /guichet asks for
    Manage Server by default (default_member_permissions), so Discord's client offers it to
    nobody else until they allow a role."""
    guild = g.server().guild.id
    [command] = [
        c
        for scope in (guild, None)
        for c in g.emulator.state.commands.get(scope, {}).values()
        if c.name == "guichet"
    ]
    g.emulator.set_command_permissions(
        guild, command.id, [CommandPermission(role_id, TargetKind.ROLE, permission=True)]
    )


def staff(g: Guichet) -> Actor:
    open_guichet_to(g, STAFF_ROLE)
    return g.actor(g.server().staff[0].user.id)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reload_shows_the_asking_server_its_own_problems_only(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    add_bistro(workspace)
    g = await start_tickets(start_guichet, workspace)
    # Both files break: bistro's problem is not example's staff's business.
    g.edit(g.server_file("bistro"), "style: channel", "style: chanel")
    g.edit(g.server_file(), "kind: select", "kind: selcet")
    line = next(
        number
        for number, text in enumerate(g.server_file().read_text().splitlines(), start=1)
        if "selcet" in text
    )

    text = await reply_text(await staff(g).slash("guichet", "reload", locale=locale), timeout=10)

    assert text.startswith(t(g, "admin-reload-done", locale, servers=1, changes=0))
    assert t(g, "admin-reload-errors", locale, count=1) in text
    assert f"`example.yaml:{line}:" in text
    assert "selcet" in text
    assert "bistro" not in text and "chanel" not in text
    assert str(workspace) not in text and "servers/" not in text


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reload_is_refused_to_members_who_are_not_staff(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """Discord's default_member_permissions can be overridden by a server's admins in its
    Integrations settings: the bot checks who asks all the same, and reloads nothing."""
    g = await start_tickets(start_guichet, workspace)
    before = panel(g, SUPPORT_PANEL).embeds
    g.edit(g.ftl("fr"), "= Besoin d'aide ?", "= À l'aide ?")
    mark = g.emulator.recorder.mark()
    with pytest.raises(ActorError, match="does not offer /guichet"):  # as Discord ships it
        await g.member(locale).slash("guichet", "reload")
    open_guichet_to(g, GUILD)  # to @everyone

    text = await reply_text(await g.member(locale).slash("guichet", "reload"))

    assert text == t(g, "reload-not-allowed", locale)
    assert panel(g, SUPPORT_PANEL).embeds == before
    assert (
        g.emulator.recorder.count(
            "PATCH", "/channels/{channel_id}/messages/{message_id}", since=mark
        )
        == 0
    )

    # Staff of the server may (through their staff role, without Manage Server).
    done = await reply_text(await staff(g).slash("guichet", "reload", locale=locale), timeout=10)
    assert done.startswith(t(g, "admin-reload-done", locale, servers=1, changes=1))
    assert panel(g, SUPPORT_PANEL).embeds != before


BOMB = "".join(
    [
        'laughs0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n',
        *(f"laughs{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)),
    ]
)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_reload_bounds_hostile_files_and_keeps_serving(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """A YAML bomb and .ftl references that loop: the reload answers at once with where
    they are, and the server keeps its previous configuration and texts."""
    g = await start_tickets(start_guichet, workspace)
    path = g.server_file()
    lines = len(path.read_text(encoding="utf-8").splitlines())
    path.write_text(path.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    ftl = g.ftl("fr")
    ftl_lines = len(ftl.read_text(encoding="utf-8").splitlines())
    ftl.write_text(ftl.read_text(encoding="utf-8") + "loop-a = { loop-b }\nloop-b = { loop-a }\n")

    text = await reply_text(await staff(g).slash("guichet", "reload", locale=locale), timeout=10)

    bomb = t(g, "config-limit-expanded", locale, limit="20000")  # as in the file: no grouping
    assert f"`example.yaml:{lines + 5}:1: {bomb}`" in text
    cycle = t(g, "ftl-limit-reference-cycle", locale, id="loop-a")
    assert f"`fr/servers/example.ftl:{ftl_lines + 1}:1: {cycle}`" in text
    # Still served from the previous configuration: a member opens a ticket as before.
    opened_channel = await opened(g, await pick(g, g.member(locale), "other"))
    assert opened_channel.parent_id == CATEGORY
