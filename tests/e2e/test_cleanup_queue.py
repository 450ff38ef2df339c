"""Issue 10: a double fault leaves nothing behind. The first message fails and so does the
undo's delete (Discord 5xx): the empty channel was left forever, visible to the member. It
is now remembered in the clean-up queue and deleted once Discord takes it, and the member
may open another ticket meanwhile."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import discord.http
import pytest

from bot.storage import CleanupRepository
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import (
    CATEGORY,
    eventually,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

MESSAGES = "/channels/{channel_id}/messages"
CHANNEL = "/channels/{channel_id}"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_channel_whose_delete_failed_is_deleted_later(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    real_sleep = asyncio.sleep

    async def quick(delay: float, *args: Any, **kwargs: Any) -> Any:  # discord.py's 5xx waits
        return await real_sleep(delay / 100 if delay >= 1 else delay, *args, **kwargs)

    g = await start_tickets(start_guichet, workspace)
    monkeypatch.setattr(discord.http.asyncio, "sleep", quick)
    g.emulator.faults.fail("POST", MESSAGES, status=500, times=5)
    g.emulator.faults.fail("DELETE", CHANNEL, status=503, times=2)  # the undo, then a retry
    member = g.member(locale)

    refused = await pick(g, member, "other")

    assert await reply_text(refused, timeout=10) == t(g, "tickets-retry-later", locale)
    [orphan] = [c for c in g.emulator.state.channels.values() if c.parent_id == CATEGORY]
    [queued] = await CleanupRepository(g.db).pending()
    assert queued.channel_id == orphan.id
    # Staff read why the opening failed (the server's language).
    assert (await logged(g))[-1] == t(
        g,
        "staff-log-open-failed",
        "fr",
        topic="Autre chose",
        member=f"<@{member.user_id}>",
        problem="server_error",
        permissions="",
    )
    # Not blocked: the member opens another ticket while the orphan waits for its delete.
    second = await opened(g, await pick(g, member, "other"))
    assert second.id != orphan.id

    await g.emulator.wait_for(lambda: orphan.id not in g.emulator.state.channels, timeout=15)
    queue = CleanupRepository(g.db)
    await eventually(lambda: _empty(queue))  # recorded just after Discord's answer
    assert [c.id for c in g.emulator.state.channels.values() if c.parent_id == CATEGORY] == [
        second.id
    ]


async def _empty(queue: CleanupRepository) -> bool:
    return not await queue.pending()
