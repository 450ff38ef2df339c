"""A connection to Discord cut before its answer (a reset between the bot and Discord's edge:
aiohttp's ``ServerDisconnectedError``, which discord.py does not retry) while a ticket opens.
It is Discord not answering: the member is told to try again in their language, nothing is
left behind, staff read why in the log channel, and no traceback is logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import CATEGORY, opened, pick, reply_text, start_tickets, t

pytestmark = pytest.mark.e2e

CREATE_CHANNEL = "/guilds/{guild_id}/channels"
MESSAGES = "/channels/{channel_id}/messages"


def _tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("locale", "route"), [("en-US", CREATE_CHANNEL), ("fr", MESSAGES)], ids=["create", "welcome"]
)
async def test_a_cut_connection_is_a_retry_later_and_leaves_nothing(
    start_guichet: StartGuichet,
    workspace: Path,
    caplog: pytest.LogCaptureFixture,
    locale: str,
    route: str,
) -> None:
    g = await start_tickets(start_guichet, workspace)
    caplog.set_level(logging.WARNING)
    g.emulator.faults.drop("POST", route)
    member = g.member(locale)

    refused = await pick(g, member, "other")

    assert await reply_text(refused, timeout=10) == t(g, "tickets-retry-later", locale)
    # A welcome cut off means the channel was made: it is deleted, not left to the member.
    await g.emulator.wait_for(
        lambda: [c for c in g.emulator.state.channels.values() if c.parent_id == CATEGORY] == [],
        timeout=10,
    )
    assert await g.db.fetch_value("SELECT count(*) FROM tickets") == 0
    assert (await logged(g))[-1] == t(
        g,
        "staff-log-open-failed",
        "fr",
        topic="Autre chose",
        member=f"<@{member.user_id}>",
        problem="timeout",
        permissions="",
    )
    assert _tracebacks(caplog) == []
    # Nothing blocks the next opening.
    channel = await opened(g, await pick(g, member, "other"))
    assert channel.parent_id == CATEGORY
