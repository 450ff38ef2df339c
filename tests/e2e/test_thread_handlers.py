"""Thread-style tickets from the handlers' side: they reach the private thread through the role
mention of its first message (as on Discord), reply there, and ``claim_hides`` takes the other
handlers out of the thread until the ticket is released."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import answered, run
from tests.e2e.tickets_helpers import (
    GUILD,
    STAFF_ROLE,
    bot_messages,
    click_partnership,
    opened,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

CLAIM_HIDES = ("on_close: keep", "on_close: keep\n    claim_hides: true")


def _second_handler(g: Guichet):
    """Another holder of the partners system's handler role (the server's staff role)."""
    member = g.emulator.add_member(GUILD, "staff-b", roles=[STAFF_ROLE], locale="en-US")
    return g.actor(member.user.id)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_handlers_see_and_answer_in_a_private_thread(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    handler = g.actor(g.server().staff[0].user.id)  # partners: the server's staff role
    thread = await opened(g, await click_partnership(g, member))

    [first] = bot_messages(g, thread)
    assert STAFF_ROLE in first.mention_roles  # the mention that brings handlers in
    assert handler.user_id in thread.thread_members
    assert handler.can_view(thread) and handler.can_send(thread)
    answer = await handler.say(thread, "Hello, how can I help?")
    assert answer.id in {m.id for m in member.messages(thread)}
    # And they can act on it: claim from the first message.
    claimed = await handler.click(first, encode(Action.CLAIM, 1), locale=locale)
    assert (await answered(claimed)).content == t(g, "staff-claimed-reply", locale, number=1)


async def test_claim_hides_removes_the_other_handlers_from_the_thread(
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
    assert colleague.can_view(thread)  # type: ignore[attr-defined]

    claimed = await run(claimer, thread, "claim", "fr")

    assert claimed.content == t(g, "staff-claimed-reply", "fr", number=1)
    assert not colleague.can_view(thread)  # type: ignore[attr-defined]
    assert claimer.can_send(thread) and member.can_send(thread)
    assert owner.can_view(thread)  # the owner (and administrators) always see it

    released = await run(claimer, thread, "unclaim", "fr")

    assert released.content == t(g, "staff-unclaimed-reply", "fr", number=1)
    assert colleague.can_view(thread)  # type: ignore[attr-defined]
    back = bot_messages(g, thread)[-1]
    assert back.mention_roles == [STAFF_ROLE] and back.flags & (1 << 12)  # silent
