"""Thread-style tickets from the handlers' side. A private thread shows only to its members, and
Discord is not known to add a role's members when a *bot* mentions the role (the emulator adds
nobody for it by default): handlers come in through the Join button of the ticket's notice in
the log channel (the partners system has no reception), reply there, and ``claim_hides`` takes
the other handlers out until the ticket is released. Where a bot's role mention is honoured
(the emulator's switch on), the first message's mention brings them in and Join still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.sandbox.actors import ActorError
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.state import Channel, Message
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import LOG_CHANNEL, answered, run
from tests.e2e.tickets_helpers import (
    GUILD,
    STAFF_ROLE,
    bot_messages,
    click_partnership,
    close_by_command,
    opened,
    outcome,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

CLAIM_HIDES = ("on_close: keep", "on_close: keep\n    claim_hides: true")
SILENT = 1 << 12


def _second_handler(g: Guichet):
    """Another holder of the partners system's handler role (the server's staff role)."""
    member = g.emulator.add_member(GUILD, "staff-b", roles=[STAFF_ROLE], locale="en-US")
    return g.actor(member.user.id)


def _notices(g: Guichet, number: int) -> list[Message]:
    join = encode(Action.JOIN, number)
    return [
        m
        for m in bot_messages(g, LOG_CHANNEL)
        if any(c.get("custom_id") == join for row in m.components for c in row["components"])
    ]


async def join_notices(g: Guichet, number: int = 1, *, count: int = 1) -> list[Message]:
    """The ticket's Join notices in the log channel, oldest first, once ``count`` are there:
    a notice is posted after the member's answer."""
    await g.emulator.wait_for(lambda: len(_notices(g, number)) >= count, timeout=10)
    return _notices(g, number)


def notice_text(g: Guichet, thread: Channel, member_id: int, *, released: bool = False) -> str:
    return t(
        g,
        "handler-join-notice-released" if released else "handler-join-notice",
        "fr",  # the server's language
        number=1,
        topic="Partenariat",
        member=f"<@{member_id}>",
        channel=f"<#{thread.id}>",
        handlers=f"<@&{STAFF_ROLE}>",
        count=1,
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_handlers_join_a_private_thread_from_its_notice(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    handler = g.actor(g.server().staff[0].user.id)  # partners: the server's staff role
    thread = await opened(g, await click_partnership(g, member))

    [first] = bot_messages(g, thread)
    assert first.mention_roles == [STAFF_ROLE] and first.flags & SILENT  # a ping nobody gets
    assert not handler.can_view(thread)  # the bot's role mention added nobody
    [notice] = await join_notices(g)
    assert notice.content == notice_text(g, thread, member.user_id)
    assert notice.mention_roles == []  # partners: no mention_handlers, nobody pinged

    joined = await handler.click(notice, encode(Action.JOIN, 1), locale=locale)

    assert (await answered(joined)).content == t(
        g, "handler-join-done", locale, number=1, channel=f"<#{thread.id}>"
    )
    assert handler.user_id in thread.thread_members
    assert handler.can_view(thread) and handler.can_send(thread)
    answer = await handler.say(thread, "Hello, how can I help?")
    assert answer.id in {m.id for m in member.messages(thread)}
    claimed = await handler.click(first, encode(Action.CLAIM, 1), locale=locale)
    assert (await answered(claimed)).content == t(g, "staff-claimed-reply", locale, number=1)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_only_the_systems_staff_join_and_only_while_it_is_open(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    opener = g.member("fr")
    curious = g.member("en-US")
    thread = await opened(g, await click_partnership(g, opener))
    [notice] = await join_notices(g)
    with pytest.raises(ActorError):  # members do not even see the log channel...
        await curious.click(notice, encode(Action.JOIN, 1))
    log = g.emulator.state.channels[LOG_CHANNEL]
    log.overwrites[curious.user_id] = Overwrite(curious.user_id, 1, allow=Perm.VIEW_CHANNEL)

    refused = await curious.click(notice, encode(Action.JOIN, 1), locale=locale)  # ...or join

    assert (await answered(refused)).content == t(g, "tickets-staff-only", locale)
    assert not curious.can_view(thread)

    await outcome(g, await close_by_command(opener, thread))
    handler = g.actor(g.server().staff[0].user.id)
    late = await handler.click(notice, encode(Action.JOIN, 1), locale=locale)
    assert (await answered(late)).content == t(g, "handler-join-closed", locale, number=1)
    assert not handler.can_view(thread)


async def test_claim_hides_keeps_others_out_until_released_then_they_join_again(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    holder: dict[str, object] = {}

    def prepare(g: Guichet) -> None:
        holder["colleague"] = _second_handler(g)

    g = await start_tickets(start_guichet, workspace, CLAIM_HIDES, prepare=prepare)
    member = g.member("fr")
    claimer = g.actor(g.server().staff[0].user.id)
    colleague = holder["colleague"]
    owner = g.actor(g.server().owner.user.id)
    thread = await opened(g, await click_partnership(g, member))
    [notice] = await join_notices(g)
    for handler in (claimer, colleague):
        await answered(await handler.click(notice, encode(Action.JOIN, 1)))  # type: ignore[attr-defined]
    assert colleague.can_view(thread)  # type: ignore[attr-defined]

    claimed = await run(claimer, thread, "claim", "fr")

    assert claimed.content == t(g, "staff-claimed-reply", "fr", number=1)
    assert not colleague.can_view(thread)  # type: ignore[attr-defined]
    assert claimer.can_send(thread) and member.can_send(thread)
    assert owner.can_view(thread)  # the owner (and administrators) always see it
    kept_out = await colleague.click(notice, encode(Action.JOIN, 1))  # type: ignore[attr-defined]
    assert (await answered(kept_out)).content == t(
        g, "handler-join-claimed", "en-US", number=1, staff=f"<@{claimer.user_id}>"
    )
    assert not colleague.can_view(thread)  # type: ignore[attr-defined]

    released = await run(claimer, thread, "unclaim", "fr")

    assert released.content == t(g, "staff-unclaimed-reply", "fr", number=1)
    back = bot_messages(g, thread)[-1]
    assert back.mention_roles == [STAFF_ROLE] and back.flags & SILENT
    _, again = await join_notices(g, count=2)
    assert again.content == notice_text(g, thread, member.user_id, released=True)
    assert not colleague.can_view(thread)  # type: ignore[attr-defined]
    rejoined = await colleague.click(again, encode(Action.JOIN, 1))  # type: ignore[attr-defined]
    assert (await answered(rejoined)).content == t(
        g, "handler-join-done", "en-US", number=1, channel=f"<#{thread.id}>"
    )
    assert colleague.can_view(thread)  # type: ignore[attr-defined]


async def test_where_a_bots_role_mention_is_honoured_handlers_are_in_at_once(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    def honour(g: Guichet) -> None:
        g.emulator.bot_role_mentions_add_thread_members = True

    g = await start_tickets(start_guichet, workspace, prepare=honour)
    handler = g.actor(g.server().staff[0].user.id)
    thread = await opened(g, await click_partnership(g, g.member("fr")))
    assert handler.can_view(thread)  # brought in by the first message's mention

    [notice] = await join_notices(g)
    joined = await handler.click(notice, encode(Action.JOIN, 1), locale="fr")
    assert (await answered(joined)).content == t(
        g, "handler-join-done", "fr", number=1, channel=f"<#{thread.id}>"
    )
    assert handler.can_send(thread)
