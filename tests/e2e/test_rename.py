"""Issue 16 end to end: /ticket rename within Discord's 2 renames per 10 minutes per channel.
Two renames go through; a third is told when it will be possible (a Discord timestamp)
without a request; when Discord itself refuses (renamed elsewhere meanwhile), its 429 is
told the same way at once, never slept through; members may not rename."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage import RenameRepository
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import cast, logged, run, stored, ticket_for
from tests.e2e.tickets_helpers import start_tickets, t

pytestmark = pytest.mark.e2e

PATCH_CHANNEL = "/channels/{channel_id}"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_two_renames_then_told_when_the_third_is_possible(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    channel = await ticket_for(g, people)
    mention = f"<#{channel.id}>"

    first = await run(people.handler, channel, "rename", locale, name="Refund Dupont")
    assert first.content == t(g, "rename-done", locale, number=1, channel=mention)
    assert channel.name == "refund-dupont"  # as Discord stores a text channel's name
    actor = f"<@{people.handler.user_id}>"
    assert (await logged(g))[-1] == t(g, "rename-log", "fr", number=1, channel=mention, actor=actor)
    await run(people.staff, channel, "rename", locale, name="refund-dupont-2")
    assert channel.name == "refund-dupont-2"

    mark = g.emulator.recorder.mark()
    third = await run(people.handler, channel, "rename", locale, name="never")
    [oldest, _] = await RenameRepository(g.db).since(channel.id, _ago(minutes=10))
    possible = int((oldest + timedelta(minutes=10, seconds=1)).timestamp())
    assert third.content == t(g, "rename-too-soon", locale, count=2, when=f"<t:{possible}:R>")
    assert possible > time.time() + 9 * 60  # about 10 minutes from now
    assert channel.name == "refund-dupont-2"
    assert g.emulator.recorder.count("PATCH", PATCH_CHANNEL, since=mark) == 0

    # Members (the opener, someone let in) are refused, and the name stays.
    refused = await run(people.opener, channel, "rename", locale, name="mine")
    assert refused.content == t(g, "tickets-staff-only", locale)
    assert (await stored(g, channel)).number == 1 and channel.name == "refund-dupont-2"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_discord_s_own_refusal_is_told_at_once(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.rate_limits.speedup = 1.0  # Discord's own 10 minutes, not the suite's 12 s
    people = cast(g)
    channel = await ticket_for(g, people)
    await run(people.handler, channel, "rename", locale, name="one")
    await run(people.handler, channel, "rename", locale, name="two")
    started = time.time()
    # As if renamed by hand twice: the bot's own account is empty, Discord's is not.
    await g.db.execute("DELETE FROM channel_renames")

    asked = time.monotonic()
    third = await run(people.handler, channel, "rename", locale, name="three")
    assert time.monotonic() - asked < 3  # answered, not slept through
    assert channel.name == "two"
    prefix, _, rest = t(g, "rename-too-soon", locale, count=2, when="\0").partition("\0")
    assert third.content.startswith(prefix) and third.content.endswith(rest)
    when = int(third.content[len(prefix) :].split(":")[1])
    assert started + 9 * 60 < when < started + 11 * 60  # from Discord's retry_after
    assert g.emulator.rate_limits.refusals  # Discord did answer 429


def _ago(**delta: float):
    from bot.storage.database import utc_now

    return utc_now() - timedelta(**delta)
