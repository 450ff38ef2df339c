"""Issue 10: ids a server file names that Discord no longer has (deleted by hand since).

A deleted category: the member is told in their language that this kind of ticket cannot
open now, staff read why in the log channel, nothing is half-made (before: a "try again"
that could never work). A deleted handler role: the ticket opens without it (before:
Discord refused the whole call). ``guichet plan --refresh`` reports each as drift at its
file and line (before: nothing).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from bot.config.diagnostics import Diagnostic, phrase
from bot.config.references import KIND_TEXT, Kind
from bot.i18n.ids import message_id
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import (
    CATEGORY,
    GUILD,
    HANDLER_ROLE,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)
from tests.processes import clean_env

pytestmark = pytest.mark.e2e


def _line_of(path: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text.split(": ", 1)[-1]) + 1
    raise AssertionError(f"{text!r} not in {path}")


async def _rows(g: Guichet) -> int:
    return int(await g.db.fetch_value("SELECT count(*) FROM tickets"))


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_deleted_category_is_explained_and_leaves_nothing(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.delete_channel(g.emulator.state.channels[CATEGORY])
    await g.emulator.wait_for(lambda: g.bot.get_channel(CATEGORY) is None)  # type: ignore[union-attr]
    member = g.member(locale)

    exchange = await pick(g, member, "other")

    assert await reply_text(exchange) == t(g, "tickets-setup-missing", locale)
    assert (await logged(g))[-1] == t(
        g,
        "staff-log-open-failed",
        "fr",
        topic="Autre chose",
        member=f"<@{member.user_id}>",
        problem="missing-channel",
        permissions="",
    )
    assert ticket_channels(g) == [] and await _rows(g) == 0
    # The dialog of a topic with questions is not even shown: nothing typed for nothing.
    billing = await pick(g, member, "billing")
    assert billing.modal is None
    assert await reply_text(billing) == t(g, "tickets-setup-missing", locale)


async def test_deleted_handler_role_does_not_stop_openings(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.role_deleted(g.emulator.state.guilds[GUILD], HANDLER_ROLE)
    await g.emulator.wait_for(lambda: g.bot.get_guild(GUILD).get_role(HANDLER_ROLE) is None)  # type: ignore[union-attr]

    channel = await opened(g, await pick(g, g.member("fr"), "other"))

    assert HANDLER_ROLE not in channel.overwrites
    assert await _rows(g) == 1


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_plan_refresh_reports_deleted_references_at_their_line(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.delete_channel(g.emulator.state.channels[CATEGORY])
    g.emulator.role_deleted(g.emulator.state.guilds[GUILD], HANDLER_ROLE)
    env = clean_env(
        GUICHET_TOKEN=g.emulator.token,
        GUICHET_DISCORD_API=g.emulator.api_url,
        GUICHET_DISCORD_GATEWAY=g.emulator.gateway_url,
        GUICHET_DATABASE=str(workspace / "plan.sqlite3"),
        LANG={"en-US": "C.UTF-8", "fr": "fr_FR.UTF-8"}[locale],
        LC_ALL="",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "plan",
        "--refresh",
        cwd=workspace,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 120)
    lines = err.decode().splitlines()

    assert process.returncode == 1, lines
    assert "Traceback" not in err.decode()
    path = Path("servers") / "example.yaml"
    catalog = g.runtime.catalog

    def expected(where: str, kind: Kind, ident: int, text: str) -> str:
        at = _line_of(workspace / path, text)
        gone = message_id("drift-reference-missing")
        found = Diagnostic.at(path, at, where, gone, kind=phrase(KIND_TEXT[kind]), id=str(ident))
        return found.render(lambda m, loc=None, **a: catalog.translate(m, loc, **a), locale)

    category = expected("systems.support.category", Kind.CHANNEL, CATEGORY, f"category: {CATEGORY}")
    assert category in lines, lines
    role = next(line for line in lines if "systems.support.handlers[1]" in line)
    assert f"{HANDLER_ROLE}" in role and role.startswith("servers/example.yaml:")
